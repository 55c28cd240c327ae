#!/usr/bin/env node
'use strict';
/**
 * `npm run sandbox [-- --port 4010 --api-port 4011 --latency 50 --chaos --rate-limit 100 --run-date-form both --auth bearer --time-scale 60 --clock-start 2026-03-02T08:00:00Z]`:
 * the Supermetrics sandbox on loopback, the DTS API on --port and the Supermetrics API's login
 * links and logins on --api-port. Its clock runs `--time-scale` times real time (default 60: an
 * hour a minute, so runs and backfills visibly finish; 0 stands still until POST /__sandbox/clock).
 * `--rate-limit` is requests per key and hour, both APIs together (default 1000). `--auth` is the
 * Authorization form taken: `bearer` (the newest reference, default), `keyOnly` (the older Create
 * Data Source Connection page) or `perPath` (the older reference files, operation by operation).
 */
const { createSandbox, DEFAULT_KEYS } = require('./server');

function flag(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const next = process.argv[i + 1];
	return next === undefined || next.startsWith('--') ? true : next;
}

async function main() {
	const port = Number(flag('port', 4010));
	const sandbox = createSandbox({
		latencyMs: Number(flag('latency', 0)),
		rateLimit: { limit: Number(flag('rate-limit', 1000)) },
		runDateForm: flag('run-date-form', 'both'),
		auth: flag('auth', 'bearer'),
		maxRecorded: Number(flag('max-recorded', 10000)),
		clock: { scale: Number(flag('time-scale', 60)), start: flag('clock-start', undefined) },
	});
	if (flag('chaos', false)) sandbox.setChaos({ rate429: 0.1, rate500: 0.05, rateDrop: 0.02, rateSlow: 0.01 });
	await sandbox.start(port, undefined, Number(flag('api-port', port === 0 ? 0 : port + 1)));
	const [demoKey] = Object.keys(DEFAULT_KEYS);
	const control = sandbox.url.replace(/\/v1$/, '');
	process.stdout.write(
		[
			`DTS sandbox listening on ${sandbox.url}`,
			`Supermetrics API sandbox (login links, logins) listening on ${sandbox.apiUrl}`,
			`  Base URL (credential):  ${sandbox.url}`,
			`  API key with write scope: ${demoKey}`,
			`  API key, read-only:       sandbox-readonly-key`,
			`  Rate limit: ${sandbox.rateLimit.limit} requests per key and hour, both APIs; change it with POST ${control}/__sandbox/rate-limit {"limit": 20}`,
			`  Clock: ${sandbox.clock.scale ? `${sandbox.clock.scale}x real time` : 'still'}; move it with POST ${control}/__sandbox/clock {"advanceMs": 600000}`,
			`  Authorization: ${sandbox.auth === 'keyOnly' ? 'the key alone' : sandbox.auth === 'perPath' ? 'as the older reference files declare per path' : 'Bearer <key>'}; change it with POST ${control}/__sandbox/auth {"reading": "keyOnly"}`,
			`  Try: curl -s -X POST ${sandbox.url}/teams/12345/data-source-connections -H 'Authorization: ${sandbox.auth === 'keyOnly' ? '' : 'Bearer '}${demoKey}' -H 'Content-Type: application/json' -d '{"data_source_id":"GAWA","destination_type":"SQL_BQ"}'`,
			`  Or:  curl -s -X POST ${sandbox.apiUrl}/ds/login/link -H 'Authorization: ${sandbox.auth === 'keyOnly' ? '' : 'Bearer '}${demoKey}' -H 'Content-Type: application/json' -d '{"ds_id":"FA"}'`,
			'       then open its login_url in a browser and Authorize.',
			`  Table groups: curl -s ${sandbox.apiUrl}/enterprise/v2/table/groups -H 'Authorization: ${sandbox.auth === 'keyOnly' ? '' : 'Bearer '}${demoKey}'`,
			'Ctrl-C stops it.',
			'',
		].join('\n'),
	);
	const stop = () => sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
