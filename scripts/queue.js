'use strict';
/**
 * n8n in queue mode on this machine, as production runs it: a private PostgreSQL and Redis, one
 * main (editor, webhooks, triggers; enqueues every execution) and workers that run them, each n8n
 * process with its own user folder and the packed package installed in each, the same encryption
 * key everywhere, all on 127.0.0.1 and free ports. Used by `npm run start:queue`,
 * `npm run test:queue` and `npm run bench`.
 *
 * One user folder per process, not one shared: that is how separate machines or containers run,
 * it proves the package is installed on every worker, and n8n writes per-process files there
 * (a worker's event log is always `n8nEventLog-worker.log`, so two workers sharing a folder would
 * write the same file).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');

const { packTarball, installTarball, startN8n } = require('./n8n');
const { prepareInstance, importWorkflows } = require('./instance');
const { startPostgres, startRedis } = require('./services');
const { waitReady, setupOwner, login, activateWorkflow } = require('./rest');
const { freePort, processesOf, alive, signalIfSame, sleep } = require('./proc');

/**
 * How long a job held by a dead worker stays locked before it fails: n8n's defaults are 60 s lock,
 * 10 s renewal, 30 s stalled checks (a dead worker's jobs fail after about 134 s); these make it
 * about 65 s (30 s lock + a 5 s check + n8n's own 30 s grace re-check of the execution's status).
 * The lock is also what a live worker must renew in time: a 30 s lock renewed every 5 s leaves a
 * busy worker 25 s of slack before Bull takes its jobs for stalled and fails them (a 20 s lock left
 * 15 s, thin on a loaded 2-core machine, where a false stall fails an execution that was fine).
 */
const SHORT_LOCK = { durationMs: 30000, renewMs: 5000, stalledIntervalMs: 5000 };

/** `Worker started execution 12 (job 12)` / `Worker finished execution 12 (job 12)`, n8n's info lines. */
const JOB_LINE = /Worker (started|finished) execution (\d+) \(job /;

/** An n8n process's output: to its log file, and each worker's job lines into two sets. */
function follow(proc, logFile) {
	proc.logFile = logFile;
	proc.started = new Set();
	proc.finished = new Set();
	for (const stream of [proc.child.stdout, proc.child.stderr]) {
		readline.createInterface({ input: stream }).on('line', (line) => {
			const match = JOB_LINE.exec(line);
			if (match) proc[match[1]].add(match[2]);
		});
	}
	/**
	 * Executions this worker started and has not finished, leaving out those started before `since`
	 * (a snapshot of `started` a test takes first): one an earlier test left without its finished
	 * line cannot then pass for, or hide, one of this test's.
	 */
	proc.inFlight = (since = new Set()) => [...proc.started].filter((id) => !proc.finished.has(id) && !since.has(id));
	return proc;
}

/**
 * Starts everything and resolves with the cluster; on any failure stops what it started and
 * rejects. `dir` (logs, user folders) is wiped first. `tarball`: the package already packed (by
 * the test runner, once for all suites), else packed into `dir`. `workflows` are imported before
 * n8n starts; those marked active are activated over REST once the owner exists (n8n refuses an
 * import-time activation before).
 * Aborting `signal` (Ctrl-C during start-up) stops what has started; the promise then rejects once
 * everything it started is stopped, its error's `stopped` naming what was.
 */
async function startQueue({
	dir,
	sandboxUrl,
	sandboxApiUrl,
	workflows = [],
	workers = 2,
	concurrency = 10,
	lock,
	log = () => {},
	signal,
	tarball: packed,
}) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const stoppers = [];
	const cluster = { dir, workers: [], stoppers };
	const stopped = [];
	let draining = Promise.resolve();
	/**
	 * Stops everything started so far, last started first, and resolves with what it stopped. Calls
	 * queue up behind each other, so that a process started after an earlier call is stopped too.
	 */
	cluster.stop = () => {
		draining = draining.then(async () => {
			while (stoppers.length) {
				const { name, stop } = stoppers.pop();
				await stop().catch(() => {});
				stopped.push(name);
			}
		});
		return draining.then(() => [...stopped]);
	};
	signal?.addEventListener('abort', () => cluster.stop(), { once: true });
	/** Between steps: a start-up aborted meanwhile goes no further. */
	const step = async (promise) => {
		const value = await promise;
		if (signal?.aborted) throw new Error('start-up stopped');
		return value;
	};
	const output = (name) => fs.createWriteStream(path.join(dir, `${name}.log`), { flags: 'a' });

	try {
		log(`Starting PostgreSQL and Redis (logs in ${path.relative(process.cwd(), dir) || dir})…`);
		// A server is on the stop list before the next check, so that an abort meanwhile stops it too.
		const postgres = await startPostgres({ output: output('postgres') });
		stoppers.push({ name: `PostgreSQL (port ${postgres.port})`, stop: postgres.stop });
		await step();
		const redis = await startRedis({ dir: path.join(dir, 'redis'), output: output('redis') });
		stoppers.push({ name: `Redis (port ${redis.port})`, stop: redis.stop });
		await step();
		const queue = { encryptionKey: crypto.randomBytes(24).toString('hex'), postgres, redis, lock };
		Object.assign(cluster, { postgres, redis, queue });

		log(`${packed ? 'Installing the packed package' : 'Packing the package and installing it'} for main and each worker, as n8n installs community packages…`);
		const tarball = packed ?? (await step(packTarball(path.join(dir, 'pack'))));
		const mainFolder = path.join(dir, 'main');
		await step(prepareInstance({ userFolder: mainFolder, sandboxUrl, sandboxApiUrl, workflows, queue, tarball }));

		let workerCount = 0;
		/**
		 * One more worker; `withPackage: false` shows what a worker without the package does;
		 * `nodeArgs` go to its Node (the bench profiles a worker with `--inspect`).
		 */
		cluster.addWorker = async ({ withPackage = true, nodeArgs = [] } = {}) => {
			const name = `worker-${++workerCount}`;
			const userFolder = path.join(dir, name);
			fs.mkdirSync(userFolder, { recursive: true });
			if (withPackage) await step(installTarball(userFolder, tarball));
			const healthPort = await freePort();
			const proc = startN8n(userFolder, {
				args: ['worker', `--concurrency=${concurrency}`],
				nodeArgs,
				brokerPort: await freePort(),
				healthPort,
				queue,
				output: output(name),
			});
			follow(proc, path.join(dir, `${name}.log`));
			Object.assign(proc, { name, userFolder, healthUrl: `http://127.0.0.1:${healthPort}`, healthPort });
			cluster.workers.push(proc);
			stoppers.push({ name: `n8n ${name} (pid ${proc.pid})`, stop: proc.stop });
			await waitReady(proc.healthUrl, { exited: proc.exited });
			return proc;
		};

		log(`Starting n8n main and ${workers} worker${workers === 1 ? '' : 's'} (--concurrency=${concurrency})…`);
		const port = await freePort();
		const main = startN8n(mainFolder, { port, brokerPort: await freePort(), queue, output: output('main') });
		follow(main, path.join(dir, 'main.log'));
		Object.assign(main, { name: 'main', userFolder: mainFolder, url: `http://127.0.0.1:${port}`, port });
		cluster.main = main;
		stoppers.push({ name: `n8n main (port ${port}, pid ${main.pid})`, stop: main.stop });
		await step(Promise.all([waitReady(main.url, { exited: main.exited }), ...Array.from({ length: workers }, () => cluster.addWorker())]));

		await step(setupOwner(main.url));
		cluster.rest = await step(login(main.url));
		Object.assign(cluster, helpers(cluster));
		for (const workflow of workflows.filter((w) => w.active)) await step(cluster.activate(workflow.id));
		return cluster;
	} catch (error) {
		error.stopped = await cluster.stop();
		throw error;
	}
}

/** SIGTERM to each process (from processesOf) still running, SIGKILL after 10 s to any still there. */
async function endAll(processes) {
	const signal = (name) => processes.forEach((each) => signalIfSame(each, name));
	signal('SIGTERM');
	for (let i = 0; i < 40 && processes.some(alive); i++) await sleep(250);
	signal('SIGKILL');
}

function helpers(cluster) {
	const { main, postgres, queue } = cluster;
	return {
		/** POSTs JSON to main's production webhook `path`; see `callMany`. */
		webhookUrl: (webhookPath) => `${main.url}/webhook/${webhookPath}`,
		/** Imports more workflows into the running cluster, inactive; activate them with `activate`. */
		importWorkflows: (workflows) => importWorkflows(main.userFolder, workflows, { queue }),
		/** Activates a workflow over REST and waits until its triggers are live (see rest.js). */
		activate: (workflowId, options) => activateWorkflow(cluster.rest, workflowId, options),
		/**
		 * SIGKILLs a worker by pid, as a crash or an OOM kill would, and resolves once it is gone, with
		 * the executions it had started and not finished. Its task runner (a child process) is left
		 * to itself, as it would be; `stop()` ends it if it is still there.
		 */
		async killWorker(worker, since) {
			const inFlight = worker.inFlight(since);
			const [, ...children] = processesOf(worker.pid);
			process.kill(worker.pid, 'SIGKILL');
			await worker.exited;
			cluster.stoppers.push({ name: `what ${worker.name} left (pids ${children.map((each) => each.pid).join(', ') || 'none'})`, stop: () => endAll(children) });
			return inFlight;
		},
		/** The executions of a workflow as n8n stored them: id, status, mode, oldest first. */
		async executions(workflowId) {
			const rows = await postgres.query(`SELECT id, status, mode FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}' ORDER BY id`);
			return rows.map(([id, status, mode]) => ({ id, status, mode }));
		},
	};
}

/**
 * Sends `bodies` as JSON POSTs to `url`, at most `concurrency` at once, each with a generous
 * timeout; resolves, in input order, with each answer's status and parsed body (or the error).
 */
async function callMany(url, bodies, { concurrency = 20, timeoutMs = 240000 } = {}) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const results = new Array(bodies.length);
	let next = 0;
	const one = (body) =>
		new Promise((resolve) => {
			const text = JSON.stringify(body);
			const req = http.request(url, { method: 'POST', agent, timeout: timeoutMs, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } }, (res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () => {
					const raw = Buffer.concat(chunks).toString('utf8');
					let parsed;
					try {
						parsed = JSON.parse(raw);
					} catch {
						parsed = raw;
					}
					resolve({ status: res.statusCode, body: parsed });
				});
			});
			req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
			req.on('error', (error) => resolve({ status: 0, error: error.message }));
			req.end(text);
		});
	const lane = async () => {
		while (next < bodies.length) {
			const i = next++;
			results[i] = await one(bodies[i]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, lane));
	agent.destroy();
	return results;
}

module.exports = { startQueue, callMany, SHORT_LOCK, JOB_LINE };
