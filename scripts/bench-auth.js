#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`'s Authorization part (`node scripts/bench-auth.js [--executions 20 --polls 20
 * --dist <another build's dist/>]`): how many requests a default credential sends, and how many of
 * them are refused for their Authorization form, per execution of a chain of five operations (Data
 * Source Connection Create, Transfer List, Destination List, Backfill List Incomplete, Data Source
 * Login List: both APIs) and per trigger poll (Transfer Run Finished, every transfer of the team),
 * in one process with one credential, against the sandbox taking Bearer only (the newest
 * reference) and the key alone only (the older Create Data Source Connection page). Prints a table
 * and a `bench-auth:` line; `--dist` measures another commit's build the same way.
 */
const path = require('node:path');

function flag(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const EXECUTIONS = Number(flag('executions', 20));
const POLLS = Number(flag('polls', 20));
const DIST = flag('dist', undefined);
if (DIST) process.env.SUPERMETRICS_TRANSFERS_DIST = path.resolve(DIST);
if (!(Number.isInteger(EXECUTIONS) && EXECUTIONS >= 1 && EXECUTIONS <= 1000)) throw new Error('--executions: a whole number from 1 to 1000');
if (!(Number.isInteger(POLLS) && POLLS >= 1 && POLLS <= 1000)) throw new Error('--polls: a whole number from 1 to 1000');

const { pollingTrigger, runNode } = require('../test/engine/harness');
const { createSandbox } = require('../test/sandbox/server');

const TEAM = '12345';
const CHAIN = [
	{ resource: 'dataSourceConnection', operation: 'create', teamId: TEAM, dataSourceId: { __rl: true, mode: 'code', value: 'GAWA' }, destinationType: { __rl: true, mode: 'code', value: 'SQL_BQ' } },
	{ resource: 'transfer', operation: 'list', teamId: TEAM },
	{ resource: 'destination', operation: 'list', teamId: TEAM },
	{ resource: 'backfill', operation: 'listIncomplete', teamId: TEAM },
	{ resource: 'dataSourceLogin', operation: 'list' },
];

/** Requests since `from`, and how many of them were refused with a 401. */
function count(sandbox, from) {
	const requests = sandbox.requests.slice(from);
	return { requests: requests.length, refused: requests.filter((r) => r.status === 401).length };
}

async function measure(reading) {
	const sandbox = await createSandbox({ auth: reading, rateLimit: { limit: 100000000 }, maxRecorded: 1000000 }).start();
	try {
		const credentials = { apiKey: 'sandbox-demo-key', baseUrl: sandbox.url, apiUrl: sandbox.apiUrl };
		const credentialId = `bench-auth-${reading}`;
		const first = count(sandbox, 0);
		for (let i = 0; i < EXECUTIONS; i++) {
			for (const parameters of CHAIN) {
				const { error } = await runNode({ parameters, credentials, credentialId });
				if (error) throw new Error(`${reading}: ${parameters.resource} → ${parameters.operation} failed: ${error.message}`);
			}
		}
		const executions = count(sandbox, first.requests);
		const trigger = pollingTrigger({ parameters: { event: 'transferRunFinished', teamId: TEAM }, credentials, credentialId });
		const activated = await trigger.activate();
		if (activated.error) throw new Error(`${reading}: the trigger's activation failed: ${activated.error.message}`);
		const from = sandbox.requests.length;
		for (let i = 0; i < POLLS; i++) {
			const polled = await trigger.poll();
			if (polled.error) throw new Error(`${reading}: a poll failed: ${polled.error.message}`);
		}
		return { reading, executions, polls: count(sandbox, from) };
	} finally {
		await sandbox.close();
	}
}

async function main() {
	const rows = [];
	for (const reading of ['bearer', 'keyOnly']) rows.push(await measure(reading));
	const per = (n, of) => (n / of).toFixed(2);
	const what = DIST ? `the build in ${DIST}` : 'this build (dist/)';
	process.stdout.write(`Authorization forms: a default credential, ${what}; ${EXECUTIONS} executions of ${CHAIN.length} operations, then ${POLLS} trigger polls, one process\n`);
	process.stdout.write(`${'sandbox takes'.padEnd(26)} ${'requests/execution'.padStart(19)} ${'refused/execution'.padStart(18)} ${'requests/poll'.padStart(14)} ${'refused/poll'.padStart(13)} ${'refused in all'.padStart(15)}\n`);
	for (const { reading, executions, polls } of rows) {
		const label = reading === 'bearer' ? 'Bearer only (newest)' : 'the key alone (older page)';
		process.stdout.write(
			`${label.padEnd(26)} ${per(executions.requests, EXECUTIONS).padStart(19)} ${per(executions.refused, EXECUTIONS).padStart(18)} ${per(polls.requests, POLLS).padStart(14)} ${per(polls.refused, POLLS).padStart(13)} ${String(executions.refused + polls.refused).padStart(15)}\n`,
		);
	}
	process.stdout.write(`bench-auth: ${rows.map(({ reading, executions, polls }) => `${reading} ${executions.refused + polls.refused} refused of ${executions.requests + polls.requests}`).join(', ')}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exitCode = 1;
});
