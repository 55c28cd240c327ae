/**
 * What the newest reference (Management API Reference 2.0.0) changed in operations the node had,
 * and two answers an outside mock found the node mishandling, against a scripted server: Login Link
 * Create's Use Existing and Require Login, Destination List's Type and Name filters (sent, and
 * applied to an answer that ignores them), the destination picker's search by name, backfill
 * answers without `meta`, 403s on the logins paths, List Accounts' accounts without an id, and a
 * create's new id taken from its Location when the body lacks it.
 */
import { byCode, byId, TEAM } from './context';
import { loadOptionsContext, runNode, SupermetricsTransfers } from './harness';
import { apiData, apiError } from './hostile';
import { scriptedApi } from './scripted';
import { API_CANARY } from './support';

const api = scriptedApi();
const credentials = () => ({ apiKey: API_CANARY, baseUrl: api.url, apiUrl: api.url });
const run = (parameters: Record<string, unknown>, extra: { continueOnFail?: boolean } = {}) =>
	runNode({ parameters: { teamId: TEAM, ...parameters }, credentials: credentials(), ...extra });
const jsonOf = (result: Awaited<ReturnType<typeof run>>) => (result.output ?? []).map((item) => item.json);
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('Login Link → Create: Use Existing and Require Login', () => {
	const link = { link_id: 'lnk_1', login_url: 'https://login.example/x', status_code: 'OPEN' };

	test('sent as added, true or false; left out when not added', async () => {
		api.answer = (_req, res) => apiData(res, 201, link);
		await run({ resource: 'loginLink', operation: 'create', dsId: byCode('GAWA'), additionalFields: { useExisting: true, requireLogin: false } });
		await run({ resource: 'loginLink', operation: 'create', dsId: byCode('GAWA') });
		expect(api.received.map((r) => JSON.parse(r.body))).toEqual([
			{ ds_id: 'GAWA', use_existing: true, require_login: false },
			{ ds_id: 'GAWA' },
		]);
	});

	test('a value that is not true or false names the field and sends nothing', async () => {
		const result = await run({ resource: 'loginLink', operation: 'create', dsId: byCode('GAWA'), additionalFields: { useExisting: '={{ "yes" }}' } }, { continueOnFail: true });
		expect(jsonOf(result)[0]).toMatchObject({ code: 'INVALID_INPUT', error: 'Invalid Use Existing "yes" in item 0: must be true or false' });
		expect(api.received).toEqual([]);
	});
});

describe('Destination → List: Type and Name', () => {
	const destinations = [
		{ id: 8, display_name: 'Marketing warehouse', destination_type: { type: 'DWH_SNOWFLAKE' } },
		{ id: 9, display_name: 'Finance', destination_type: { type: 'DWH_SNOWFLAKE' } },
		{ id: 10, display_name: 'MARKETING lake', destination_type: { type: 'SQL_BQ' } },
	];

	test('sent as the API\'s type and name, and applied to an answer that ignores them', async () => {
		api.answer = (_req, res) => apiData(res, 200, destinations);
		const result = await run({ resource: 'destination', operation: 'list', filters: { type: 'dwh_snowflake', name: 'market' } });
		expect(query(api.received[0].url)).toEqual({ type: 'DWH_SNOWFLAKE', name: 'market' });
		expect(jsonOf(result).map((d) => d.id)).toEqual(['8']);
	});

	test('no filter: nothing sent, every destination out', async () => {
		api.answer = (_req, res) => apiData(res, 200, destinations);
		const result = await run({ resource: 'destination', operation: 'list' });
		expect(api.received[0].url).toBe(`/v1/teams/${TEAM}/destinations`);
		expect(jsonOf(result)).toHaveLength(3);
	});

	test('a Type that is not a code, or a Name past 255 characters, is refused before anything is sent', async () => {
		const bad = await run({ resource: 'destination', operation: 'list', filters: { type: 'snow flake' } }, { continueOnFail: true });
		expect(jsonOf(bad)[0]).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringContaining('Invalid Type "SNOW FLAKE" in item 0') });
		const long = await run({ resource: 'destination', operation: 'list', filters: { name: 'x'.repeat(256) } }, { continueOnFail: true });
		expect(jsonOf(long)[0]).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringContaining('Invalid Name') });
		expect(api.received).toEqual([]);
	});

	test('the destination picker searches by name on the API, and in the answer', async () => {
		api.answer = (_req, res) => apiData(res, 200, destinations);
		const context = loadOptionsContext({ parameters: { resource: 'transfer', operation: 'create', teamId: TEAM }, credentials: credentials(), path: 'parameters.destinationId' });
		const found = await new SupermetricsTransfers().methods.listSearch.searchDestinations.call(context, 'Marketing');
		expect(query(api.received[0].url)).toEqual({ name: 'Marketing' });
		expect(found.results.map((r) => r.value)).toEqual(['8', '10']);
	});
});

test('a backfill answer without meta reads as the rest', async () => {
	api.answer = (_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify({ data: { transfer_backfill_id: 12344, status: 'COMPLETED', transfer_runs_total: 3 } }));
	};
	const result = await run({ resource: 'backfill', operation: 'get', backfillId: '12344' });
	expect(result.error).toBeUndefined();
	expect(jsonOf(result)[0]).toMatchObject({ transfer_backfill_id: '12344', status: 'COMPLETED' });
});

test('a 403 on a logins path reads as any API error, with the scopes the logins API declares', async () => {
	api.answer = (_req, res) => apiError(res, 403, { code: 'PERMISSION_ERROR', message: 'Forbidden', description: 'Missing scope ds_logins_read' });
	const result = await run({ resource: 'dataSourceLogin', operation: 'list' }, { continueOnFail: true });
	const [item] = jsonOf(result);
	expect(item).toMatchObject({ code: 'PERMISSION_ERROR', http_code: 403, error: 'Missing scope ds_logins_read (PERMISSION_ERROR)' });
	expect(item.description).toContain('ds_logins_read or ds_logins_write for logins');
	expect(item.description).not.toContain('dwh_transfers_write');
});

describe('Data Source Login → List Accounts: accounts without an id', () => {
	test('none is lost: only accounts with an account_id are merged', async () => {
		// A full first page (999 without an id and account 1), then account 1 again and one more without an id.
		const first = [...Array.from({ length: 999 }, (_, i) => ({ account_name: `A${i}` })), { account_id: '1', account_name: 'one' }];
		const pages: Record<string, object[]> = { '0': first, '1000': [{ account_id: '1', account_name: 'one again' }, { account_name: 'last' }] };
		api.answer = (req, res) => apiData(res, 200, pages[query(req.url!).offset] ?? []);
		const names = jsonOf(await run({ resource: 'dataSourceLogin', operation: 'listAccounts', loginId: byId('7'), returnAll: true })).map((a) => a.account_name);
		expect(names).toHaveLength(1001);
		expect(new Set(names).size).toBe(1001);
		expect(names.slice(-3)).toEqual(['A998', 'one', 'last']);
		const two = await run({ resource: 'dataSourceLogin', operation: 'listAccounts', loginId: byId('7'), limit: 2 });
		expect(jsonOf(two).map((a) => a.account_name)).toEqual(['A0', 'A1']);
	});

	test('a server that ignores offset (the same page again) ends the paging, nothing doubled', async () => {
		api.answer = (_req, res) => apiData(res, 200, Array.from({ length: 1000 }, (_, i) => ({ account_name: `A${i}` })));
		const result = await run({ resource: 'dataSourceLogin', operation: 'listAccounts', loginId: byId('7'), returnAll: true });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(1000);
		expect(api.received).toHaveLength(2);
	});
});

describe('a create whose answer lacks the new id takes it from its Location, and says so', () => {
	const cases: Array<[string, Record<string, unknown>, string, string]> = [
		['Data Source Connection', { resource: 'dataSourceConnection', operation: 'create', dataSourceId: byCode('GAWA'), destinationType: byCode('SQL_BQ') }, 'connection_id', `https://dts-api.supermetrics.com/v1/teams/${TEAM}/data-source-connections/01A24B49-530F-7852-8F5F-0E93D430D80C`],
		['Transfer', { resource: 'transfer', operation: 'create', dataSourceId: byCode('AW'), schemaId: '2', destinationId: byId('8'), displayName: 'T', schedule: { entries: [{ runInterval: 'daily', runHour: 22, refreshWindow: 1 }] }, accounts: { entries: [{ accountId: '1', dataSourceUsername: 'u@x.com', loginId: 2 }] } }, 'transfer_id', `https://dts-api.supermetrics.com/v1/teams/${TEAM}/transfers/36092`],
		['Destination', { resource: 'destination', operation: 'create', destinationType: byCode('SQL_BQ'), displayName: 'D', secretsSource: 'none', settings: { entries: [{ name: 'project_id', value: 'p' }] } }, 'id', `/v1/teams/${TEAM}/destinations/12`],
		['Backfill', { resource: 'backfill', operation: 'create', transferId: byId('36091'), rangeStart: '2024-01-01', rangeEnd: '2024-01-02' }, 'transfer_backfill_id', `https://dts-api.supermetrics.com/v1/teams/${TEAM}/backfills/12345`],
		['Login Link', { resource: 'loginLink', operation: 'create', dsId: byCode('GAWA') }, 'link_id', 'https://api.supermetrics.com/ds/login/link/lnk_77'],
	];

	test.each(cases)('%s', async (_name, parameters, field, location) => {
		api.answer = (_req, res) => apiData(res, 201, field === 'link_id' ? { login_url: 'https://login.example/x' } : {}, { Location: location });
		const result = await run(parameters);
		expect(result.error).toBeUndefined();
		const [item] = jsonOf(result);
		expect(item[field]).toBe(location.split('/').pop());
		expect(item.notice).toBe(`The answer had no data.${field}: it was taken from the answer's Location header.`);
		expect(item.location).toBe(location);
		expect(item.missing_fields).toBeUndefined();
		expect(api.received).toHaveLength(1);
	});

	test('a Location that names something else gives no id: the item says what was missing', async () => {
		api.answer = (_req, res) => apiData(res, 201, {}, { Location: `https://dts-api.supermetrics.com/v1/teams/${TEAM}/transfers/36092` });
		const [item] = jsonOf(await run(cases[0][1]));
		expect(item).toMatchObject({ connection_id: null, missing_fields: ['connection_id'] });
		expect(item.notice).toContain('Do not run this item again');
	});
});
