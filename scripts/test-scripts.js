#!/usr/bin/env node
'use strict';
/**
 * `npm run test:scripts`: every script the README names, in a quick form, on each Node the
 * package supports that this machine has: the Node running this (20 here) and the Node 24 the
 * scripts fetch for n8n. A script that crashes, or does not print what it always prints, fails
 * this run. `npm start`, `start:queue` and the test suites are run by `npm run test:e2e` and
 * `npm run test:queue`; here only what those do not start. Needs `npm run build` first.
 */
const path = require('node:path');
const { spawn } = require('node:child_process');

const { ensureN8n } = require('./n8n');
const { node24 } = require('./node24');
const { run, log, waitFor } = require('./proc');
const { script } = require('./suite');

const ROOT = path.resolve(__dirname, '..');

/** Each quick form: arguments for Node, and a line its output must hold. */
const QUICK = [
	{ name: 'npm run example', args: ['scripts/example.js'], expect: /Output items/ },
	{ name: 'npm run bench (engine part)', args: ['scripts/bench.js', '--items', '20', '--runs', '1', '--latency-items', '20'], expect: /^bench: items=20 /m },
	{ name: 'npm run bench (reading part)', args: ['scripts/bench-read.js', '--runs', '1'], expect: /^bench-read: /m },
	// One at a time (`alone`): its n8n's user folder is test-output/bench-n8n whatever the Node.
	{ name: 'npm run bench (real n8n part)', alone: true, args: ['scripts/bench-n8n.js', '--only', 'n8n', '--n8n-items', '20', '--n8n-rounds', '3'], expect: /^bench-n8n: items=20 /m },
	{ name: 'npm run bench (Authorization part)', args: ['scripts/bench-auth.js', '--executions', '3', '--polls', '3'], expect: /^bench-auth: bearer 0 refused of /m },
	{ name: 'npm run bench (Create Many part)', args: ['scripts/bench-many.js', '--transfers', '10', '--runs', '1'], expect: /^bench-many: at 50 ms, /m },
	{ name: 'npm run bench:trigger', args: ['scripts/bench-trigger.js', '--teams', '10', '--latency', '0'], expect: /^bench-trigger: transfers=10 /m },
	{ name: 'npm run soak', args: ['--expose-gc', 'scripts/soak.js', '--items', '100', '--concurrency', '5'], expect: /^soak: .* PASS$/m },
];

/** `npm run sandbox` until it listens, one request to each of its two APIs, then Ctrl-C. */
async function sandboxCli(node) {
	const child = spawn(node, ['test/sandbox/cli.js', '--port', '0', '--time-scale', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	try {
		await waitFor(() => /Supermetrics API sandbox .* listening on (\S+)/.test(output), { timeoutMs: 30000, what: 'the sandbox to listen', exited });
		const dts = /DTS sandbox listening on (\S+)/.exec(output)[1];
		const logins = /Supermetrics API sandbox .* listening on (\S+)/.exec(output)[1];
		const answers = await Promise.all([
			fetch(`${dts}/teams/12345/transfers`, { headers: { authorization: 'Bearer sandbox-demo-key' } }),
			fetch(`${logins}/ds/logins`, { headers: { authorization: 'Bearer sandbox-demo-key' } }),
		]);
		if (answers.some((a) => a.status !== 200)) throw new Error(`the sandbox answered ${answers.map((a) => a.status).join(', ')}`);
	} finally {
		child.kill('SIGINT');
	}
	const { code, signal } = await exited;
	if (code !== 0 && signal !== 'SIGINT') throw new Error(`npm run sandbox ended with ${code ?? signal}:\n${output.slice(-1000)}`);
}

async function main() {
	await ensureN8n();
	const nodes = [...new Set([process.execPath, node24().bin])];
	let failed = 0;
	// Each Node's scripts one after another, the Nodes side by side: a check that each runs and
	// prints what it always prints, not a measurement (that is `npm run bench` on a quiet machine).
	let exclusive = Promise.resolve();
	const alone = (fn) => {
		const result = exclusive.then(fn);
		exclusive = result.catch(() => {});
		return result;
	};
	await Promise.all(nodes.map(async (node) => {
		const version = (await run(node, ['--version'])).stdout.trim();
		for (const { name, args, expect, alone: once } of [...QUICK, { name: 'npm run sandbox' }]) {
			const started = Date.now();
			try {
				if (args) {
					const go = () => run(node, args, { cwd: ROOT, allowFail: true });
					const { code, stdout, stderr } = await (once ? alone(go) : go());
					if (code !== 0 || !expect.test(stdout)) throw new Error(`exit ${code}:\n${`${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n')}`);
				} else await sandboxCli(node);
				log(`✔ ${name} on Node ${version} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
			} catch (error) {
				failed++;
				log(`✖ ${name} on Node ${version}: ${error.message}`);
			}
		}
	}));
	process.exitCode = failed ? 1 : 0;
}

script(main);
