#!/usr/bin/env node
'use strict';
/**
 * `npm run bench [-- --items 1000 --runs 5]`: creates N data source connections against the DTS
 * sandbox through n8n's execution engine, three ways, each in its own process: our node, n8n's
 * HTTP Request node making the same POST, and a raw keep-alive loop (the floor). Then our node
 * sequential vs. Batching at concurrency 10 with 50 ms of sandbox latency. Prints figures; the
 * last line is the one to compare across runs.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

function flag(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}
const ITEMS = flag('items', 1000);
// Five timed runs make the medians the figures are read from; fewer only for a quick check that the script runs.
const RUNS = flag('runs', 5);
if (!(Number.isInteger(RUNS) && RUNS >= 1 && RUNS <= 1000)) throw new Error('--runs: a whole number from 1 to 1000');
const LATENCY_ITEMS = flag('latency-items', 200);

/** The sandbox in its own process, as a remote API would be, with no rate limit in the way. */
function startSandbox(latencyMs) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(__dirname, '../test/sandbox/cli.js'), '--port', '0', '--latency', String(latencyMs), '--rate-limit', '100000000', '--max-recorded', '0'], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		child.stdout.on('data', (chunk) => {
			const match = /listening on (\S+)/.exec(String(chunk));
			if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
		});
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
}

function runVariant(variant, url, items, mode = 'sequential') {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(__dirname, 'bench-worker.js'), variant, url, String(items), String(RUNS), String(mode)], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`${variant} failed (${code})`))));
	});
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function report(label, result, items) {
	const ms = median(result.times) / items;
	const cpu = median(result.cpuMs) / items;
	process.stdout.write(
		`${label.padEnd(34)} ${ms.toFixed(3).padStart(8)} ms/item ${(1000 / ms).toFixed(0).padStart(7)} items/s   CPU ${cpu.toFixed(3)} ms/item   peak RSS ${(result.maxRssKb / 1024).toFixed(0).padStart(4)} MB   (median of ${result.times.length}, runs ${result.times.map((t) => t.toFixed(0)).join('/')} ms)\n`,
	);
	return ms;
}

async function main() {
	process.stdout.write(`bench: ${ITEMS} items per run, ${RUNS} timed runs after a warm-up, Node ${process.version}, sandbox on loopback in its own process\n`);
	const sandbox = await startSandbox(0);
	let ours, http, raw;
	try {
		// The HTTP Request node sends every item's request at once (it has no one-after-another
		// mode), so the comparison runs all three that way: our node with Batching, all items in
		// one batch at once.
		process.stdout.write('all items in flight at once (the HTTP Request node\'s default):\n');
		ours = report('  Supermetrics Transfers node', await runVariant('supermetrics', sandbox.url, ITEMS, 'all'), ITEMS);
		http = report('  n8n HTTP Request node', await runVariant('http-request', sandbox.url, ITEMS), ITEMS);
		raw = report('  raw keep-alive client', await runVariant('raw', sandbox.url, ITEMS, 'all'), ITEMS);
		process.stdout.write('\none after another (the Supermetrics node\'s default):\n');
		report('  Supermetrics Transfers node', await runVariant('supermetrics', sandbox.url, ITEMS), ITEMS);
		report('  raw keep-alive loop', await runVariant('raw', sandbox.url, ITEMS), ITEMS);
		// Where the floor under any n8n node is: n8n's HTTP helper alone opens a new connection per
		// request (it builds fresh agents each time), with axios and follow-redirects on top.
		report("  n8n's HTTP helper alone, no engine", await runVariant('n8n-http', sandbox.url, ITEMS), ITEMS);
	} finally {
		sandbox.stop();
	}

	const slow = await startSandbox(50);
	try {
		process.stdout.write(`\nwith 50 ms sandbox latency, ${LATENCY_ITEMS} items:\n`);
		const sequential = report('  sequential (default)', await runVariant('supermetrics', slow.url, LATENCY_ITEMS), LATENCY_ITEMS);
		const batched = report('  Batching, concurrency 10', await runVariant('supermetrics', slow.url, LATENCY_ITEMS, '10'), LATENCY_ITEMS);
		process.stdout.write(`  speed-up at concurrency 10: ${(sequential / batched).toFixed(1)}x\n\n`);
	} finally {
		slow.stop();
	}

	process.stdout.write(
		`bench: items=${ITEMS} supermetrics_ms_per_item=${ours.toFixed(3)} http_request_ms_per_item=${http.toFixed(3)} raw_ms_per_item=${raw.toFixed(3)} ratio_vs_http_request=${(ours / http).toFixed(2)} ratio_vs_raw=${(ours / raw).toFixed(2)}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
