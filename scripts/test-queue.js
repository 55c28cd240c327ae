#!/usr/bin/env node
'use strict';
/**
 * `npm run test:queue`: the package in n8n's queue mode (test/queue/*.queue.js, node's test
 * runner). Installs the pinned n8n when missing and checks for PostgreSQL and Redis outside any
 * test timeout, prints how long each phase took, exits non-zero when a test fails.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, ensureN8n } = require('./n8n');
const { postgresBin, redisBin } = require('./services');
const { run, log } = require('./proc');

const QUEUE_DIR = path.join(ROOT, 'test', 'queue');

async function main() {
	const timings = [];
	const timed = async (name, fn) => {
		const started = Date.now();
		try {
			return await fn();
		} finally {
			timings.push([name, (Date.now() - started) / 1000]);
		}
	};
	// Say what is missing before n8n's long first install, not after.
	postgresBin();
	redisBin();
	await timed('n8n (install or reuse)', ensureN8n);
	const files = fs.readdirSync(QUEUE_DIR).filter((name) => name.endsWith('.queue.js')).sort().map((name) => path.join(QUEUE_DIR, name));
	const tests = await timed('queue-mode tests', () =>
		run(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { cwd: ROOT, echo: true, allowFail: true }),
	);
	log('\nqueue-mode timings:');
	for (const [name, seconds] of timings) log(`  ${name.padEnd(30)} ${seconds.toFixed(1)} s`);
	process.exitCode = tests.code === 0 ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`${error.message ?? error}\n`);
	process.exitCode = 1;
});
