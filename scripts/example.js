#!/usr/bin/env node
'use strict';
/**
 * A headless run of the example workflow: the Supermetrics Transfers node, through n8n's own
 * execution engine, creating data source connections against the DTS sandbox on loopback.
 * Prints what went in and what came out. Needs `npm run build` first (npm start does it).
 */
const { createSandbox } = require('../test/sandbox/server');
const { runNode } = require('../test/engine/harness');

const items = [
	{ team_id: '12345', source: 'GAWA', destination: 'SQL_BQ' },
	{ team_id: '9223372036854775807', source: 'ADM', destination: 'DWH_SNOWFLAKE' },
	{ team_id: '12345', source: 'ga4', destination: 'SQL_BQ' },
];

async function main() {
	const sandbox = await createSandbox().start();
	try {
		const { output, error } = await runNode({
			parameters: {
				resource: 'dataSourceConnection',
				operation: 'create',
				teamId: '={{ $json.team_id }}',
				dataSourceId: { __rl: true, mode: 'code', value: '={{ $json.source }}' },
				destinationType: { __rl: true, mode: 'code', value: '={{ $json.destination }}' },
			},
			items,
			continueOnFail: true,
			credentials: { apiKey: 'sandbox-demo-key', baseUrl: sandbox.url, apiUrl: sandbox.apiUrl },
		});
		const show = (value) => JSON.stringify(value, null, 2);
		process.stdout.write(`Supermetrics Transfers → Create Data Source Connection, against the DTS sandbox at ${sandbox.url}\n\n`);
		process.stdout.write(`Input items:\n${show(items)}\n\n`);
		if (error) throw error;
		process.stdout.write(`Output items (Continue On Fail on, so the bad third item reports its error):\n${show(output.map((i) => i.json))}\n\n`);
		process.stdout.write(
			[
				`The sandbox received ${sandbox.requests.length} requests (the third item was refused before sending).`,
				'Try it yourself: `npm run sandbox`, then point the "Supermetrics Transfers API" credential at the printed Base URL with the key sandbox-demo-key.',
				'',
			].join('\n'),
		);
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	process.stderr.write(`${error.message}\n${error.description ?? ''}\n`);
	process.exit(1);
});
