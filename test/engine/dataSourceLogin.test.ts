/**
 * Data Source Login List, Get, Revoke and List Accounts through n8n's engine against the sandbox's
 * logins API; the login and login link pickers as the editor calls them; and, against hostile
 * servers, what the two logins resources send where: the key only to the Supermetrics API URL,
 * with each path's declared scheme, no redirect followed, and a write's 2xx never a failure.
 */
import { byCode, byId, json, TEAM, useSandbox } from './context';
import { loadOptionsContext, runNode, SupermetricsTransfers } from './harness';
import { apiData, hostileServer } from './hostile';
import type { Hostile } from './hostile';
import { API_CANARY } from './support';

const ctx = useSandbox();
const SEEDED_LOGIN = '2682599';
const requests = () => ctx.sent().map((r) => `${r.api} ${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : ''}`);

describe('Data Source Login operations', () => {
	test('List: GET /ds/logins, Bearer, one item per login', async () => {
		const logins = json(await ctx.run({ resource: 'dataSourceLogin', operation: 'list' }));
		expect(logins.map((l) => l.login_id)).toEqual(['2682599', '2830506']);
		expect(logins[0]).toMatchObject({ username: 'user.name@supermetrics.com', ds_info: { ds_id: 'AW', name: 'Google Ads' }, revoked_time: null });
		expect(requests()).toEqual(['logins GET /ds/logins']);
		expect(ctx.last().headers.authorization).toBe('Bearer sandbox-demo-key');
	});

	test('Get: GET /ds/login/{login_id}, the login out', async () => {
		const [login] = json(await ctx.run({ resource: 'dataSourceLogin', operation: 'get', loginId: byId(SEEDED_LOGIN) }));
		expect(login).toMatchObject({ login_id: SEEDED_LOGIN, display_name: 'user.name@supermetrics.com', is_refreshable: true });
		expect(requests()).toEqual([`logins GET /ds/login/${SEEDED_LOGIN}`]);
	});

	test('a login_id as DTS gives it (an int32, e.g. from Get Available Options) is taken and sent as text', async () => {
		const [login] = json(await ctx.run({ resource: 'dataSourceLogin', operation: 'get', loginId: byId('={{ $json.login_id }}') }, { items: [{ login_id: 2682599 }] }));
		expect(login.login_id).toBe(SEEDED_LOGIN);
	});

	test('List Accounts: the login\'s accounts, each with its login_id, ApiKeyAuth as declared', async () => {
		const accounts = json(await ctx.run({ resource: 'dataSourceLogin', operation: 'listAccounts', loginId: byId(SEEDED_LOGIN), returnAll: true }));
		expect(accounts).toEqual([
			expect.objectContaining({ account_id: '8733197711', name: 'Sandbox account', group: 'Sandbox', login_id: SEEDED_LOGIN }),
			expect.objectContaining({ account_id: '5512340987', name: 'Sandbox EU shop', login_id: SEEDED_LOGIN }),
		]);
		expect(requests()).toEqual([`logins GET /ds/login/${SEEDED_LOGIN}/accounts?offset=0&limit=1000`]);
		expect(ctx.last().headers.authorization).toBe('Bearer sandbox-demo-key');
	});

	test('List Accounts pages with offset and limit (1000 a page) until the last short page', async () => {
		const login = ctx.sandbox.addLogin({ dsId: 'GAWA', username: 'big@example.com', accounts: 2500 });
		const accounts = json(await ctx.run({ resource: 'dataSourceLogin', operation: 'listAccounts', loginId: byId(login.login_id), returnAll: true }));
		expect(accounts).toHaveLength(2500);
		expect(new Set(accounts.map((a) => a.account_id)).size).toBe(2500);
		const path = `/ds/login/${login.login_id}/accounts`;
		expect(requests()).toEqual([
			`logins GET ${path}?offset=0&limit=1000`,
			`logins GET ${path}?offset=1000&limit=1000`,
			`logins GET ${path}?offset=2000&limit=1000`,
		]);
	});

	test('List Accounts with Limit and Offset asks for no more than Limit, from Offset', async () => {
		const login = ctx.sandbox.addLogin({ dsId: 'GAWA', username: 'big@example.com', accounts: 2500 });
		const accounts = json(await ctx.run({ resource: 'dataSourceLogin', operation: 'listAccounts', loginId: byId(login.login_id), limit: 1200, offset: 100 }));
		expect(accounts).toHaveLength(1200);
		expect(accounts[0].account_id).toBe(`${login.login_id}0101`);
		const path = `/ds/login/${login.login_id}/accounts`;
		expect(requests()).toEqual([`logins GET ${path}?offset=100&limit=1000`, `logins GET ${path}?offset=1100&limit=200`]);
	});

	test('Revoke: DELETE /ds/login/{login_id}, ApiKeyAuth; the login\'s accounts are gone after it', async () => {
		const [revoked] = json(await ctx.run({ resource: 'dataSourceLogin', operation: 'revoke', loginId: byId(SEEDED_LOGIN) }));
		expect(revoked).toEqual({ login_id: SEEDED_LOGIN, result: true });
		expect(ctx.last()).toMatchObject({ api: 'logins', method: 'DELETE', path: `/ds/login/${SEEDED_LOGIN}` });
		expect(ctx.last().headers.authorization).toBe('Bearer sandbox-demo-key');
		const [login] = json(await ctx.run({ resource: 'dataSourceLogin', operation: 'get', loginId: byId(SEEDED_LOGIN) }));
		expect(login.revoked_time).toEqual(expect.any(String));
		const accounts = await ctx.run({ resource: 'dataSourceLogin', operation: 'listAccounts', loginId: byId(SEEDED_LOGIN), returnAll: true });
		expect(accounts.output).toEqual([]);
	});

	test.each([
		['a login_id off its pattern', { operation: 'get', loginId: byId('12 34') }, 'Invalid Data Source Login "12 34" in item 0'],
		['a login_id over 50 characters', { operation: 'revoke', loginId: byId('1'.repeat(51)) }, 'Invalid Data Source Login'],
		['a Limit over the most', { operation: 'listAccounts', loginId: byId(SEEDED_LOGIN), limit: 100_001 }, 'Invalid Limit 100001 in item 0'],
		['an Offset past the API\'s largest', { operation: 'listAccounts', loginId: byId(SEEDED_LOGIN), limit: 5, offset: 1_000_001 }, 'Invalid Offset 1000001 in item 0'],
	])('%s is refused, nothing sent', async (_case, parameters, message) => {
		const result = await ctx.run({ resource: 'dataSourceLogin', ...parameters });
		expect(result.error?.message).toContain(message);
		expect(ctx.sent()).toEqual([]);
	});

	test('Continue On Fail: one item per input, in order', async () => {
		const result = await ctx.run(
			{ resource: 'dataSourceLogin', operation: 'get', loginId: byId('={{ $json.id }}') },
			{ continueOnFail: true, items: [{ id: SEEDED_LOGIN }, { id: '999' }, { id: 'not/an/id' }, { id: '2830506' }] },
		);
		const items = json(result);
		expect(result.output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0]).toMatchObject({ login_id: SEEDED_LOGIN });
		expect(items[1]).toMatchObject({ http_code: 404 });
		expect(items[2]).toMatchObject({ code: 'INVALID_INPUT' });
		expect(items[3]).toMatchObject({ login_id: '2830506' });
		expect(requests()).toEqual([`logins GET /ds/login/${SEEDED_LOGIN}`, 'logins GET /ds/login/999', 'logins GET /ds/login/2830506']);
	});
});

describe('pickers', () => {
	const methods = new SupermetricsTransfers().methods.listSearch;
	const editor = (parameters: Record<string, unknown> = {}) =>
		loadOptionsContext({ parameters, credentials: { apiKey: 'sandbox-demo-key', baseUrl: ctx.sandbox.url, apiUrl: ctx.sandbox.apiUrl } });

	test('a login, from Data Source Login List; revoked ones say so', async () => {
		ctx.sandbox.state.logins.get('2830506')!.revoked_time = '2026-01-01T00:00:00Z';
		expect(await methods.searchLogins.call(editor())).toEqual({
			results: [
				{ name: 'user.name@supermetrics.com · Google Ads (2682599)', value: '2682599' },
				{ name: 'analyst@supermetrics.com · Google Ads · revoked (2830506)', value: '2830506' },
			],
		});
		expect((await methods.searchLogins.call(editor(), 'analyst')).results.map((r) => r.value)).toEqual(['2830506']);
		expect(requests()).toEqual(['logins GET /ds/logins', 'logins GET /ds/logins']);
	});

	test('a link, from Login Link List, with its status and whether it was used', async () => {
		const made = json(await ctx.run({ resource: 'loginLink', operation: 'create', dsId: byCode('GAWA'), additionalFields: { description: 'Acme' } }));
		await ctx.run({ resource: 'loginLink', operation: 'create', dsId: byCode('AW') });
		ctx.sandbox.completeLogin(String(made[0].link_id));
		ctx.sandbox.requests.length = 0;
		const { results } = await methods.searchLoginLinks.call(editor());
		expect(results).toEqual(
			expect.arrayContaining([
				{ name: 'Acme · OPEN · used (lnk_1001)', value: 'lnk_1001' },
				{ name: 'Google Ads · OPEN (lnk_1002)', value: 'lnk_1002' },
			]),
		);
		expect(results).toHaveLength(2);
		expect(requests()).toEqual(['logins GET /ds/login/links']);
	});

	test('Login Link Create\'s data source: the team\'s available sources once a Team ID is typed, the common codes before', async () => {
		const sources = await methods.searchDataSources.call(editor({ resource: 'loginLink', operation: 'create', teamId: TEAM }), 'tiktok');
		expect(sources.results).toEqual([{ name: 'TikTok Ads (TIK)', value: 'TIK' }]);
		expect(requests()).toEqual([`dts GET /teams/${TEAM}/transfers/available-sources`]);
		const common = await methods.searchDataSources.call(editor({ resource: 'loginLink', operation: 'create', teamId: '' }), 'GAWA');
		expect(common.results).toEqual([{ name: 'Google Analytics 4 (GAWA)', value: 'GAWA' }]);
		expect(requests()).toHaveLength(1);
	});
});

describe('where the logins requests go', () => {
	let dts: Hostile;
	let logins: Hostile;
	let elsewhere: Hostile;
	afterEach(async () => Promise.all([dts, logins, elsewhere].map((server) => server?.close())));

	const run = (parameters: Record<string, unknown>) =>
		runNode({ parameters, credentials: { apiKey: API_CANARY, baseUrl: dts.url, apiUrl: logins.origin } });

	test('each operation to the Supermetrics API URL only, with Bearer; DTS gets nothing', async () => {
		dts = await hostileServer((_req, res) => apiData(res, 200, {}));
		elsewhere = await hostileServer((_req, res) => apiData(res, 200, {}));
		logins = await hostileServer((req, res) => {
			if (req.url?.endsWith('/links') || req.url === '/ds/logins' || req.url?.includes('/accounts')) return apiData(res, 200, []);
			if (req.method === 'DELETE') return apiData(res, 200, { result: true });
			apiData(res, req.method === 'POST' ? 201 : 200, { link_id: 'lnk_1', login_url: 'https://login.example/x', login_id: '7' });
		});
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ resource: 'loginLink', operation: 'create', dsId: byCode('GAWA') }, 'POST /ds/login/link Bearer'],
			[{ resource: 'loginLink', operation: 'get', linkId: byId('lnk_1') }, 'GET /ds/login/link/lnk_1 Bearer'],
			[{ resource: 'loginLink', operation: 'list' }, 'GET /ds/login/links Bearer'],
			[{ resource: 'loginLink', operation: 'update', linkId: byId('lnk_1'), description: 'd' }, 'PATCH /ds/login/link/lnk_1 Bearer'],
			[{ resource: 'loginLink', operation: 'close', linkId: byId('lnk_1') }, 'PUT /ds/login/link/lnk_1/close Bearer'],
			[{ resource: 'dataSourceLogin', operation: 'list' }, 'GET /ds/logins Bearer'],
			[{ resource: 'dataSourceLogin', operation: 'get', loginId: byId('7') }, 'GET /ds/login/7 Bearer'],
			[{ resource: 'dataSourceLogin', operation: 'revoke', loginId: byId('7') }, 'DELETE /ds/login/7 Bearer'],
			[{ resource: 'dataSourceLogin', operation: 'listAccounts', loginId: byId('7'), limit: 10 }, 'GET /ds/login/7/accounts?offset=0&limit=10 Bearer'],
		];
		for (const [parameters, expected] of cases) {
			logins.received.length = 0;
			const result = await run(parameters);
			expect(result.error).toBeUndefined();
			const seen = logins.received.map((r) => `${r.method} ${r.url} ${r.headers.authorization === `Bearer ${API_CANARY}` ? 'Bearer' : r.headers.authorization === API_CANARY ? 'key' : String(r.headers.authorization)}`);
			expect(seen).toEqual([expected]);
		}
		expect(dts.received).toEqual([]);
		expect(elsewhere.received).toEqual([]);
	});

	test('a redirect is not followed (the key stays home) and an echoed key is masked', async () => {
		dts = await hostileServer((_req, res) => apiData(res, 200, {}));
		elsewhere = await hostileServer((_req, res) => apiData(res, 200, []));
		logins = await hostileServer((req, res) => {
			if (req.url === '/ds/logins') {
				res.writeHead(307, { Location: `${elsewhere.url}/ds/logins` });
				res.end();
				return;
			}
			apiData(res, 200, { login_id: '7', display_name: `echo ${String(req.headers.authorization)}` });
		});
		const redirected = await run({ resource: 'dataSourceLogin', operation: 'list' });
		expect(redirected.error?.message).toContain('redirect (HTTP 307)');
		expect(elsewhere.received).toEqual([]);
		const echoed = await run({ resource: 'dataSourceLogin', operation: 'get', loginId: byId('7') });
		expect(JSON.stringify(echoed.output)).not.toContain(API_CANARY);
		expect(JSON.stringify(echoed.output)).toContain('echo Bearer ***');
	});

	test('a write\'s 2xx without the expected fields is an item with a notice, sent once, never a failure', async () => {
		dts = await hostileServer((_req, res) => apiData(res, 200, {}));
		elsewhere = await hostileServer((_req, res) => apiData(res, 200, {}));
		logins = await hostileServer((_req, res) => {
			res.writeHead(201, { 'Content-Type': 'application/json' });
			res.end('{"meta":{"request_id":"R-1"}}');
		});
		for (const [parameters, missing] of [
			[{ resource: 'loginLink', operation: 'create', dsId: byCode('GAWA'), waitUntilUsed: true, pollInterval: 1, maxWait: 1 }, ['link_id', 'login_url']],
			[{ resource: 'loginLink', operation: 'close', linkId: byId('lnk_1') }, ['link_id']],
			[{ resource: 'dataSourceLogin', operation: 'revoke', loginId: byId('7') }, ['result']],
		] as Array<[Record<string, unknown>, string[]]>) {
			logins.received.length = 0;
			const result = await run(parameters);
			expect(result.error).toBeUndefined();
			expect(logins.received).toHaveLength(1);
			const [item] = json(result);
			expect(item.missing_fields).toEqual(missing);
			expect(String(item.notice)).toMatch(/was (created|closed|revoked)/);
		}
	});

	describe('List Accounts against a login with endless accounts: Return All fails rather than hand on a cut list', () => {
		/** Every page full: `limit` accounts with ids from `offset`, as many as asked, forever. */
		const endless = () =>
			hostileServer((req, res) => {
				const query = new URL(req.url ?? '/', 'http://x').searchParams;
				const offset = Number(query.get('offset'));
				const limit = Number(query.get('limit'));
				apiData(res, 200, Array.from({ length: limit }, (_, i) => ({ account_id: `a${offset + i}`, account_name: 'Account' })));
			});
		const offsets = () => logins.received.map((r) => new URL(r.url ?? '/', 'http://x').searchParams.get('offset'));

		test('past 100000 accounts: TOO_MANY_ACCOUNTS, no item, 101 pages asked (the last for one account, to know)', async () => {
			dts = await hostileServer((_req, res) => apiData(res, 200, {}));
			elsewhere = await hostileServer((_req, res) => apiData(res, 200, {}));
			logins = await endless();
			const result = await run({ resource: 'dataSourceLogin', operation: 'listAccounts', loginId: byId('7'), returnAll: true });
			expect(result.error?.message).toBe('The login has more than 100000 accounts, the most Return All hands on');
			expect(result.error?.description).toContain('Page with Limit and Offset');
			expect(result.error?.context.dts).toMatchObject({ code: 'TOO_MANY_ACCOUNTS' });
			expect(result.output).toBeUndefined();
			expect(offsets()).toEqual(Array.from({ length: 101 }, (_, i) => String(i * 1000)));
			expect(new URL(logins.received[100].url ?? '/', 'http://x').searchParams.get('limit')).toBe('1');
		});

		test('from an Offset near the API\'s largest: fails at that offset, after one page, instead of asking past it', async () => {
			dts = await hostileServer((_req, res) => apiData(res, 200, {}));
			elsewhere = await hostileServer((_req, res) => apiData(res, 200, {}));
			logins = await endless();
			const result = await run({ resource: 'dataSourceLogin', operation: 'listAccounts', loginId: byId('7'), returnAll: true, offset: 999_500 });
			expect(result.error?.message).toBe('The login has more accounts than the API\'s largest offset (1000000) reaches from offset 999500');
			expect(offsets()).toEqual(['999500']);
		});
	});

	test('Revoke answered result false fails the item (REVOKE_FAILED), naming the login', async () => {
		dts = await hostileServer((_req, res) => apiData(res, 200, {}));
		elsewhere = await hostileServer((_req, res) => apiData(res, 200, {}));
		logins = await hostileServer((_req, res) => apiData(res, 200, { result: false }));
		const result = await run({ resource: 'dataSourceLogin', operation: 'revoke', loginId: byId('7') });
		expect(result.error?.message).toBe('Data source login 7 was not revoked: the API answered result false');
	});
});
