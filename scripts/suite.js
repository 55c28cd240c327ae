'use strict';
/**
 * Runs folders of end-to-end tests (`*<suffix>` files) with node's test runner, after `setup` steps
 * that install what the tests need outside any test timeout. The files go in lanes: the files of a
 * lane one at a time (each starts its own services, and most keep both cores busy while they run),
 * the lanes side by side (a lane that mostly waits, like the trigger's minutes of polls, beside
 * the others). Each lane's lines carry its name when there are several. Prints how long each phase
 * took; exits non-zero when a test fails.
 */
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');

const { ROOT } = require('./n8n');
const { log } = require('./proc');

/**
 * Runs a command, its output shown line by line behind `prefix` (and kept in `logFile` when given);
 * resolves with its exit code, never rejects for a non-zero one.
 */
function runPrefixed(command, args, { prefix = '', logFile, cwd = ROOT, env = process.env } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const file = logFile && (fs.mkdirSync(path.dirname(logFile), { recursive: true }), fs.createWriteStream(logFile));
		let open = 2;
		let exit = null;
		const settle = () => {
			if (open > 0 || exit === null) return;
			if (file) file.end(() => resolve(exit));
			else resolve(exit);
		};
		for (const [stream, sink] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
			const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
			lines.on('line', (line) => {
				sink.write(`${prefix}${line}\n`);
				file?.write(`${line}\n`);
			});
			lines.once('close', () => {
				open--;
				settle();
			});
		}
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			exit = code ?? (signal ? 128 : 1);
			settle();
		});
	});
}

/** node's test runner on `files`, one file at a time, spec reporter; resolves with its exit code. */
function runTestFiles(files, options = {}) {
	return runPrefixed(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], options);
}

/** The `*<suffix>` files of `dir`, sorted. */
function testFiles(dir, suffix) {
	return fs.readdirSync(dir).filter((name) => name.endsWith(suffix)).sort().map((name) => path.join(dir, name));
}

/** `[name, seconds]` rows as a table; `total` adds a last row. */
function timingTable(title, rows, { width = 44 } = {}) {
	const lines = [`\n${title}:`];
	for (const [name, seconds, note = ''] of rows) {
		const whole = Math.round(seconds);
		const minutes = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
		lines.push(`  ${name.padEnd(width)} ${seconds.toFixed(1).padStart(7)} s  ${minutes.padStart(6)}${note ? `  ${note}` : ''}`);
	}
	return lines.join('\n');
}

/**
 * `lanes`: lists of file names (in `dir`) that run as lanes of their own; the files no lane names
 * form the last lane. Without lanes, every file in one lane.
 */
async function runSuite({ title, dir, suffix, setup = [], lanes = [] }) {
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
	const files = testFiles(dir, suffix);
	const named = lanes.map((names) => names.map((name) => path.join(dir, name)).filter((file) => files.includes(file))).filter((lane) => lane.length);
	const rest = files.filter((file) => !named.flat().includes(file));
	const all = [...named, ...(rest.length ? [rest] : [])];
	const label = (lane) => (lane === rest ? 'the others' : lane.map((file) => path.basename(file, suffix)).join(', '));
	const codes = await Promise.all(
		all.map((lane) => timed(`${title} tests: ${all.length > 1 ? label(lane) : 'all'}`, () => runTestFiles(lane, { prefix: all.length > 1 ? `[${label(lane)}] ` : '' }))),
	);
	log(timingTable(`${title} timings`, timings));
	process.exitCode = codes.every((code) => code === 0) ? 0 : 1;
}

/** Runs `main` and turns a failure outside the tests (a missing program, an install) into exit code 1. */
function script(main) {
	main().catch((error) => {
		process.stderr.write(`${error.message ?? error}\n`);
		process.exitCode = 1;
	});
}

module.exports = { runSuite, runPrefixed, runTestFiles, testFiles, timingTable, script };
