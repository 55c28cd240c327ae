#!/usr/bin/env node
'use strict';
/**
 * `.ci/run`'s steps once the system packages are there: every suite the project has, on a clean
 * install, each step starting as soon as what it needs is done, side by side where they can be:
 *
 *   npm ci ── build ── lint ── typecheck ── jest ─────────────────────────────┐
 *   n8n install (from the start) ──┬─ e2e: trigger                           │
 *   Chromium (when missing) ───────┼─ queue                                  │
 *   lint ── pack (once for all) ───┼─ e2e: npm start ────────────────────────┴── scripts
 *                                  ├─ e2e: panel, cli, editor
 *                                  └─ e2e: the others (agent, templates, any new file)
 *
 * `npm test` is its four steps, the build done once for every suite; lint runs before any suite
 * writes under test-output/ (ESLint would lint that too). n8n's install, mostly download, needs
 * nothing else and starts with `npm ci`. The trigger's e2e file and the queue suite mostly wait
 * for n8n's minute, the others for n8n and the browser: all start as soon as n8n is there, each
 * n8n installing the tarball packed once. `npm start` builds only when dist/ is older than its
 * sources (scripts/built.js), so its test never rewrites dist/ under jest, the scripts or an e2e
 * file that loads it. Each step's lines carry its name and are kept in test-output/ci/; the run
 * ends with a table of each step's start and time. Exits non-zero when any step fails (the steps
 * that do not need it still run).
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, ensureN8n } = require('./n8n');
const { ensureChromium } = require('./chromium');
const { packForRun } = require('./packed');
const { runPrefixed, runTestFiles, testFiles, timingTable } = require('./suite');
const { log } = require('./proc');

const E2E = path.join(ROOT, 'test', 'e2e');
const e2e = (name) => path.join(E2E, `${name}.e2e.js`);
/** The e2e files with steps of their own; every other file (a new one too) runs in the last lane. */
const OWN_STEP = ['trigger', 'start'];
const LANE = ['panel', 'cli', 'editor'];
const LOGS = path.join(ROOT, 'test-output', 'ci');

const begun = Date.now();
const clock = (ms) => `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, '0')}`;

/** A command as a step: its lines behind `[name] `, kept in test-output/ci/<name>.log; fails on a non-zero exit. */
const command = (name, file, args) => async () => {
	const code = await runPrefixed(file, args, { prefix: `[${name}] `, logFile: path.join(LOGS, `${name.replace(/[^\w.-]+/g, '-')}.log`) });
	if (code !== 0) throw new Error(`exited with ${code}`);
};
const npm = (name, args) => command(name, 'npm', args);
const node = (name, args) => command(name, process.execPath, args);
const tests = (name, files) => async () => {
	const code = await runTestFiles(files(), { prefix: `[${name}] `, logFile: path.join(LOGS, `${name.replace(/[^\w.-]+/g, '-')}.log`) });
	if (code !== 0) throw new Error(`a test failed (exit ${code})`);
};

/** name, what it needs done first, what it does. */
const STEPS = [
	['npm ci', [], npm('npm ci', ['ci', '--no-audit', '--no-fund'])],
	['n8n install', [], ensureN8n],
	['chromium', [], ensureChromium],
	['build', ['npm ci'], npm('build', ['run', 'build'])],
	['lint', ['build'], npm('lint', ['run', 'lint'])],
	['typecheck', ['lint'], npm('typecheck', ['run', 'typecheck'])],
	['jest', ['typecheck'], node('jest', [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js')])],
	['pack', ['lint'], packForRun],
	['e2e: trigger', ['pack', 'n8n install', 'chromium'], tests('e2e: trigger', () => [e2e('trigger')])],
	['queue', ['pack', 'n8n install'], node('queue', [path.join(ROOT, 'scripts', 'test-queue.js')])],
	['e2e: npm start', ['pack', 'n8n install'], tests('e2e: npm start', () => [e2e('start')])],
	[`e2e: ${LANE.join(', ')}`, ['pack', 'n8n install', 'chromium'], tests(`e2e: ${LANE.join(', ')}`, () => LANE.map(e2e))],
	['e2e: the others', ['pack', 'n8n install', 'chromium'], tests('e2e: the others', () => testFiles(E2E, '.e2e.js').filter((file) => ![...OWN_STEP, ...LANE].map(e2e).includes(file)))],
	// After npm start's test rather than beside it: fewer n8n booting at once while the queue suite's calls run.
	['scripts', ['jest', 'e2e: npm start'], node('scripts', [path.join(ROOT, 'scripts', 'test-scripts.js')])],
];

async function main() {
	// Only the last runs' logs and screenshots, which ESLint would lint too (n8n's bundles among them).
	fs.rmSync(path.join(ROOT, 'test-output'), { recursive: true, force: true });
	const done = new Map();
	const results = new Map();
	for (const [name, needs, run] of STEPS) {
		done.set(
			name,
			(async () => {
				const missing = [];
				for (const need of needs) if (!(await done.get(need))) missing.push(need);
				const start = Date.now();
				if (missing.length) {
					results.set(name, { start, seconds: 0, result: `skipped (${missing.join(', ')} failed)` });
					return false;
				}
				log(`── ${clock(start - begun)} ${name}: started`);
				try {
					await run();
					results.set(name, { start, seconds: (Date.now() - start) / 1000, result: 'passed' });
					log(`── ${clock(Date.now() - begun)} ${name}: passed in ${((Date.now() - start) / 1000).toFixed(0)} s`);
					return true;
				} catch (error) {
					results.set(name, { start, seconds: (Date.now() - start) / 1000, result: 'FAILED' });
					log(`── ${clock(Date.now() - begun)} ${name}: FAILED: ${error.message ?? error}`);
					return false;
				}
			})(),
		);
	}
	const passed = await Promise.all(done.values());
	const rows = STEPS.map(([name]) => {
		const { start, seconds, result } = results.get(name);
		return [name, seconds, `from ${clock(start - begun).padStart(5)}  ${result}`];
	});
	const total = (Date.now() - begun) / 1000;
	log(timingTable(`CI: each step's time (2 cores; steps side by side overlap, so the times add up to more than the run's)`, [...rows, ['the whole run, npm ci to the last test', total]], { width: 40 }));
	process.exitCode = passed.every(Boolean) ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exitCode = 1;
});
