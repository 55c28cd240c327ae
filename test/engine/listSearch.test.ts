import { createSandbox } from '../sandbox/server';

const { SupermetricsTransfers } = require('../../dist/nodes/SupermetricsTransfers/SupermetricsTransfers.node');

/**
 * The pickers as the editor calls them: a list-search context with the node's current parameters
 * and the credential; its HTTP goes to the sandbox through fetch, as n8n's helper would send it.
 */
function searchContext(sandbox: any, teamId: unknown) {
	return {
		getNode: () => ({ name: 'Supermetrics Transfers', type: 'supermetricsTransfers', typeVersion: 1, parameters: {} }),
		getCurrentNodeParameter: (name: string) => (name === 'teamId' ? teamId : undefined),
		getCredentials: async () => ({ apiKey: 'sandbox-demo-key', baseUrl: sandbox.url }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: any) => {
				const url = new URL(options.url);
				for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
				const response = await fetch(url, { method: options.method, headers: { authorization: 'sandbox-demo-key' } });
				return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
			},
		},
	};
}

describe('pickers', () => {
	let sandbox: any;
	const methods = new SupermetricsTransfers().methods.listSearch;
	beforeAll(async () => {
		sandbox = await createSandbox().start();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	test('transfers and destinations of the team, searchable', async () => {
		const context = searchContext(sandbox, '12345');
		expect(await methods.searchTransfers.call(context)).toEqual({ results: [{ name: 'AW enhanced 2022-11-17 (36091)', value: '36091' }] });
		expect(await methods.searchDestinations.call(context, 'snow')).toEqual({ results: [{ name: 'Sandbox Snowflake (8)', value: '8' }] });
		expect(await methods.searchDestinations.call(context, 'bigquery')).toEqual({ results: [] });
		expect(sandbox.requests.map((r: any) => r.path)).toEqual(['/teams/12345/transfers', '/teams/12345/destinations', '/teams/12345/destinations']);
	});

	test('data sources and destination types come from available-sources once a team id is set', async () => {
		const context = searchContext(sandbox, '12345');
		const sources = await methods.searchDataSources.call(context, 'tiktok');
		expect(sources.results).toEqual([{ name: 'TikTok Ads (TIK)', value: 'TIK' }]);
		const types = await methods.searchDestinationTypes.call(context, 'redshift');
		expect(types.results).toEqual([{ name: 'Amazon Redshift (DWH_REDSHIFT)', value: 'DWH_REDSHIFT' }]);
		expect(sandbox.requests.map((r: any) => r.path)).toEqual(['/teams/12345/transfers/available-sources', '/teams/12345/transfers/available-sources']);
	});

	test('without a usable team id: the built-in codes for sources and types, a clear error for transfers', async () => {
		const context = searchContext(sandbox, '={{ $json.team_id }}');
		expect((await methods.searchDataSources.call(context, 'GAWA')).results).toEqual([{ name: 'Google Analytics 4 (GAWA)', value: 'GAWA' }]);
		expect((await methods.searchDestinationTypes.call(context)).results.map((r: any) => r.value)).toEqual(['SQL_BQ', 'DWH_SNOWFLAKE']);
		await expect(methods.searchTransfers.call(context)).rejects.toThrow('Enter a Team ID (a plain number, not an expression) to list transfers');
		expect(sandbox.requests).toEqual([]);
	});
});
