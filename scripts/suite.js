'use strict';
/**
 * Runs one folder of end-to-end tests (`*<suffix>` files) with node's test runner, one file at a
 * time since each starts its own services, after `setup` steps that install what the tests need
 * outside any test timeout. Prints how long each phase took; exits non-zero when a test fails.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./n8n');
const { run, log } = require('./proc');

async function runSuite({ title, dir, suffix, setup = [] }) {
	const timings = [];
	const timed = async (name, fn) => {
		const started = Date.now();
		try {
			return await fn();
		} finally {
			timings.push([name, (Date.now() - started) / 1000]);
		}
	};
	for (const [name, fn] of setup) await timed(name, fn);
	const files = fs.readdirSync(dir).filter((name) => name.endsWith(suffix)).sort().map((name) => path.join(dir, name));
	const tests = await timed(`${title} tests`, () =>
		run(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { cwd: ROOT, echo: true, allowFail: true }),
	);
	log(`\n${title} timings:`);
	for (const [name, seconds] of timings) log(`  ${name.padEnd(30)} ${seconds.toFixed(1)} s`);
	process.exitCode = tests.code === 0 ? 0 : 1;
}

/** Runs `main` and turns a failure outside the tests (a missing program, an install) into exit code 1. */
function script(main) {
	main().catch((error) => {
		process.stderr.write(`${error.message ?? error}\n`);
		process.exitCode = 1;
	});
}

module.exports = { runSuite, script };
