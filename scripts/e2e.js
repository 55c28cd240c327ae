#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: installs what the tests need when missing (the pinned n8n, Debian's Chromium)
 * outside any test timeout, then runs test/e2e with node's test runner, one file at a time since
 * each starts its own n8n. Prints how long each phase took; exits non-zero when a test fails.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, ensureN8n } = require('./n8n');
const { ensureChromium } = require('./chromium');
const { run, log } = require('./proc');

const E2E_DIR = path.join(ROOT, 'test', 'e2e');

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
	await timed('n8n (install or reuse)', ensureN8n);
	await timed('chromium (install or reuse)', ensureChromium);
	const files = fs.readdirSync(E2E_DIR).filter((name) => name.endsWith('.e2e.js')).sort().map((name) => path.join(E2E_DIR, name));
	const tests = await timed('e2e tests', () =>
		run(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { cwd: ROOT, echo: true, allowFail: true }),
	);
	log('\ne2e timings:');
	for (const [name, seconds] of timings) log(`  ${name.padEnd(30)} ${seconds.toFixed(1)} s`);
	process.exitCode = tests.code === 0 ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exitCode = 1;
});
