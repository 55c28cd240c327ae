#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`'s Create Many part (`node scripts/bench-many.js [--transfers 100 --runs 3]`):
 * 100 transfers through n8n's engine against the sandbox in its own process, one by one (Transfer
 * → Create, one request each) and together (Transfer → Create Many, 100 to a request), at 0 and
 * 50 ms of API latency. Prints requests and milliseconds per transfer (median of the runs) and a
 * `bench-many:` line.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const { runNode } = require('../test/engine/harness');

function flag(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	const value = i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
	if (!(Number.isInteger(value) && value >= 1 && value <= 10000)) throw new Error(`--${name}: a whole number from 1 to 10000`);
	return value;
}
const TRANSFERS = flag('transfers', 100);
const RUNS = flag('runs', 3);
const KEY = 'sandbox-demo-key';

/** The sandbox in its own process, as a remote API would be, with no rate limit in the way. */
function startSandbox(latencyMs) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(__dirname, '../test/sandbox/cli.js'), '--port', '0', '--latency', String(latencyMs), '--rate-limit', '100000000', '--time-scale', '0'], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += chunk;
			const match = /DTS sandbox listening on (\S+)/.exec(output);
			if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
		});
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
}

async function requestsSoFar(url) {
	const control = url.replace(/\/v1$/, '');
	const response = await fetch(`${control}/__sandbox/requests`);
	return (await response.json()).length;
}

const items = Array.from({ length: TRANSFERS }, (_, i) => ({ name: `Bench client ${i}`, account: String(100000 + i) }));
const configuration = {
	teamId: '12345',
	dataSourceId: { __rl: true, mode: 'code', value: 'GAWA' },
	schemaId: '2',
	destinationId: { __rl: true, mode: 'id', value: '8' },
	displayName: '={{ $json.name }}',
	schedule: { entries: [{ runInterval: 'daily', runHour: 5, refreshWindow: 3 }] },
	accounts: { entries: [{ accountId: '={{ $json.account }}', dataSourceUsername: 'bench@example.com', loginId: 2682599 }] },
};

async function measure(url, operation) {
	const times = [];
	let requests = 0;
	for (let run = 0; run < RUNS; run++) {
		const before = await requestsSoFar(url);
		const started = process.hrtime.bigint();
		// Display names must differ between runs and operations: the API refuses a name already taken.
		const runItems = items.map((item) => ({ ...item, name: `${item.name} ${operation} run ${run}` }));
		const { output, error } = await runNode({ parameters: { resource: 'transfer', operation, ...configuration }, items: runItems, credentials: { apiKey: KEY, baseUrl: url } });
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
		if (error || output?.length !== TRANSFERS || output.some((item) => !item.json.transfer_id)) throw new Error(`${operation}: ${error?.message ?? `${output?.length} items, not all created`}`);
		requests = (await requestsSoFar(url)) - before;
	}
	const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
	return { msPerTransfer: median / TRANSFERS, requestsPerTransfer: requests / TRANSFERS };
}

async function main() {
	const rows = [];
	for (const latency of [0, 50]) {
		const sandbox = await startSandbox(latency);
		try {
			for (const [label, operation] of [['one by one (Create)', 'create'], ['Create Many', 'createMany']]) {
				rows.push({ latency, label, ...(await measure(sandbox.url, operation)) });
			}
		} finally {
			sandbox.stop();
		}
	}
	process.stdout.write(`Create Many: ${TRANSFERS} transfers through n8n's engine against the sandbox, median of ${RUNS} runs\n`);
	process.stdout.write(`${'latency'.padEnd(9)} ${'how'.padEnd(20)} ${'requests/transfer'.padStart(18)} ${'ms/transfer'.padStart(12)}\n`);
	for (const row of rows) {
		process.stdout.write(`${`${row.latency} ms`.padEnd(9)} ${row.label.padEnd(20)} ${row.requestsPerTransfer.toFixed(2).padStart(18)} ${row.msPerTransfer.toFixed(2).padStart(12)}\n`);
	}
	const at = (latency, label) => rows.find((r) => r.latency === latency && r.label === label);
	process.stdout.write(
		`bench-many: at 50 ms, one by one ${at(50, 'one by one (Create)').msPerTransfer.toFixed(2)} ms and Create Many ${at(50, 'Create Many').msPerTransfer.toFixed(2)} ms per transfer\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exitCode = 1;
});
