#!/usr/bin/env node
'use strict';
/**
 * `npm run soak [-- --items 2000 --concurrency 10]`: many items against the DTS sandbox in chaos
 * mode (about 10% 429 with Retry-After 1 s, 5% 500, 2% dropped connections, 1% slower than the
 * timeout), Continue On Fail on. Checks that every input item yields exactly one output item in
 * order, that only 429s were retried (never a 5xx, a timeout or a dropped connection), that no
 * output shows the key, and that memory stays flat. The test suite runs a reduced form.
 */
const axios = require('axios');
const { runNode } = require('../test/engine/harness');

const KEY = 'sandbox-demo-key';
const CHAOS = { rate429: 0.1, retryAfter: 1, rate500: 0.05, rateDrop: 0.02, rateSlow: 0.01 };

/** What the node must have answered for an item, given the faults its requests met. */
function expectedCode(faults) {
	const last = faults[faults.length - 1];
	return { none: null, 429: 'TOO_MANY_REQUESTS', 500: 'INTERNAL_SERVER_ERROR', drop: 'ECONNRESET', delay: 'TIMEOUT' }[last ?? 'none'];
}

/**
 * Runs the soak against a sandbox at `url` (its control endpoints are used to set chaos and read
 * what arrived) and returns the figures and a list of problems (empty when it passed).
 */
async function runSoak({ url, apiKey = KEY, items = 2000, concurrency = 10, timeoutMs = 1000, slowMs = 3000, seed = 42, sampleMs = 500, checkMemory = true }) {
	const control = url.replace(/\/v1$/, '/__sandbox');
	await axios.post(`${control}/reset`);
	await axios.post(`${control}/chaos`, { ...CHAOS, slowMs, seed });

	const input = Array.from({ length: items }, (_, i) => ({ team: String(100000 + i) }));
	const rss = [];
	// With --expose-gc (npm run soak), memory is sampled after a collection, so the figure is what
	// is retained rather than garbage not yet collected.
	const collect = typeof global.gc === 'function' ? global.gc : () => {};
	const sampler = setInterval(() => {
		collect();
		rss.push(process.memoryUsage().rss);
	}, sampleMs);
	const started = Date.now();
	let result;
	try {
		result = await runNode({
			parameters: {
				resource: 'dataSourceConnection',
				operation: 'create',
				teamId: '={{ $json.team }}',
				dataSourceId: 'GAWA',
				destinationType: 'SQL_BQ',
				options: { timeout: timeoutMs, batching: { batch: { batchSize: -1, batchInterval: 0, concurrency } } },
			},
			items: input,
			continueOnFail: true,
			credentials: { apiKey, baseUrl: url },
		});
	} finally {
		clearInterval(sampler);
		await axios.post(`${control}/chaos`, null);
	}
	const seconds = (Date.now() - started) / 1000;
	// Let slow answers still in the sandbox finish before reading what it received.
	await new Promise((resolve) => setTimeout(resolve, slowMs));
	const { data: requests } = await axios.get(`${control}/requests`);

	const problems = [];
	const output = result.output ?? [];
	if (result.error) problems.push(`the run failed: ${result.error.message}`);
	if (output.length !== items) problems.push(`${output.length} output items for ${items} input items`);

	const byTeam = new Map(input.map(({ team }) => [team, []]));
	for (const request of requests) {
		const team = /^\/teams\/(\d+)\//.exec(request.path)?.[1];
		if (byTeam.has(team)) byTeam.get(team).push(request.fault ?? 'none');
	}
	let retried429 = 0;
	/** @type {Record<string, number>} */
	const outcomes = {};
	input.forEach(({ team }, index) => {
		const faults = byTeam.get(team);
		const item = output[index];
		if (item?.pairedItem?.item !== index) problems.push(`output ${index} is paired to ${JSON.stringify(item?.pairedItem)}`);
		if (faults.length === 0 || faults.length > 3) problems.push(`item ${index} was sent ${faults.length} times`);
		faults.slice(0, -1).forEach((fault) => {
			if (fault !== '429') problems.push(`item ${index} was retried after ${fault}`);
			else retried429++;
		});
		const last = faults[faults.length - 1];
		if (last === '429' && faults.length < 3) problems.push(`item ${index} gave up after ${faults.length} tries on a short 429`);
		const code = expectedCode(faults.filter((f) => f !== 'none').length ? faults : []);
		const got = item?.json?.code ?? null;
		const ok = code === null ? typeof item?.json?.connection_id === 'string' && item.json.team_id === team : got === code || (code === 'ECONNRESET' && /^E[A-Z]+$/.test(got ?? ''));
		if (!ok) problems.push(`item ${index}: faults ${faults.join(',')} but output ${JSON.stringify(item?.json)}`);
		outcomes[got ?? 'created'] = (outcomes[got ?? 'created'] ?? 0) + 1;
	});
	const posts = requests.filter((r) => r.method === 'POST').length;
	if (posts !== items + retried429) problems.push(`${posts} POSTs, expected items + retried 429s = ${items + retried429}`);
	if (JSON.stringify(output).includes(apiKey)) problems.push('an output item contains the API key');

	const quarter = Math.max(1, Math.floor(rss.length / 4));
	const mean = (values) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length) / 1024 / 1024;
	const rssFirst = mean(rss.slice(0, quarter));
	const rssLast = mean(rss.slice(-quarter));
	if (checkMemory && rss.length >= 8 && rssLast > rssFirst * 1.3) problems.push(`RSS grew from ${rssFirst.toFixed(0)} MB to ${rssLast.toFixed(0)} MB`);

	return { items, outputs: output.length, posts, retried429, outcomes, seconds, rssFirst, rssLast, problems };
}

async function main() {
	const { spawn } = require('node:child_process');
	const path = require('node:path');
	const flag = (name, fallback) => {
		const i = process.argv.indexOf(`--${name}`);
		return i >= 0 ? Number(process.argv[i + 1]) : fallback;
	};
	const child = spawn(process.execPath, [path.join(__dirname, '../test/sandbox/cli.js'), '--port', '0', '--rate-limit', '100000000'], { stdio: ['ignore', 'pipe', 'inherit'] });
	const url = await new Promise((resolve) => child.stdout.on('data', (c) => /listening on (\S+)/.test(String(c)) && resolve(/listening on (\S+)/.exec(String(c))[1])));
	try {
		const report = await runSoak({ url, items: flag('items', 2000), concurrency: flag('concurrency', 10) });
		process.stdout.write(
			[
				`soak: ${report.items} items, concurrency ${flag('concurrency', 10)}, chaos ${JSON.stringify(CHAOS)}, ${report.seconds.toFixed(1)} s`,
				`  outcomes: ${JSON.stringify(report.outcomes)}`,
				`  POSTs ${report.posts} = items ${report.items} + retried 429s ${report.retried429}`,
				`  RSS mean, first quarter ${report.rssFirst.toFixed(0)} MB, last quarter ${report.rssLast.toFixed(0)} MB`,
				...report.problems.slice(0, 20).map((p) => `  PROBLEM: ${p}`),
				`soak: items=${report.items} outputs=${report.outputs} posts=${report.posts} retried_429=${report.retried429} rss_first_quarter_mb=${report.rssFirst.toFixed(0)} rss_last_quarter_mb=${report.rssLast.toFixed(0)} ${report.problems.length ? 'FAIL' : 'PASS'}`,
				'',
			].join('\n'),
		);
		process.exitCode = report.problems.length ? 1 : 0;
	} finally {
		child.kill('SIGTERM');
	}
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	});
}

module.exports = { runSoak };
