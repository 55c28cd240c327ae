#!/usr/bin/env node
'use strict';
/**
 * `npm run start:queue`: n8n in queue mode with this package, against the DTS sandbox: a private
 * PostgreSQL and Redis, n8n main and two workers (`--concurrency=10`), the credential, the example
 * workflow and an active webhook workflow, all on 127.0.0.1 and free ports. Ctrl-C or SIGTERM
 * stops everything. Each run starts from scratch in .n8n-cache/queue (logs stay there afterwards).
 */
const path = require('node:path');

const { createSandbox } = require('../test/sandbox/server');
const { CACHE, N8N_VERSION, ensureN8n } = require('./n8n');
const { startQueue } = require('./queue');
const { EXAMPLE, WEBHOOK, CREDENTIAL, DEMO_KEY, exampleWorkflow, webhookWorkflow } = require('./fixtures');
const { OWNER } = require('./rest');
const { log, freePort } = require('./proc');
const { postgresBin, redisBin } = require('./services');

const DIR = path.join(CACHE, 'queue');
const SANDBOX_PORT = 4010;

let sandbox;
let cluster;
let starting;
let stopping = false;
const startUp = new AbortController();

async function stop(code) {
	if (stopping) return;
	stopping = true;
	if (starting || sandbox) log('\nStopping the n8n processes, Redis, PostgreSQL and the sandbox…');
	if (starting && !cluster) {
		// Still starting: what has started stops now; the step under way (an import, at most a
		// minute) finishes first, then start-up stops too.
		startUp.abort();
		cluster = await starting.catch((error) => {
			for (const name of error.stopped ?? []) log(`  stopped ${name}`);
			return null;
		});
	}
	const ports = [];
	if (cluster) {
		ports.push(cluster.main?.port, ...cluster.workers.map((w) => w.healthPort), cluster.redis?.port, cluster.postgres?.port);
		for (const name of await cluster.stop()) log(`  stopped ${name}`);
	}
	if (sandbox) {
		ports.push(sandbox.port);
		await sandbox.close();
		log(`  stopped the DTS sandbox (port ${sandbox.port})`);
	}
	const held = [];
	for (const port of ports.filter(Boolean)) if ((await freePort(port)) !== port) held.push(port);
	if (ports.length) log(held.length ? `  still in use: ports ${held.join(', ')}` : `  free again: ports ${ports.filter(Boolean).join(', ')}.`);
	process.exit(code);
}

async function main() {
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	postgresBin();
	redisBin();
	await ensureN8n();

	sandbox = createSandbox();
	await sandbox.start((await freePort(SANDBOX_PORT)) ?? 0);
	log(`DTS sandbox listening on ${sandbox.url}`);

	starting = startQueue({ dir: DIR, sandboxUrl: sandbox.url, workflows: [exampleWorkflow(), webhookWorkflow()], log, signal: startUp.signal });
	cluster = await starting;
	const { main: n8nMain, workers, postgres, redis } = cluster;
	n8nMain.exited.then(({ code, signal }) => {
		if (stopping) return;
		log(`n8n main stopped by itself (${code ?? signal}); see ${n8nMain.logFile}`);
		stop(1);
	});
	for (const worker of workers) {
		worker.exited.then(({ code, signal }) => {
			if (!stopping) log(`n8n ${worker.name} (pid ${worker.pid}) stopped (${code ?? signal}); the other workers go on. See ${worker.logFile}`);
		});
	}
	const rel = (file) => path.relative(process.cwd(), file);
	log(
		[
			'',
			`n8n ${N8N_VERSION} is ready in queue mode: open ${n8nMain.url.replace('127.0.0.1', 'localhost')}`,
			`  Sign in as ${OWNER.email} with the password ${OWNER.password}`,
			`  "${EXAMPLE.name}": Execute workflow runs it on a worker (manual runs are offloaded too).`,
			`  "${WEBHOOK.name}" is active; call it:`,
			`    curl -s -X POST ${cluster.webhookUrl(WEBHOOK.path)} -H 'Content-Type: application/json' -d '{"team_id":"12345"}'`,
			`  Credential "${CREDENTIAL.name}": the sandbox (${sandbox.url}) with the key ${DEMO_KEY}.`,
			'',
			'Processes (each n8n with its own user folder and the package installed in it):',
			`  main      pid ${n8nMain.pid}, http://127.0.0.1:${n8nMain.port}, log ${rel(n8nMain.logFile)}`,
			...workers.map((w) => `  ${w.name}  pid ${w.pid}, health ${w.healthUrl}/healthz, log ${rel(w.logFile)}`),
			`  Redis     127.0.0.1:${redis.port} (password in ${rel(path.join(DIR, 'redis', 'redis.conf'))})`,
			`  Postgres  127.0.0.1:${postgres.port}, database n8n: PGPASSWORD=${postgres.password} psql -h 127.0.0.1 -p ${postgres.port} -U n8n n8n`,
			`Each worker logs "Worker started execution N" and "Worker finished execution N". To see a crash: kill -9 <a worker's pid>.`,
			'Ctrl-C stops everything.',
			'',
		].join('\n'),
	);
}

main().catch((error) => {
	if (stopping) return; // Ctrl-C during start-up: stop() reports and exits
	process.stderr.write(`\nnpm run start:queue failed: ${error.message ?? error}\n`);
	stop(1);
});
