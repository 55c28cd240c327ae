'use strict';
/**
 * One benchmark variant in its own process (so its peak RSS is its own): a warm-up run, then
 * `runs` timed runs of `items` items against the sandbox at `url`. Prints one JSON line.
 */
const http = require('node:http');
const { runNode } = require('../test/engine/harness');
const { httpRequestParameters } = require('./fixtures');

/** `mode`: `sequential` (one after another), `all` (every item in flight at once), or a number (that many at once). */
const [variant, url, items, runs, mode = 'sequential'] = process.argv.slice(2);
const ITEMS = Number(items);
const KEY = 'sandbox-demo-key';
const BODY = { data_source_id: 'GAWA', destination_type: 'SQL_BQ' };
const input = Array.from({ length: ITEMS }, (_, i) => ({ team: String(10000 + i) }));

/** Our node: Create Data Source Connection with the team id from each item. */
function supermetrics() {
	const concurrency = mode === 'all' ? 0 : Number(mode);
	const options = mode === 'sequential' ? {} : { batching: { batch: { batchSize: -1, batchInterval: 0, concurrency } } };
	return runNode({
		parameters: {
			resource: 'dataSourceConnection',
			operation: 'create',
			teamId: '={{ $json.team }}',
			dataSourceId: { __rl: true, mode: 'list', value: 'GAWA' },
			destinationType: { __rl: true, mode: 'list', value: 'SQL_BQ' },
			options,
		},
		items: input,
		credentials: { apiKey: KEY, baseUrl: url },
	});
}

/** n8n's HTTP Request node, set up by hand for the same POST, with a Header Auth credential. */
function httpRequestNode() {
	const { HttpRequest } = require('n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node');
	const { HttpHeaderAuth } = require('n8n-nodes-base/dist/credentials/HttpHeaderAuth.credentials');
	return runNode({
		nodeType: new HttpRequest(),
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		credentialType: new HttpHeaderAuth(),
		credentialName: 'httpHeaderAuth',
		parameters: httpRequestParameters(url),
		items: input,
		credentials: { name: 'Authorization', value: `Bearer ${KEY}` },
	});
}

/** The floor: a plain keep-alive client, one request after another or all at once. */
async function raw() {
	const agent = new http.Agent({ keepAlive: true, maxSockets: mode === 'all' ? Infinity : 1 });
	const body = JSON.stringify(BODY);
	const post = (team) =>
		new Promise((resolve, reject) => {
			const req = http.request(
				`${url}/teams/${team}/data-source-connections`,
				{ method: 'POST', agent, headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
				(res) => {
					const chunks = [];
					res.on('data', (c) => chunks.push(c));
					res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(Buffer.concat(chunks))) : reject(new Error(`HTTP ${res.statusCode}`))));
				},
			);
			req.on('error', reject);
			req.end(body);
		});
	if (mode === 'all') await Promise.all(input.map(({ team }) => post(team)));
	else for (const { team } of input) await post(team);
	agent.destroy();
	return { output: input };
}

/**
 * n8n's own HTTP helper alone, no workflow engine: the same request options our transport passes,
 * sent one after another. What is left between this and `raw` is n8n's HTTP stack, not the node.
 */
async function n8nHttp() {
	const { Container } = require('@n8n/di');
	const { OutboundHttp } = require('@n8n/backend-network');
	require('n8n-core');
	const requests = Container.get(OutboundHttp).requests();
	for (const { team } of input) {
		const response = await requests.request({
			method: 'POST',
			url: `${url}/teams/${team}/data-source-connections`,
			headers: { Authorization: `Bearer ${KEY}` },
			body: BODY,
			json: true,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30000,
		});
		if (response.statusCode !== 201) throw new Error(`HTTP ${response.statusCode}`);
	}
	return { output: input };
}

const VARIANTS = { supermetrics, 'http-request': httpRequestNode, raw, 'n8n-http': n8nHttp };

const cpuMs = [];

async function once() {
	const started = process.hrtime.bigint();
	const cpu = process.cpuUsage();
	const result = await VARIANTS[variant]();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const used = process.cpuUsage(cpu);
	cpuMs.push((used.user + used.system) / 1000);
	if (result.error) throw result.error;
	if (result.output?.length !== ITEMS) throw new Error(`${variant}: ${result.output?.length} items out of ${ITEMS}`);
	return ms;
}

async function main() {
	await once(); // warm-up: JIT, module loading, connection set-up
	cpuMs.length = 0;
	const times = [];
	for (let i = 0; i < Number(runs); i++) times.push(await once());
	// Then out at once: kept-alive sockets and n8n's timers would hold the process for seconds more.
	process.stdout.write(`${JSON.stringify({ variant, times, cpuMs, maxRssKb: process.resourceUsage().maxRSS })}\n`, () => process.exit(0));
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
