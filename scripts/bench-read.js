#!/usr/bin/env node
'use strict';
/**
 * `npm run bench` (last part): how long reading an answer takes, for the answers the security
 * tests throw at the node. Runs the built transport's reader (dist/), median of 7 after a warm-up
 * (`--runs 1`: one, a quick check that the script runs).
 * The old reader took 3 s on 78 KB and 43 s on 313 KB of the first kind.
 */
const { parseJson, readAnswer } = require('../dist/nodes/SupermetricsTransfers/transport/read');
const { Masker } = require('../dist/nodes/SupermetricsTransfers/transport/mask');

const at = process.argv.indexOf('--runs');
const RUNS = at >= 0 ? Number(process.argv[at + 1]) : 7;
if (!(Number.isInteger(RUNS) && RUNS >= 1 && RUNS <= 100)) throw new Error('--runs: a whole number from 1 to 100');
const MB = 1024 * 1024;
const run = (id) => ({ id: 9007199254740993 + id, status: 'COMPLETED', created_time: '2024-01-15T09:55:00Z', ended_time: '2024-01-15T10:05:30Z', type: 'Recurring', total_duration: 330.5, total_rows: 4500, data_date: '2024-01-15', message: '' });
const runs = [];
while (JSON.stringify(runs).length < MB) runs.push(run(runs.length));

const bodies = {
	hostile_1mb: `{"meta":{"request_id":"R"},"data":[{"display_name":"${'\\"'.repeat(MB / 2)}`,
	runs_1mb: JSON.stringify({ meta: { request_id: 'R' }, data: runs }).replace(/"id":(\d+)/g, (_, n) => `"id":${BigInt(n)}`),
	one_string_8mb: JSON.stringify({ meta: { request_id: 'R' }, data: { display_name: 'x'.repeat(8 * MB) } }),
	nested_100k: `{"data":${'['.repeat(100000)}${']'.repeat(100000)}}`,
};
const masker = new Masker(['sk_live_0123456789abcdef', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----']);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const figures = [];
for (const [name, text] of Object.entries(bodies)) {
	const times = [];
	for (let i = 0; i <= RUNS; i++) {
		const started = process.hrtime.bigint();
		const parsed = parseJson(text);
		if (parsed.ok) readAnswer(parsed.value, masker);
		if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
	}
	const ms = median(times);
	process.stdout.write(`read ${name.padEnd(16)} ${(text.length / MB).toFixed(2).padStart(6)} MB  ${ms.toFixed(1).padStart(7)} ms  (parse, ids, masking)\n`);
	figures.push(`${name}_ms=${ms.toFixed(1)}`);
}
process.stdout.write(`bench-read: ${figures.join(' ')}\n`);
