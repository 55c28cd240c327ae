/**
 * The Supermetrics API's data source login links and logins on the sandbox's second origin, as the
 * newest reference (Management API Reference 2.0.0) has them where it differs from the older
 * supermetrics-logins-openapi.yaml (every error the {meta, error} envelope, a 400 on Create): each
 * operation's answers and shapes, success and error, the life of a link (create, open its page,
 * authorize, expire or close), and how logins join DTS. newestReference.test.ts has the rest of
 * what the newest reference changed here (use_existing, require_login, scopes).
 */
import { DEMO_KEY, useSandboxClient } from './client';
import type { Answer, ApiJson } from './client';
import { DEFAULT_KEYS } from './server';

const START = Date.parse('2026-03-02T08:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const { holder, call } = useSandboxClient('', {
	clock: { start: START },
	keys: {
		...DEFAULT_KEYS,
		'other-team-key': { scopes: DEFAULT_KEYS['sandbox-demo-key'].scopes, userId: 3003, email: 'other@sandbox.invalid', teamId: 999 },
		'dts-only-key': { scopes: ['dwh_transfers_read', 'dwh_transfers_write'], userId: 3004, email: 'dts@sandbox.invalid', teamId: 12345 },
	},
});

/** The reference's LoginLink and DataSourceLogin, as these tests read them. */
interface LoginLink {
	link_id: string;
	status_code: 'OPEN' | 'CLOSED' | 'EXPIRED';
	description?: string;
	ds_id: string;
	ds_name: string;
	require_username?: string;
	redirect_url?: string;
	user_id: string;
	user_email: string;
	login_url: string;
	created_time: string;
	expiry_time: string;
	login_id: string | null;
	login_time: string | null;
	login_username: string | null;
}
interface DataSourceLogin {
	login_id: string;
	username: string;
	ds_info: { ds_id: string; name: string };
	auth_time: string;
	expiry_time: string | null;
	revoked_time: string | null;
	is_refreshable: boolean;
}
interface Accounts {
	meta: { request_id: string; paginate: { offset: number; limit: number; total: number } };
	data: Array<{ '@type': string; account_id: string; name: string; group: string }>;
}

const logins = <T = ApiJson>(method: string, path: string, body?: object, authorization = `Bearer ${DEMO_KEY}`) => call<T>(method, path, body, { api: 'logins', authorization });
const createLink = async (body: object = { ds_id: 'FA' }) => {
	const answer = await logins<{ data: LoginLink }>('POST', '/ds/login/link', body);
	expect(answer.status).toBe(201);
	return answer.json.data;
};
const getLink = async (id: string) => (await logins<{ data: LoginLink }>('GET', `/ds/login/link/${id}`)).json.data;
const page = (url: string, init?: RequestInit) => fetch(url, { redirect: 'manual', ...init });
const authorize = (url: string, username?: string) =>
	page(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: username === undefined ? '' : new URLSearchParams({ username }).toString() });

function expectEnvelope(answer: Answer<ApiJson>, status: number, code: string) {
	expect(answer.status).toBe(status);
	expect(answer.json).toEqual({ meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }, error: { code, message: expect.any(String), description: expect.any(String) } });
}

describe('Create login link: POST /ds/login/link', () => {
	test('201, an OPEN link for 24 hours by the sandbox clock, with Location and the LoginLink fields', async () => {
		const answer = await logins<{ meta: { request_id: string }; data: LoginLink }>('POST', '/ds/login/link', { ds_id: 'GAWA' });
		expect(answer.status).toBe(201);
		const link = answer.json.data;
		expect(answer.json.meta.request_id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
		expect(link).toEqual({
			link_id: expect.stringMatching(/^[A-Za-z0-9_-]{1,50}$/),
			status_code: 'OPEN',
			ds_id: 'GAWA',
			ds_name: 'Google Analytics 4',
			user_id: '1001',
			user_email: 'demo@sandbox.invalid',
			login_url: `${holder.sandbox.apiUrl}/login/${link.link_id}`,
			created_time: at(START),
			expiry_time: at(START + DAY),
			login_id: null,
			login_time: null,
			login_username: null,
		});
		expect(answer.headers.get('location')).toBe(`${holder.sandbox.apiUrl}/ds/login/link/${link.link_id}`);
		expect(answer.headers.get('content-type')).toBe('application/json');
		expect(answer.headers.get('access-control-allow-origin')).toBe('*');
		expect(answer.headers.get('x-ratelimit-remaining')).toBe('999');
	});

	test('the optional fields come back as given', async () => {
		const link = await createLink({ ds_id: 'AW', description: 'For the agency', require_username: 'marketing@company.com', redirect_url: 'https://company.com/auth/success', expiry_time: '2026-03-05T23:59:59Z' });
		expect(link).toMatchObject({ description: 'For the agency', require_username: 'marketing@company.com', redirect_url: 'https://company.com/auth/success', expiry_time: '2026-03-05T23:59:59Z' });
	});

	test.each([
		['2026-03-05T23:59:59Z', '2026-03-05T23:59:59Z'],
		['2026-03-05T23:59:59.750+02:00', '2026-03-05T21:59:59Z'],
		['2026-03-02t09:00:00z', '2026-03-02T09:00:00Z'],
		['10 hours', at(START + 10 * HOUR)],
		['1 hour', at(START + HOUR)],
		['+2 days', at(START + 2 * DAY)],
		['1 week', at(START + 7 * DAY)],
		['90 Minutes', at(START + 1.5 * HOUR)],
		['3 months', '2026-06-02T08:00:00Z'],
		// The newest reference: "If time of day is not specified, midnight is assumed."
		['2026-03-05', '2026-03-05T00:00:00Z'],
		['2026-03-03', '2026-03-03T00:00:00Z'],
	])('expiry_time %j: a date-time, a relative time or a day, as the references\' descriptions say', async (expiry_time, expected) => {
		expect((await createLink({ ds_id: 'FA', expiry_time })).expiry_time).toBe(expected);
	});

	test.each([
		['no ds_id', {}],
		['a ds_id off its pattern', { ds_id: 'GA WA' }],
		['a 51-character ds_id', { ds_id: 'A'.repeat(51) }],
		['a ds_id the catalog lacks', { ds_id: 'NOPE' }],
		['a number for ds_id', { ds_id: 7 }],
		['a 1001-character description', { ds_id: 'FA', description: 'x'.repeat(1001) }],
		['a 256-character require_username', { ds_id: 'FA', require_username: 'u'.repeat(256) }],
		['a redirect_url that is no URI', { ds_id: 'FA', redirect_url: 'company.com/success' }],
		['a 501-character redirect_url', { ds_id: 'FA', redirect_url: `https://company.com/${'x'.repeat(481)}` }],
		['an expiry_time in the past', { ds_id: 'FA', expiry_time: '2026-03-02T07:59:59Z' }],
		['an expiry_time of now', { ds_id: 'FA', expiry_time: '2026-03-02T08:00:00Z' }],
		['an expiry_time of 0 hours', { ds_id: 'FA', expiry_time: '0 hours' }],
		['an expiry_time without a zone', { ds_id: 'FA', expiry_time: '2026-03-05T23:59:59' }],
		['an expiry_time that is today\'s day (its midnight has passed)', { ds_id: 'FA', expiry_time: '2026-03-02' }],
		['an expiry_time that is a day that does not exist', { ds_id: 'FA', expiry_time: '2026-02-30' }],
		['an expiry_time "tomorrow"', { ds_id: 'FA', expiry_time: 'tomorrow' }],
		['an expiry_time "-1 day"', { ds_id: 'FA', expiry_time: '-1 day' }],
		['an expiry_time "10 fortnights"', { ds_id: 'FA', expiry_time: '10 fortnights' }],
		['an impossible date', { ds_id: 'FA', expiry_time: '2026-02-30T10:00:00Z' }],
		['a 51-character expiry_time', { ds_id: 'FA', expiry_time: `${'1'.repeat(45)} hours` }],
		['an array body', []],
	])('422 UNPROCESSABLE_ENTITY for %s', async (_case, body) => {
		const answer = await logins('POST', '/ds/login/link', body);
		expectEnvelope(answer, 422, 'UNPROCESSABLE_ENTITY');
		expect(holder.sandbox.state.loginLinks.size).toBe(0);
	});

	test('400 BAD_REQUEST for a body that is not JSON (the newest reference adds BadRequest)', async () => {
		const response = await fetch(`${holder.sandbox.apiUrl}/ds/login/link`, { method: 'POST', headers: { authorization: `Bearer ${DEMO_KEY}` }, body: '{"ds_id":' });
		expect(response.status).toBe(400);
		expect(((await response.json()) as ApiJson).error?.code).toBe('BAD_REQUEST');
	});

	test('403 PERMISSION_ERROR in the envelope (the newest reference\'s PermissionDenied, no longer LINK_LIMIT_EXCEEDED) once the team\'s OPEN links reach the limit', async () => {
		holder.sandbox.loginLinkLimit = 2;
		const first = await createLink();
		await createLink();
		const refused = await logins('POST', '/ds/login/link', { ds_id: 'FA' });
		expectEnvelope(refused, 403, 'PERMISSION_ERROR');
		expect(refused.json.error?.message).toBe('You do not have permission to perform this action.');
		expect(refused.headers.get('x-ratelimit-limit')).toBe('1000');
		// Another team has its own; a closed link frees a place.
		expect((await logins('POST', '/ds/login/link', { ds_id: 'FA' }, 'Bearer other-team-key')).status).toBe(201);
		expect((await logins('PUT', `/ds/login/link/${first.link_id}/close`)).status).toBe(200);
		expect((await logins('POST', '/ds/login/link', { ds_id: 'FA' })).status).toBe(201);
	});
});

describe('Get, List, Update and Close login links', () => {
	test('Get: the link; 404 NOT_FOUND in the envelope (no longer LINK_NOT_FOUND); 422 for an id off its pattern; another team\'s is a 404', async () => {
		const link = await createLink({ ds_id: 'FA', description: 'mine' });
		expect(await getLink(link.link_id)).toEqual(link);
		expectEnvelope(await logins('GET', '/ds/login/link/lnk_404'), 404, 'NOT_FOUND');
		expectEnvelope(await logins('GET', '/ds/login/link/bad%20id'), 422, 'UNPROCESSABLE_ENTITY');
		expectEnvelope(await logins('GET', `/ds/login/link/${'x'.repeat(51)}`), 422, 'UNPROCESSABLE_ENTITY');
		expectEnvelope(await logins('GET', `/ds/login/link/${link.link_id}`, undefined, 'Bearer other-team-key'), 404, 'NOT_FOUND');
	});

	test('List: the team\'s links, newest first, wrapped; at most the spec\'s 1000', async () => {
		const first = await createLink({ ds_id: 'FA' });
		holder.sandbox.clock.advance(1000);
		const second = await createLink({ ds_id: 'AW' });
		await logins('POST', '/ds/login/link', { ds_id: 'FA' }, 'Bearer other-team-key');
		const listed = await logins<{ meta: { request_id: string }; data: LoginLink[] }>('GET', '/ds/login/links');
		expect(listed.status).toBe(200);
		expect(Object.keys(listed.json)).toEqual(['meta', 'data']);
		expect(listed.json.data).toEqual([second, first]);
	});

	test('List returns no more than 1000 links', async () => {
		holder.sandbox.setRateLimit({ limit: 5000 });
		holder.sandbox.loginLinkLimit = 2000;
		for (let batch = 0; batch < 1001; batch += 50) {
			await Promise.all(Array.from({ length: Math.min(50, 1001 - batch) }, () => logins('POST', '/ds/login/link', { ds_id: 'FA' })));
		}
		expect(holder.sandbox.state.loginLinks.size).toBe(1001);
		expect((await logins<{ data: LoginLink[] }>('GET', '/ds/login/links')).json.data).toHaveLength(1000);
	});

	test('Update: PATCH changes the description only; the bare key is taken where the older files declared it (ApiKeyAuth)', async () => {
		const link = await createLink({ ds_id: 'FA', description: 'before' });
		// The older files declared the bare key here (ApiKeyAuth): their reading takes it.
		holder.sandbox.setAuth('perPath');
		const answer = await logins<{ data: LoginLink }>('PATCH', `/ds/login/link/${link.link_id}`, { description: 'after', ds_id: 'AW', status_code: 'CLOSED' }, DEMO_KEY);
		expect(answer.status).toBe(200);
		expect(answer.json.data).toEqual({ ...link, description: 'after' });
		expect((await logins<{ data: LoginLink }>('PATCH', `/ds/login/link/${link.link_id}`, {})).json.data).toEqual({ ...link, description: 'after' });
	});

	test('Update: 422 for a description too long or not a string, 400 BAD_REQUEST for a body not JSON, 404 NOT_FOUND in the envelope, 403 PERMISSION_ERROR without ds_login_links_write', async () => {
		const link = await createLink();
		expectEnvelope(await logins('PATCH', `/ds/login/link/${link.link_id}`, { description: 'x'.repeat(1001) }), 422, 'UNPROCESSABLE_ENTITY');
		expectEnvelope(await logins('PATCH', `/ds/login/link/${link.link_id}`, { description: 5 }), 422, 'UNPROCESSABLE_ENTITY');
		const notJson = await fetch(`${holder.sandbox.apiUrl}/ds/login/link/${link.link_id}`, { method: 'PATCH', headers: { authorization: `Bearer ${DEMO_KEY}` }, body: 'description=x' });
		expect(notJson.status).toBe(400);
		expect(((await notJson.json()) as ApiJson).error?.code).toBe('BAD_REQUEST');
		expectEnvelope(await logins('PATCH', '/ds/login/link/lnk_404', { description: 'x' }), 404, 'NOT_FOUND');
		expectEnvelope(await logins('PATCH', `/ds/login/link/${link.link_id}`, { description: 'x' }, 'Bearer sandbox-readonly-key'), 403, 'PERMISSION_ERROR');
		expect((await getLink(link.link_id)).description).toBeUndefined();
	});

	test('Close: an OPEN link is CLOSED; closing it again, or an expired one, is 422; unknown is NOT_FOUND in the envelope', async () => {
		const link = await createLink();
		const closed = await logins<{ data: LoginLink }>('PUT', `/ds/login/link/${link.link_id}/close`);
		expect(closed.status).toBe(200);
		expect(closed.json.data).toEqual({ ...link, status_code: 'CLOSED' });
		expectEnvelope(await logins('PUT', `/ds/login/link/${link.link_id}/close`), 422, 'UNPROCESSABLE_ENTITY');
		const short = await createLink({ ds_id: 'FA', expiry_time: '1 hour' });
		holder.sandbox.clock.advance(HOUR);
		expectEnvelope(await logins('PUT', `/ds/login/link/${short.link_id}/close`), 422, 'UNPROCESSABLE_ENTITY');
		expectEnvelope(await logins('PUT', '/ds/login/link/lnk_404/close'), 404, 'NOT_FOUND');
	});

	test('a 500 is the envelope\'s INTERNAL_SERVER_ERROR on every logins path (the older LINK_UPDATE_FAILED and LOGIN_SEARCH_FAILED are gone)', async () => {
		holder.sandbox.queueFault({ api: 'logins', path: '/close', status: 500 }, { api: 'logins', path: '/ds/logins', status: 500 }, { api: 'logins', method: 'GET', path: '/ds/login/2682599', status: 500 }, { api: 'logins', method: 'POST', status: 500 });
		expectEnvelope(await logins('PUT', '/ds/login/link/lnk_1/close'), 500, 'INTERNAL_SERVER_ERROR');
		expectEnvelope(await logins('GET', '/ds/logins'), 500, 'INTERNAL_SERVER_ERROR');
		expectEnvelope(await logins('GET', '/ds/login/2682599'), 500, 'INTERNAL_SERVER_ERROR');
		expectEnvelope(await logins('POST', '/ds/login/link', { ds_id: 'FA' }), 500, 'INTERNAL_SERVER_ERROR');
	});
});

describe('Data source logins', () => {
	test('List: the two seeded logins, with stable ids, in the DataSourceLogin shape', async () => {
		const listed = await logins<{ data: DataSourceLogin[] }>('GET', '/ds/logins');
		expect(listed.status).toBe(200);
		expect(listed.json.data).toEqual([
			{
				'@type': 'ds_login',
				login_id: '2682599',
				login_type: 'oauth2',
				username: 'user.name@supermetrics.com',
				display_name: 'user.name@supermetrics.com',
				ds_info: { '@type': 'ds', ds_id: 'AW', name: 'Google Ads' },
				default_scopes: [],
				additional_scopes: [],
				auth_time: at(START - 30 * DAY),
				auth_user_info: { '@type': 'user', user_id: '1001', email: 'demo@sandbox.invalid' },
				expiry_time: at(START + 30 * DAY),
				revoked_time: null,
				is_refreshable: true,
				is_shared: false,
			},
			expect.objectContaining({ login_id: '2830506', username: 'analyst@supermetrics.com', expiry_time: at(START + 5 * DAY) }),
		]);
		expect((await logins<{ data: DataSourceLogin[] }>('GET', '/ds/logins', undefined, 'Bearer other-team-key')).json.data).toEqual([]);
	});

	test('Get: one login; 404 NOT_FOUND in the envelope (no longer LOGIN_NOT_FOUND); 422 for an id off its pattern', async () => {
		const answer = await logins<{ meta: { request_id: string }; data: DataSourceLogin }>('GET', '/ds/login/2682599');
		expect(answer.status).toBe(200);
		expect(answer.json.data.login_id).toBe('2682599');
		expectEnvelope(await logins('GET', '/ds/login/1'), 404, 'NOT_FOUND');
		expectEnvelope(await logins('GET', '/ds/login/2682599', undefined, 'Bearer other-team-key'), 404, 'NOT_FOUND');
		expectEnvelope(await logins('GET', '/ds/login/a.b'), 422, 'UNPROCESSABLE_ENTITY');
	});

	test('Accounts: paged with the spec\'s paginate meta; limit 1-1000 and offset 0-1000000, else 422', async () => {
		const all = await logins<Accounts>('GET', '/ds/login/2682599/accounts');
		expect(all.status).toBe(200);
		expect(all.json).toEqual({
			meta: { request_id: expect.any(String), paginate: { offset: 0, limit: 100, total: 2 } },
			data: [
				{ '@type': 'ds_account', account_id: '8733197711', name: 'Sandbox account', group: 'Sandbox' },
				{ '@type': 'ds_account', account_id: '5512340987', name: 'Sandbox EU shop', group: 'Sandbox' },
			],
		});
		const second = await logins<Accounts>('GET', '/ds/login/2682599/accounts?offset=1&limit=1');
		expect(second.json.meta.paginate).toEqual({ offset: 1, limit: 1, total: 2 });
		expect(second.json.data.map((a) => a.account_id)).toEqual(['5512340987']);
		expect((await logins<Accounts>('GET', '/ds/login/2682599/accounts?offset=1000000&limit=1000')).json.data).toEqual([]);
		for (const query of ['limit=0', 'limit=1001', 'offset=-1', 'offset=1000001', 'limit=ten', 'offset=1.5']) {
			expectEnvelope(await logins('GET', `/ds/login/2682599/accounts?${query}`), 422, 'UNPROCESSABLE_ENTITY');
		}
		expectEnvelope(await logins('GET', '/ds/login/1/accounts'), 404, 'NOT_FOUND');
		expectEnvelope(await logins('GET', '/ds/login/2682599/accounts', undefined, 'Bearer dts-only-key'), 403, 'FORBIDDEN');
	});

	test('Revoke: {data: {result: true}}; the login stays readable with revoked_time, its accounts gone; again is 422', async () => {
		holder.sandbox.clock.advance(HOUR);
		const revoked = await logins<{ meta: { request_id: string }; data: { result: boolean } }>('DELETE', '/ds/login/2830506', undefined);
		expect(revoked.status).toBe(200);
		expect(revoked.json).toEqual({ meta: { request_id: expect.any(String) }, data: { result: true } });
		expect((await logins<{ data: DataSourceLogin }>('GET', '/ds/login/2830506')).json.data.revoked_time).toBe(at(START + HOUR));
		expect((await logins<{ data: DataSourceLogin[] }>('GET', '/ds/logins')).json.data.map((l) => [l.login_id, l.revoked_time])).toEqual([
			['2682599', null],
			['2830506', at(START + HOUR)],
		]);
		expect((await logins<Accounts>('GET', '/ds/login/2830506/accounts')).json).toMatchObject({ meta: { paginate: { total: 0 } }, data: [] });
		expectEnvelope(await logins('DELETE', '/ds/login/2830506'), 422, 'UNPROCESSABLE_ENTITY');
		expectEnvelope(await logins('DELETE', '/ds/login/1'), 404, 'NOT_FOUND');
		expectEnvelope(await logins('DELETE', '/ds/login/2682599', undefined, 'Bearer sandbox-readonly-key'), 403, 'FORBIDDEN');
	});
});

describe('the life of a login link', () => {
	interface Options {
		logins: Array<{ login_id: number; data_source_username: string }>;
		accounts: Array<{ account_id: string; account_name: string; login_id: number }>;
		segments: unknown[];
	}
	const options = async (source: string) => (await call<Options>('GET', `/teams/12345/transfers/available-options?source_id=${source}&destination_id=8`)).json;

	test('create → open the page → authorize → the link names the login → listed, with accounts paged and offered to DTS → a transfer with them → revoke → gone', async () => {
		const link = await createLink({ ds_id: 'FA', description: 'Client onboarding' });
		expect(await options('FA')).toMatchObject({ logins: [], accounts: [], segments: [] });

		const consent = await page(link.login_url);
		expect(consent.status).toBe(200);
		expect(consent.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const html = await consent.text();
		expect(html).toContain('Authorize Facebook Ads for the sandbox');
		expect(html).toContain('value="client@example.com"');
		expect(html).toContain('<button type="submit">Authorize</button>');
		expect(html).not.toContain('Client onboarding');
		expect(holder.sandbox.requests.map((r) => r.path)).toEqual(['/ds/login/link', '/teams/12345/transfers/available-options']);

		holder.sandbox.clock.advance(10 * 60_000);
		const done = await authorize(link.login_url);
		expect(done.status).toBe(200);
		expect(await done.text()).toContain('Logged in to Facebook Ads as <strong>client@example.com</strong>');

		const used = await getLink(link.link_id);
		expect(used).toMatchObject({ status_code: 'OPEN', login_id: expect.stringMatching(/^\d+$/), login_time: at(START + 10 * 60_000), login_username: 'client@example.com' });
		const loginId = used.login_id as string;
		expect(Number(loginId)).toBeLessThanOrEqual(2147483647);

		const login = (await logins<{ data: DataSourceLogin }>('GET', `/ds/login/${loginId}`)).json.data;
		expect(login).toMatchObject({
			login_id: loginId,
			username: 'client@example.com',
			display_name: 'client@example.com',
			ds_info: { ds_id: 'FA', name: 'Facebook Ads' },
			auth_time: at(START + 10 * 60_000),
			expiry_time: at(START + 10 * 60_000 + 60 * DAY),
			revoked_time: null,
			is_refreshable: false,
			auth_user_info: { user_id: '1001', email: 'demo@sandbox.invalid' },
		});
		expect((await logins<{ data: DataSourceLogin[] }>('GET', '/ds/logins')).json.data.map((l) => l.login_id)).toEqual(['2682599', '2830506', loginId]);

		const accounts = (await logins<Accounts>('GET', `/ds/login/${loginId}/accounts`)).json;
		expect(accounts.data.length).toBeGreaterThanOrEqual(2);
		expect(accounts.data.length).toBeLessThanOrEqual(3);
		expect(accounts.meta.paginate.total).toBe(accounts.data.length);
		const page2 = (await logins<Accounts>('GET', `/ds/login/${loginId}/accounts?limit=1&offset=1`)).json;
		expect(page2.data).toEqual([accounts.data[1]]);

		const offered = await options('FA');
		expect(offered.logins).toEqual([{ login_id: Number(loginId), data_source_username: 'client@example.com' }]);
		expect(offered.accounts).toEqual(accounts.data.map((a) => ({ account_id: a.account_id, account_name: a.name, login_id: Number(loginId) })));
		// Only FA's: the seeded Google Ads logins are not offered for Facebook Ads, nor this one for Google Ads.
		expect((await options('AW')).logins.map((l) => l.login_id)).toEqual([2682599, 2830506]);

		const transfer = await call('POST', '/teams/12345/transfers', {
			data_source_id: 'FA', schema_id: 2, destination_id: 8, display_name: 'FA from a login link', schedule: [{ run_interval: 'daily' }],
			accounts: [{ account_id: accounts.data[0].account_id, login_id: Number(loginId), data_source_username: 'client@example.com' }],
		});
		expect(transfer.status).toBe(201);

		expect((await logins('DELETE', `/ds/login/${loginId}`)).status).toBe(200);
		expect((await logins<Accounts>('GET', `/ds/login/${loginId}/accounts`)).json.data).toEqual([]);
		expect(await options('FA')).toMatchObject({ logins: [], accounts: [] });
		expect((await logins<{ data: DataSourceLogin }>('GET', `/ds/login/${loginId}`)).json.data.revoked_time).toBe(at(START + 10 * 60_000));
	});

	test('a revoked seeded login leaves available-options, its segments with it', async () => {
		expect((await options('AW')).segments).toHaveLength(2);
		await logins('DELETE', '/ds/login/2830506');
		const left = await options('AW');
		expect(left.logins).toEqual([{ login_id: 2682599, data_source_username: 'user.name@supermetrics.com' }]);
		expect(left.accounts.map((a) => a.account_id)).toEqual(['8733197711', '5512340987']);
		expect(left.segments).toEqual([]);
	});

	test('the link turns EXPIRED when the clock reaches its expiry_time; its page says so and creates nothing', async () => {
		const link = await createLink({ ds_id: 'AW', expiry_time: '2 hours' });
		holder.sandbox.clock.advance(2 * HOUR - 1000);
		expect((await getLink(link.link_id)).status_code).toBe('OPEN');
		holder.sandbox.clock.advance(1000);
		expect((await getLink(link.link_id)).status_code).toBe('EXPIRED');
		const shown = await page(link.login_url);
		expect(shown.status).toBe(410);
		expect(await shown.text()).toContain('This login link has expired');
		expect((await authorize(link.login_url, 'someone@example.com')).status).toBe(410);
		expect(() => holder.sandbox.completeLogin(link.link_id)).toThrow(/EXPIRED/);
		expect(holder.sandbox.state.logins.size).toBe(2);
		expect((await getLink(link.link_id)).login_id).toBeNull();
	});

	test('a CLOSED link\'s page says so and creates nothing', async () => {
		const link = await createLink();
		await logins('PUT', `/ds/login/link/${link.link_id}/close`);
		const shown = await page(link.login_url);
		expect(shown.status).toBe(410);
		expect(await shown.text()).toContain('This login link has closed');
		expect((await authorize(link.login_url)).status).toBe(410);
		expect(holder.sandbox.state.logins.size).toBe(2);
	});

	test('require_username: the page shows it, another username is refused, and the team\'s live login of that user is renewed, not duplicated', async () => {
		const link = await createLink({ ds_id: 'AW', require_username: 'analyst@supermetrics.com' });
		const html = await (await page(link.login_url)).text();
		expect(html).toContain('value="analyst@supermetrics.com"');
		expect(html).toContain('readonly');
		const refused = await authorize(link.login_url, 'someone.else@example.com');
		expect(refused.status).toBe(422);
		expect(await refused.text()).toContain('requires the username analyst@supermetrics.com');
		expect((await getLink(link.link_id)).login_id).toBeNull();

		holder.sandbox.clock.advance(12 * HOUR);
		expect((await authorize(link.login_url, 'analyst@supermetrics.com')).status).toBe(200);
		expect((await getLink(link.link_id)).login_id).toBe('2830506');
		const renewed = (await logins<{ data: DataSourceLogin }>('GET', '/ds/login/2830506')).json.data;
		expect(renewed).toMatchObject({ auth_time: at(START + 12 * HOUR), expiry_time: at(START + 12 * HOUR + 60 * DAY) });
		expect(holder.sandbox.state.logins.size).toBe(2);
	});

	test('a link can log in more than once while OPEN, the link naming the latest login', async () => {
		const link = await createLink({ ds_id: 'GAWA' });
		const first = holder.sandbox.completeLogin(link.link_id, { username: 'one@example.com' });
		const second = holder.sandbox.completeLogin(link.link_id, { username: 'two@example.com' });
		expect(second.login_id).not.toBe(first.login_id);
		expect(await getLink(link.link_id)).toMatchObject({ login_id: second.login_id, login_username: 'two@example.com' });
	});

	test('redirect_url: after authorizing, a 303 to it', async () => {
		const link = await createLink({ ds_id: 'FA', redirect_url: 'https://company.com/auth/success?from=sandbox' });
		const done = await authorize(link.login_url);
		expect(done.status).toBe(303);
		expect(done.headers.get('location')).toBe('https://company.com/auth/success?from=sandbox');
		expect((await getLink(link.link_id)).login_id).not.toBeNull();
	});

	test('the page escapes everything it prints', async () => {
		const hostile = `"><script>alert('x')</script>&amp;`;
		const link = await createLink({ ds_id: 'FA', require_username: hostile });
		const html = await (await page(link.login_url)).text();
		expect(html).not.toContain('<script>');
		expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;"');
		const done = await (await authorize(link.login_url, hostile)).text();
		expect(done).not.toContain('<script>');
		expect(done).toContain('&lt;script&gt;');
		const refused = await (await authorize((await createLink({ ds_id: 'FA', require_username: 'a@b.c' })).login_url, '<img src=x onerror=alert(1)>')).text();
		expect(refused).not.toContain('<img');
		const missing = await page(`${holder.sandbox.apiUrl}/login/${encodeURIComponent('<b>nope</b>')}`);
		expect(missing.status).toBe(404);
		expect(await missing.text()).toContain('&lt;b&gt;nope&lt;/b&gt;');
	});
});

describe('helpers and control endpoints for tests', () => {
	test('completeLogin authorizes a link as the page does', async () => {
		const link = await createLink({ ds_id: 'LIA' });
		const login = holder.sandbox.completeLogin(link.link_id, { username: 'ads@company.com' });
		expect(login).toMatchObject({ username: 'ads@company.com', ds_info: { ds_id: 'LIA', name: 'LinkedIn Ads' }, is_refreshable: true });
		expect(() => holder.sandbox.completeLogin('lnk_404')).toThrow(/no login link/);
	});

	test('addLogin makes a login with a given expiry_time and is_refreshable; a non-refreshable one stays expired, a refreshable one renews', async () => {
		const expiring = holder.sandbox.addLogin({ dsId: 'FA', username: 'fb@company.com', expiryTime: START + 2 * HOUR });
		expect(expiring).toMatchObject({ expiry_time: at(START + 2 * HOUR), is_refreshable: false });
		const refreshing = holder.sandbox.addLogin({ dsId: 'GAWA', expiryTime: '2026-03-02T09:00:00Z', accounts: 5 });
		expect(refreshing.is_refreshable).toBe(true);
		expect((await logins<Accounts>('GET', `/ds/login/${refreshing.login_id}/accounts?limit=2&offset=4`)).json).toMatchObject({ meta: { paginate: { total: 5 } }, data: [expect.any(Object)] });
		holder.sandbox.clock.advance(3 * HOUR);
		expect((await logins<{ data: DataSourceLogin }>('GET', `/ds/login/${expiring.login_id}`)).json.data.expiry_time).toBe(at(START + 2 * HOUR));
		expect((await logins<{ data: DataSourceLogin }>('GET', `/ds/login/${refreshing.login_id}`)).json.data.expiry_time).toBe(at(START + HOUR + 60 * DAY));
		expect(() => holder.sandbox.addLogin({ dsId: 'NOPE' })).toThrow(/Unknown ds_id/);
	});

	test('expireLogin moves a login\'s expiry_time, for a trigger to find it expiring soon', async () => {
		expect(holder.sandbox.expireLogin('2682599', '2026-03-03T08:00:00Z').expiry_time).toBe('2026-03-03T08:00:00Z');
		expect((await logins<{ data: DataSourceLogin }>('GET', '/ds/login/2682599')).json.data.expiry_time).toBe('2026-03-03T08:00:00Z');
		expect(() => holder.sandbox.expireLogin('1')).toThrow(/no data source login/);
	});

	test('the same over HTTP, on either origin: /__sandbox/logins, /logins/complete, /logins/expire', async () => {
		const post = (base: string, path: string, body: object) => fetch(`${base}/__sandbox${path}`, { method: 'POST', body: JSON.stringify(body) });
		const link = await createLink({ ds_id: 'IG' });
		const completed = await post(holder.sandbox.apiUrl, '/logins/complete', { link_id: link.link_id, username: 'ig@company.com' });
		expect(completed.status).toBe(200);
		expect(await completed.json()).toMatchObject({ username: 'ig@company.com', is_refreshable: false });
		expect((await post(holder.sandbox.apiUrl, '/logins/complete', { link_id: 'lnk_404' })).status).toBe(404);
		const dtsBase = holder.sandbox.url.replace(/\/v1$/, '');
		const seeded = await post(dtsBase, '/logins', { ds_id: 'FB', username: 'page@company.com', expiry_time: '2026-03-04T00:00:00Z', is_refreshable: false });
		const seededLogin = (await seeded.json()) as DataSourceLogin;
		expect(seededLogin).toMatchObject({ username: 'page@company.com', expiry_time: '2026-03-04T00:00:00Z', is_refreshable: false });
		const expired = await post(dtsBase, '/logins/expire', { login_id: seededLogin.login_id, at: '2026-03-03T00:00:00Z' });
		expect(await expired.json()).toMatchObject({ expiry_time: '2026-03-03T00:00:00Z' });
		expect((await post(dtsBase, '/logins', { ds_id: 'NOPE' })).status).toBe(422);
	});
});
