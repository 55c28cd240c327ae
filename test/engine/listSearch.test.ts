import { createSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { loadOptionsContext, SupermetricsTransfers } from './harness';
import { apiData, hostileServer } from './hostile';
import { API_CANARY } from './support';

/** The pickers as the editor calls them: n8n's list-search context, the node's current parameters. */
function searchContext(api: { url: string }, teamId: unknown, apiKey = 'sandbox-demo-key') {
	return loadOptionsContext({ parameters: { teamId }, credentials: { apiKey, baseUrl: api.url } });
}

describe('pickers', () => {
	let sandbox: Sandbox;
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
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/teams/12345/transfers', '/teams/12345/destinations', '/teams/12345/destinations']);
	});

	test('data sources and destination types come from available-sources once a team id is set', async () => {
		const context = searchContext(sandbox, '12345');
		const sources = await methods.searchDataSources.call(context, 'tiktok');
		expect(sources.results).toEqual([{ name: 'TikTok Ads (TIK)', value: 'TIK' }]);
		const types = await methods.searchDestinationTypes.call(context, 'redshift');
		expect(types.results).toEqual([{ name: 'Amazon Redshift (DWH_REDSHIFT)', value: 'DWH_REDSHIFT' }]);
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/teams/12345/transfers/available-sources', '/teams/12345/transfers/available-sources']);
	});

	test('without a usable team id: the built-in codes for sources and types, a clear error for transfers', async () => {
		const context = searchContext(sandbox, '={{ $json.team_id }}');
		expect((await methods.searchDataSources.call(context, 'GAWA')).results).toEqual([{ name: 'Google Analytics 4 (GAWA)', value: 'GAWA' }]);
		expect((await methods.searchDestinationTypes.call(context)).results.map((r) => r.value)).toEqual(['SQL_BQ', 'DWH_SNOWFLAKE']);
		await expect(methods.searchTransfers.call(context)).rejects.toThrow('Enter a Team ID (a plain number, not an expression) to list transfers');
		expect(sandbox.requests).toEqual([]);
	});

	test('a redirect is not followed and an echoed key is not shown, as in a run', async () => {
		const elsewhere = await hostileServer((_req, res) => apiData(res, 200, [{ id: 1, display_name: 'bait' }]));
		const api = await hostileServer((req, res) => {
			if (req.url?.endsWith('/destinations')) {
				res.writeHead(307, { Location: `${elsewhere.url}/teams/12345/destinations` });
				res.end();
				return;
			}
			apiData(res, 200, [{ dwh_transfer_id: 1, display_name: `leak ${String(req.headers.authorization)}` }]);
		});
		try {
			const context = searchContext(api, '12345', API_CANARY);
			await expect(methods.searchDestinations.call(context)).rejects.toThrow(`redirect (HTTP 307) to ${elsewhere.origin}`);
			expect(elsewhere.received).toEqual([]);
			expect(await methods.searchTransfers.call(context)).toEqual({ results: [{ name: 'leak Bearer *** (1)', value: '1' }] });
		} finally {
			await api.close();
			await elsewhere.close();
		}
	});
});
