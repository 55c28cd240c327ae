#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:trigger -- [--teams 10,100,1000] [--latency 100]
 * [--scheduler durable|regular] [--verbose]`: the Supermetrics Transfers Trigger (Transfer Run
 * Finished, every transfer of the team) polling the sandbox for teams of 10, 100 and 1000
 * transfers, through n8n-core's PollContext as n8n 2.41 runs it (test/engine/harness.js; the
 * durable scheduler by default, its cursor committed after every poll). Node 20 or 24.
 *
 * For each team: the transfers are created through the sandbox's API, the trigger is activated,
 * one run of every transfer is started and finishes, and the trigger polls until each run has been
 * reported; then a full turn more, which must report nothing. Per poll it measures the requests
 * sent, the time taken and the size of the state n8n stores (the node's static data, and the
 * activation copy in the workflow's). The sandbox answers after `--latency` ms, as a remote API
 * would (100 ms by default), and sets no rate limit that matters. Prints a summary per team and,
 * last, one line per team to compare across runs.
 */
const { pollingTrigger } = require('../test/engine/harness');
const { createSandbox } = require('../test/sandbox/server');

function flag(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const TEAMS = flag('teams', '10,100,1000').split(',').map(Number);
const LATENCY_MS = Number(flag('latency', '100'));
const SCHEDULER = flag('scheduler', 'durable');
const VERBOSE = process.argv.includes('--verbose');
const KEY = 'sandbox-demo-key';
const TEAM = '12345';
const SEEDED_TRANSFER = '36091';
const MINUTE = 60000;
/** Far from the seeded transfer's daily run (22:00 UTC): the bench's runs are the only ones. */
const START = '2026-03-02T08:00:00Z';
/** Creates at once, so that setting up a team of 1000 takes seconds. */
const CREATE_CONCURRENCY = 16;
/** Polls allowed per team before the bench gives up: a turn of 1000 transfers is 50. */
const MAX_POLLS = 200;

if (!TEAMS.every((n) => Number.isInteger(n) && n >= 1 && n <= 5000)) throw new Error('--teams: sizes from 1 to 5000, comma-separated');
if (!(Number.isFinite(LATENCY_MS) && LATENCY_MS >= 0 && LATENCY_MS <= 5000)) throw new Error('--latency: 0 to 5000 ms');
if (!['durable', 'regular'].includes(SCHEDULER)) throw new Error('--scheduler: durable or regular');

async function createTransfers(sandbox, count) {
	const ids = [];
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const i = next++;
			const response = await fetch(`${sandbox.url}/teams/${TEAM}/transfers`, {
				method: 'POST',
				headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
				body: JSON.stringify({ data_source_id: 'GAWA', schema_id: 2, destination_id: 8, display_name: `Bench ${i}`, schedule: [{ run_interval: 'daily', run_hour: 23 }], accounts: [{ account_id: '1' }] }),
			});
			if (response.status !== 200 && response.status !== 201) throw new Error(`create transfer: HTTP ${response.status} ${await response.text()}`);
			const text = await response.text();
			ids.push(/"transfer_id":\s*"?(\d+)/.exec(text)[1]);
		}
	};
	await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
	return ids;
}

const kb = (value) => (value === null || value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)) / 1024);
const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

async function timedPoll(sandbox, call) {
	const before = sandbox.counts.requests;
	const started = process.hrtime.bigint();
	const result = await call();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	if (result.error) throw result.error;
	return { result, requests: sandbox.counts.requests - before, ms };
}

async function benchTeam(size) {
	// Requests from the bench itself (creating transfers) count apart: the trigger's key is its own.
	const sandbox = await createSandbox({ clock: { start: START }, latencyMs: LATENCY_MS, rateLimit: { limit: 100000000 }, maxRecorded: 0 }).start();
	try {
		const transfers = [SEEDED_TRANSFER, ...(await createTransfers(sandbox, size - 1))];
		const t = pollingTrigger({
			parameters: { event: 'transferRunFinished', teamId: TEAM, transferId: '', onlyFailures: false },
			credentials: { apiKey: KEY, baseUrl: sandbox.url },
			scheduler: SCHEDULER,
		});
		const copyKey = `supermetricsTransfersTrigger:${t.node.id}`;
		const activation = await timedPoll(sandbox, () => t.activate());
		// What n8n stores after the activation: the cursor (durable: dropped, n8n 2.41) and the copy.
		const activationStateKb = kb(activation.result.saved);
		const activationCopyKb = kb(t.global()?.[copyKey]);
		const started = new Set(transfers.map((transferId) => sandbox.addRun({ transferId }).id));
		sandbox.clock.advance(5 * MINUTE);

		const reported = new Map();
		const polls = [];
		const poll = async () => {
			const measured = await timedPoll(sandbox, () => t.poll());
			for (const item of measured.result.items) reported.set(item.id, (reported.get(item.id) ?? 0) + 1);
			const entry = { requests: measured.requests, ms: measured.ms, items: measured.result.items.length, stateKb: kb(t.saved()), copyKb: kb(t.global()?.[copyKey]) };
			polls.push(entry);
			if (VERBOSE) console.log(`  poll ${String(polls.length).padStart(3)}: ${entry.requests} requests, ${entry.ms.toFixed(0)} ms, ${entry.items} runs, state ${entry.stateKb.toFixed(1)} KB`);
			return entry;
		};
		while ([...started].some((id) => !reported.has(id))) {
			if (polls.length >= MAX_POLLS) throw new Error(`team of ${size}: ${reported.size} of ${started.size} runs reported after ${MAX_POLLS} polls`);
			await poll();
		}
		const untilAll = polls.length;
		const turn = Math.ceil(size / 20);
		for (let i = 0; i < turn; i++) await poll();
		const twice = [...reported.values()].filter((count) => count > 1).length;
		const unexpected = [...reported.keys()].filter((id) => !started.has(id)).length;
		if (twice || unexpected) throw new Error(`team of ${size}: ${twice} runs reported twice, ${unexpected} not started by the bench`);

		const steady = polls.slice(untilAll);
		const perPoll = median(steady.map((p) => p.requests));
		return {
			size,
			activation,
			activationStateKb,
			activationCopyKb,
			untilAll,
			polls,
			perPoll,
			maxRequests: Math.max(...polls.map((p) => p.requests)),
			medianMs: median(polls.map((p) => p.ms)),
			maxMs: Math.max(...polls.map((p) => p.ms)),
			maxStateKb: Math.max(...polls.map((p) => p.stateKb)),
			finalStateKb: polls.at(-1).stateKb,
		};
	} finally {
		await sandbox.close();
	}
}

async function main() {
	console.log(`bench-trigger: Transfer Run Finished on every transfer, ${SCHEDULER} scheduler, sandbox latency ${LATENCY_MS} ms, Node ${process.version}`);
	const results = [];
	for (const size of TEAMS) {
		console.log(`\nteam of ${size} transfers:`);
		const r = await benchTeam(size);
		results.push(r);
		console.log(`  activation: ${r.activation.requests} requests, ${(r.activation.ms / 1000).toFixed(2)} s; the node's static data ${r.activationStateKb.toFixed(1)} KB, its activation copy ${r.activationCopyKb.toFixed(1)} KB`);
		console.log(`  every run (${size}) reported once after ${plural(r.untilAll, 'poll')}; a full turn more (${plural(Math.ceil(size / 20), 'poll')}) reported nothing`);
		console.log(`  per poll: ${r.perPoll} requests (at most ${r.maxRequests}), ${r.medianMs.toFixed(0)} ms median (at most ${r.maxMs.toFixed(0)} ms); state ${r.finalStateKb.toFixed(1)} KB after (at most ${r.maxStateKb.toFixed(1)} KB)`);
		for (const minutes of [1, 5, 15]) {
			console.log(`  every ${String(minutes).padStart(2)} min: ${Math.round((r.perPoll * 60) / minutes)} requests an hour; a run that finished is reported within ${plural(r.untilAll * minutes, 'minute')}`);
		}
	}
	console.log('');
	for (const r of results) {
		console.log(`bench-trigger: transfers=${r.size} polls_until_all_reported=${r.untilAll} requests_per_poll=${r.perPoll} max_requests_per_poll=${r.maxRequests} median_poll_ms=${r.medianMs.toFixed(0)} max_poll_ms=${r.maxMs.toFixed(0)} max_state_kb=${r.maxStateKb.toFixed(1)}`);
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
