#!/usr/bin/env node
'use strict';
/**
 * `npm run bench` (after the engine-only figures): the same creates in real n8n processes.
 *
 * 1. One n8n (the cached 2.41.1, regular mode, own user folder, free ports). Webhook → Code
 *    (N items) → one of: nothing (NoOp, the baseline), this node with all items in flight (the
 *    HTTP Request node's way), this node one after another (its default), n8n's HTTP Request node
 *    doing the same POST with the same header and body. Rounds interleave the variants; medians.
 *    Then one profiled round per variant over n8n's inspector: where n8n spends the time.
 * 2. Queue mode (scripts/queue.js): webhook → Create, executions/s with one worker and with two,
 *    CPU per execution of main and of the workers from /proc, and this package's share of a
 *    worker's CPU from a profile of one round.
 *
 * Flags: --n8n-items 500 --n8n-rounds 5 --queue-calls 300 --queue-rounds 3 --only n8n|queue. Prints a table
 * per part and one `bench-n8n:` and one `bench-queue:` line to compare across runs.
 */
const fs = require('node:fs');
const path = require('node:path');

const { createSandbox } = require('../test/sandbox/server');
const { ROOT, N8N_VERSION, ensureN8n, startN8n } = require('./n8n');
const { prepareInstance } = require('./instance');
const { startQueue, callMany } = require('./queue');
const { supermetricsNode, webhookWorkflow, httpRequestParameters, WEBHOOK, DEMO_KEY } = require('./fixtures');
const { waitReady, setupOwner, login, activateWorkflow } = require('./rest');
const { freePort, treeCpuMs } = require('./proc');
const { Inspector, selfTimeByOwner, packageShare, javaScriptTime, total, THIS } = require('./profile');

function flag(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
// Flags of their own: `npm run bench -- …` hands its arguments to the last script only.
const ITEMS = Number(flag('n8n-items', 500));
const ROUNDS = Math.max(3, Number(flag('n8n-rounds', 5)));
const CALLS = Number(flag('queue-calls', 300));
const QUEUE_ROUNDS = Math.max(1, Number(flag('queue-rounds', 3)));
const ONLY = flag('only', '');
for (const [name, value] of Object.entries({ 'n8n-items': ITEMS, 'queue-calls': CALLS })) {
	if (Number.isInteger(value) && value >= 1 && value <= 100000) continue;
	process.stderr.write(`--${name} must be a whole number from 1 to 100000, not ${value}\n`);
	process.exit(2);
}
const OUTPUT = path.join(ROOT, 'test-output');

const out = (line = '') => process.stdout.write(`${line}\n`);
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fixed = (value, digits = 2) => value.toFixed(digits);

/** A sandbox in this process with no rate limit and no request log in the way. */
const benchSandbox = () => createSandbox({ rateLimit: { limit: 1e9 }, maxRecorded: 0 }).start(0);

// ---------------------------------------------------------------------------------------------
// 1. One n8n process, four variants of the same workflow

const HEADER_CREDENTIAL = { id: 'SmBenchHeader001', name: 'Bench: Authorization header', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${DEMO_KEY}` } };

const n8nNode = (id, name, type, typeVersion, parameters, extra = {}) => ({ id, name, type, typeVersion, position: [0, 0], parameters, ...extra });

/**
 * Webhook → Code making `body.items` items `{team}` → `node`; answers with the last node's first
 * item once the execution has finished. The Code node runs in n8n's task runner process.
 */
function benchWorkflow(index, key, node) {
	const uuid = (n) => `b0000000-0000-4000-8000-0000000${index}000${n}`;
	const webhook = { httpMethod: 'POST', path: `bench-${key}`, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} };
	const trigger = n8nNode(uuid(1), 'Webhook', 'n8n-nodes-base.webhook', 2, webhook, { webhookId: uuid(2) });
	const jsCode = 'const n = $input.first().json.body.items;\nreturn Array.from({ length: n }, (_, i) => ({ json: { team: String(10000 + i) } }));';
	const makeItems = n8nNode(uuid(3), 'Make items', 'n8n-nodes-base.code', 2, { jsCode });
	const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		key,
		path: `bench-${key}`,
		workflow: {
			id: `SmBenchVariant0${index}`,
			name: `bench: ${key}`,
			active: true,
			nodes: [trigger, makeItems, node].map((n, i) => ({ ...n, position: [220 * i, 0] })),
			connections: { Webhook: link('Make items'), 'Make items': link(node.name) },
			settings: { executionOrder: 'v1' },
			pinData: {},
		},
	};
}

function variants(sandboxUrl) {
	const ALL_AT_ONCE = { batching: { batch: { batchSize: -1, batchInterval: 0, concurrency: 0 } } };
	const ours = (teamId, options) => supermetricsNode({ teamId, options });
	return [
		benchWorkflow(1, 'baseline', n8nNode('b0000000-0000-4000-8000-000000001004', 'No operation', 'n8n-nodes-base.noOp', 1, {})),
		benchWorkflow(2, 'supermetrics-all', ours('={{ $json.team }}', ALL_AT_ONCE)),
		benchWorkflow(
			3,
			'http-request',
			n8nNode('b0000000-0000-4000-8000-000000003004', 'HTTP Request', 'n8n-nodes-base.httpRequest', 4.2, httpRequestParameters(sandboxUrl), {
				credentials: { httpHeaderAuth: { id: HEADER_CREDENTIAL.id, name: HEADER_CREDENTIAL.name } },
			}),
		),
		benchWorkflow(4, 'supermetrics-sequential', ours('={{ $json.team }}', {})),
		// supermetrics-all with a fixed Team ID: the difference is one expression per item.
		benchWorkflow(5, 'supermetrics-fixed-team', ours('12345', ALL_AT_ONCE)),
	];
}

const LABELS = {
	baseline: 'Webhook → Code (N items) → NoOp (baseline)',
	'supermetrics-all': 'Supermetrics Transfers, all items at once',
	'http-request': 'n8n HTTP Request node, same POST',
	'supermetrics-sequential': 'Supermetrics Transfers, one after another',
	'supermetrics-fixed-team': 'the same, all at once, Team ID fixed (no expression)',
};

async function realN8n() {
	const sandbox = await benchSandbox();
	const userFolder = path.join(OUTPUT, 'bench-n8n');
	fs.rmSync(userFolder, { recursive: true, force: true });
	const list = variants(sandbox.url);
	let n8n;
	let inspector;
	try {
		await prepareInstance({ userFolder, sandboxUrl: sandbox.url, sandboxApiUrl: sandbox.apiUrl, workflows: list.map((v) => v.workflow), credentials: [HEADER_CREDENTIAL] });
		const port = await freePort();
		const inspectPort = await freePort();
		n8n = startN8n(userFolder, {
			port,
			brokerPort: await freePort(),
			nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`],
			output: fs.createWriteStream(path.join(userFolder, 'n8n.log')),
		});
		const url = `http://127.0.0.1:${port}`;
		await waitReady(url, { exited: n8n.exited });
		await setupOwner(url);
		const rest = await login(url);
		for (const v of list) await activateWorkflow(rest, v.workflow.id);
		inspector = await Inspector.connect(inspectPort);

		const round = async (v) => {
			const before = { requests: sandbox.counts.requests, cpu: treeCpuMs(n8n.pid), at: process.hrtime.bigint() };
			const [answer] = await callMany(`${url}/webhook/${v.path}`, [{ items: ITEMS }], { concurrency: 1 });
			const ms = Number(process.hrtime.bigint() - before.at) / 1e6;
			const cpuMs = treeCpuMs(n8n.pid) - before.cpu;
			const sent = sandbox.counts.requests - before.requests;
			const expected = v.key === 'baseline' ? 0 : ITEMS;
			if (answer.status !== 200 || sent !== expected) throw new Error(`${v.key}: HTTP ${answer.status}, ${sent} requests for ${ITEMS} items: ${JSON.stringify(answer.body ?? answer.error).slice(0, 300)}`);
			return { ms, cpuMs };
		};
		for (const v of list) await round(v); // warm-up: JIT, connections, caches
		const results = Object.fromEntries(list.map((v) => [v.key, []]));
		// Interleaved, so that a busy moment on a shared machine hits every variant alike.
		for (let r = 0; r < ROUNDS; r++) for (const v of list) results[v.key].push(await round(v));
		const profiles = {};
		for (const v of list) {
			profiles[v.key] = (await inspector.profile(() => round(v))).profile;
			fs.writeFileSync(path.join(userFolder, `${v.key}.cpuprofile`), JSON.stringify(profiles[v.key]));
		}
		return { results, profiles };
	} finally {
		inspector?.close();
		await n8n?.stop();
		await sandbox.close();
	}
}

function reportRealN8n({ results, profiles }) {
	out(`\nin a real n8n ${N8N_VERSION} (regular mode, SQLite), webhook → Code → node, ${ITEMS} items per execution, median of ${ROUNDS} interleaved rounds:`);
	const per = {};
	for (const [key, rounds] of Object.entries(results)) {
		per[key] = { ms: median(rounds.map((r) => r.ms)) / ITEMS, cpu: median(rounds.map((r) => r.cpuMs)) / ITEMS };
	}
	for (const [key, { ms, cpu }] of Object.entries(per)) {
		const net = key === 'baseline' ? '' : `   above the baseline ${fixed(ms - per.baseline.ms, 3)} ms/item`;
		out(`  ${LABELS[key].padEnd(44)} ${fixed(ms, 3).padStart(7)} ms/item   CPU (n8n + its task runner) ${fixed(cpu, 3)} ms/item${net}   (rounds ${results[key].map((r) => r.ms.toFixed(0)).join('/')} ms)`);
	}
	out(`\nwhere n8n's main process spends its JavaScript time in a round (CPU profile, self time in ms per item; the Code node runs in the task runner):`);
	for (const [key, profile] of Object.entries(profiles)) {
		const js = javaScriptTime(selfTimeByOwner(profile));
		const sum = total(js);
		const top = js.slice(0, 6).map(([owner, ms]) => `${owner} ${fixed(ms / ITEMS, 3)} (${Math.round((100 * ms) / sum)}%)`).join(', ');
		out(`  ${key}: ${fixed(sum / ITEMS, 3)} ms/item: ${top}`);
		if (key.startsWith('supermetrics')) out(`    ${describeShare(packageShare(profile), ITEMS, 'item', 3)}`);
	}
	return per;
}

/** This package's own code, and what runs under its calls, per item or execution. */
function describeShare({ own, inclusive, byOwner }, count, unit, digits) {
	const under = byOwner.filter(([owner]) => owner !== THIS).slice(0, 4).map(([owner, ms]) => `${owner} ${fixed(ms / count, digits)}`).join(', ');
	return `this package's own code ${fixed(own / count, digits)} ms/${unit}; under its calls (synchronously) ${fixed(inclusive / count, digits)} ms/${unit}, mostly ${under}`;
}

// ---------------------------------------------------------------------------------------------
// 2. Queue mode: main, one worker then two

async function queueMode() {
	const sandbox = await benchSandbox();
	let cluster;
	let inspector;
	try {
		const fixedTeam = { id: 'SmBenchFixedTeam', name: 'bench: fixed Team ID', path: 'bench-fixed-team', teamId: '12345', webhookId: 'b0000000-0000-4000-8000-000000009001' };
		const workflows = [webhookWorkflow(), webhookWorkflow(fixedTeam)];
		cluster = await startQueue({ dir: path.join(OUTPUT, 'bench-queue'), sandboxUrl: sandbox.url, sandboxApiUrl: sandbox.apiUrl, workflows, workers: 0 });
		const inspectPort = await freePort();
		const first = await cluster.addWorker({ nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`] });
		inspector = await Inspector.connect(inspectPort);
		let team = 100000;
		// Client concurrency above the workers' 10 slots each, so that the workers never wait for work.
		const load = async (calls, url = cluster.webhookUrl(WEBHOOK.path)) => {
			const workers = cluster.workers;
			const before = { main: treeCpuMs(cluster.main.pid), workers: workers.map((w) => treeCpuMs(w.pid)), at: process.hrtime.bigint() };
			const results = await callMany(url, Array.from({ length: calls }, () => ({ team_id: String(team++) })), { concurrency: 40 });
			const seconds = Number(process.hrtime.bigint() - before.at) / 1e9;
			const failed = results.filter((r) => r.status !== 200);
			if (failed.length) throw new Error(`${failed.length} of ${calls} calls failed: ${JSON.stringify(failed[0]).slice(0, 300)}`);
			return {
				perSecond: calls / seconds,
				mainMs: (treeCpuMs(cluster.main.pid) - before.main) / calls,
				workerMs: workers.reduce((sum, w, i) => sum + treeCpuMs(w.pid) - before.workers[i], 0) / calls,
			};
		};
		const measure = async (url) => {
			await load(50, url); // warm-up
			const rounds = [];
			for (let r = 0; r < QUEUE_ROUNDS; r++) rounds.push(await load(CALLS, url));
			return {
				perSecond: median(rounds.map((r) => r.perSecond)),
				mainMs: median(rounds.map((r) => r.mainMs)),
				workerMs: median(rounds.map((r) => r.workerMs)),
				rounds,
			};
		};
		const one = await measure();
		const { profile } = await inspector.profile(() => load(CALLS));
		fs.writeFileSync(path.join(cluster.dir, `${first.name}.cpuprofile`), JSON.stringify(profile));
		await cluster.addWorker();
		const two = await measure();
		// The same with a fixed Team ID: no expression, so n8n makes no expression isolate per execution.
		const twoFixed = await measure(cluster.webhookUrl(fixedTeam.path));
		return { one, two, twoFixed, profile };
	} finally {
		inspector?.close();
		await cluster?.stop();
		await sandbox.close();
	}
}

function reportQueue({ one, two, twoFixed, profile }) {
	out(`\nqueue mode (n8n ${N8N_VERSION}, PostgreSQL and Redis on loopback, worker --concurrency=10), webhook → Create, ${CALLS} calls per round, 40 at once, median of ${QUEUE_ROUNDS}:`);
	for (const [label, r] of [['one worker', one], ['two workers', two], ['two workers, Team ID fixed (no expression)', twoFixed]]) {
		out(`  ${label.padEnd(44)} ${fixed(r.perSecond, 1).padStart(6)} executions/s   CPU per execution: main ${fixed(r.mainMs, 1)} ms, workers ${fixed(r.workerMs, 1)} ms   (rounds ${r.rounds.map((x) => x.perSecond.toFixed(1)).join('/')} /s)`);
	}
	const js = javaScriptTime(selfTimeByOwner(profile));
	const sum = total(js);
	const share = packageShare(profile);
	out(`  one worker's JavaScript time per execution (profile of one round): ${fixed(sum / CALLS, 1)} ms: ${js.slice(0, 7).map(([owner, ms]) => `${owner} ${fixed(ms / CALLS, 1)}`).join(', ')}`);
	out(`  ${describeShare(share, CALLS, 'execution', 2)} (of ${fixed(sum / CALLS, 1)} ms)`);
	return { mineMs: share.own / CALLS, inclusiveMs: share.inclusive / CALLS };
}

async function main() {
	await ensureN8n();
	if (ONLY !== 'queue') {
		const per = reportRealN8n(await realN8n());
		out(
			`\nbench-n8n: items=${ITEMS} baseline_ms_per_item=${fixed(per.baseline.ms, 3)} supermetrics_ms_per_item=${fixed(per['supermetrics-all'].ms, 3)} http_request_ms_per_item=${fixed(per['http-request'].ms, 3)} supermetrics_sequential_ms_per_item=${fixed(per['supermetrics-sequential'].ms, 3)} ratio_vs_http_request=${fixed(per['supermetrics-all'].ms / per['http-request'].ms)} supermetrics_cpu_ms_per_item=${fixed(per['supermetrics-all'].cpu, 3)} http_request_cpu_ms_per_item=${fixed(per['http-request'].cpu, 3)}`,
		);
	}
	if (ONLY !== 'n8n') {
		const result = await queueMode();
		const share = reportQueue(result);
		out(
			`\nbench-queue: calls=${CALLS} exec_per_s_1_worker=${fixed(result.one.perSecond, 1)} exec_per_s_2_workers=${fixed(result.two.perSecond, 1)} main_cpu_ms_per_exec=${fixed(result.two.mainMs, 1)} worker_cpu_ms_per_exec=${fixed(result.two.workerMs, 1)} worker_cpu_ms_per_exec_fixed_team=${fixed(result.twoFixed.workerMs, 1)} node_own_cpu_ms_per_exec=${fixed(share.mineMs, 2)} node_inclusive_cpu_ms_per_exec=${fixed(share.inclusiveMs, 2)}`,
		);
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
