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
const { lifecycle } = require('./lifecycle');
const { buildUnlessCurrent } = require('./built');

const DIR = path.join(CACHE, 'queue');
const SANDBOX_PORT = 4010;

const life = lifecycle({ what: 'the n8n processes, Redis, PostgreSQL and the sandbox' });

async function main() {
	postgresBin();
	redisBin();
	await buildUnlessCurrent();
	await ensureN8n();

	const sandbox = createSandbox();
	await sandbox.start((await freePort(SANDBOX_PORT)) ?? 0, '127.0.0.1', (await freePort(SANDBOX_PORT + 2)) ?? 0);
	life.add('the sandbox', () => sandbox.close(), () => [sandbox.port, sandbox.apiPort]);
	log(`Sandbox listening: the DTS API on ${sandbox.url}, login links and logins on ${sandbox.apiUrl}`);

	const startUp = new AbortController();
	let cluster = null;
	const starting = startQueue({ dir: DIR, sandboxUrl: sandbox.url, sandboxApiUrl: sandbox.apiUrl, workflows: [exampleWorkflow(), webhookWorkflow()], log, signal: startUp.signal });
	life.add(
		'n8n main and workers, Redis and PostgreSQL',
		async () => {
			if (!cluster) {
				// Still starting: what has started stops now; the step under way (an import, at most a
				// minute) finishes first, then start-up stops too.
				startUp.abort();
				cluster = await starting.catch((error) => {
					for (const name of error.stopped ?? []) log(`  stopped ${name}`);
					return null;
				});
			}
			for (const name of (await cluster?.stop()) ?? []) log(`  stopped ${name}`);
		},
		() => (cluster ? [cluster.main?.port, ...cluster.workers.map((w) => w.healthPort), cluster.redis?.port, cluster.postgres?.port] : []),
	);
	cluster = await starting;
	const { main: n8nMain, workers, postgres, redis } = cluster;
	n8nMain.exited.then(({ code, signal }) => {
		if (!life.stopping) life.stop(1, `n8n main stopped by itself (${code ?? signal}); see ${n8nMain.logFile}`);
	});
	for (const worker of workers) {
		worker.exited.then(({ code, signal }) => {
			if (!life.stopping) log(`n8n ${worker.name} (pid ${worker.pid}) stopped (${code ?? signal}); the other workers go on. See ${worker.logFile}`);
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

life.run('npm run start:queue', main);
