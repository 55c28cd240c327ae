/**
 * What the newest reference (Management API Reference 2.0.0) changed in operations the sandbox
 * already served: Create Login Link's use_existing and require_login and its 400; the scopes every
 * logins operation now declares, each 403 in its own body (Forbidden or PermissionDenied);
 * Destination List's type and name filters; a backfill's error_report capped at 100.
 */
import { DEMO_KEY, useSandboxClient } from './client';
import type { Answer, ApiJson } from './client';
import { DEFAULT_KEYS } from './server';

const START = Date.parse('2026-03-02T08:00:00Z');
const HOUR = 3600_000;

const { holder, call } = useSandboxClient('', {
	clock: { start: START },
	keys: {
		...DEFAULT_KEYS,
		'other-team-key': { scopes: DEFAULT_KEYS['sandbox-demo-key'].scopes, userId: 3003, email: 'other@sandbox.invalid', teamId: 999 },
		'same-team-other-user': { scopes: DEFAULT_KEYS['sandbox-demo-key'].scopes, userId: 3005, email: 'colleague@sandbox.invalid', teamId: 12345 },
		'no-logins-key': { scopes: ['dwh_transfers_read', 'dwh_transfers_write'], userId: 3004, email: 'dts@sandbox.invalid', teamId: 12345 },
	},
});

interface LoginLink {
	link_id: string;
	status_code: string;
	ds_id: string;
	user_id: string;
	login_url: string;
	login_id: string | null;
	login_username: string | null;
}

const logins = <T = ApiJson>(method: string, path: string, body?: object, authorization = `Bearer ${DEMO_KEY}`) => call<T>(method, path, body, { api: 'logins', authorization });
const createLink = async (body: object, key = DEMO_KEY) => {
	const answer = await logins<{ data: LoginLink }>('POST', '/ds/login/link', body, `Bearer ${key}`);
	expect(answer.status).toBe(201);
	return answer;
};
const page = (url: string, init?: RequestInit) => fetch(url, { redirect: 'manual', ...init });
const authorize = (url: string, headers: Record<string, string> = {}) =>
	page(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: '' });

function expectEnvelope(answer: Answer<ApiJson>, status: number, code: string, message?: string) {
	expect(answer.status).toBe(status);
	expect(answer.json).toEqual({ meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }, error: { code, message: message ?? expect.any(String), description: expect.any(String) } });
}

describe('Create login link: use_existing', () => {
	test('true hands back the team\'s OPEN link of the same user and data source, 201 with its body and Location, creating nothing', async () => {
		const first = await createLink({ ds_id: 'FA', description: 'first' });
		const again = await createLink({ ds_id: 'FA', use_existing: true, description: 'ignored', expiry_time: '3 hours' });
		expect(again.json.data).toEqual(first.json.data);
		expect(again.headers.get('location')).toBe(`${holder.sandbox.apiUrl}/ds/login/link/${first.json.data.link_id}`);
		expect(holder.sandbox.state.loginLinks.size).toBe(1);
	});

	test('the newest of several matching links', async () => {
		await createLink({ ds_id: 'FA' });
		holder.sandbox.clock.advance(1000);
		const newer = await createLink({ ds_id: 'FA' });
		expect((await createLink({ ds_id: 'FA', use_existing: true })).json.data.link_id).toBe(newer.json.data.link_id);
	});

	test('a new link when none matches: another data source, another user, another team, a CLOSED or EXPIRED link, or use_existing false', async () => {
		const fa = await createLink({ ds_id: 'FA' });
		const ids = new Set([fa.json.data.link_id]);
		const fresh = async (body: object, key?: string) => {
			const answer = await createLink(body, key);
			expect(ids.has(answer.json.data.link_id)).toBe(false);
			ids.add(answer.json.data.link_id);
			return answer.json.data;
		};
		await fresh({ ds_id: 'AW', use_existing: true });
		await fresh({ ds_id: 'FA', use_existing: true }, 'same-team-other-user');
		await fresh({ ds_id: 'FA', use_existing: true }, 'other-team-key');
		await fresh({ ds_id: 'FA', use_existing: false });
		// Close every OPEN FA link of the demo user: none left to hand back.
		for (const link of holder.sandbox.state.loginLinks.values()) {
			if (link.ds_id === 'FA' && link.user_id === '1001') expect((await logins('PUT', `/ds/login/link/${link.link_id}/close`)).status).toBe(200);
		}
		const short = await fresh({ ds_id: 'FA', use_existing: true, expiry_time: '1 hour' });
		expect((await createLink({ ds_id: 'FA', use_existing: true })).json.data.link_id).toBe(short.link_id);
		holder.sandbox.clock.advance(HOUR);
		const afterExpiry = await fresh({ ds_id: 'FA', use_existing: true });
		expect(holder.sandbox.state.loginLinks.get(short.link_id)?.status_code).toBe('EXPIRED');
		expect((await createLink({ ds_id: 'FA', use_existing: true })).json.data.link_id).toBe(afterExpiry.link_id);
	});

	test('a link handed back does not count against the link limit; a new one past it is 403 PERMISSION_ERROR', async () => {
		holder.sandbox.loginLinkLimit = 1;
		const first = await createLink({ ds_id: 'FA' });
		expect((await createLink({ ds_id: 'FA', use_existing: true })).json.data.link_id).toBe(first.json.data.link_id);
		expectEnvelope(await logins('POST', '/ds/login/link', { ds_id: 'AW', use_existing: true }), 403, 'PERMISSION_ERROR', 'You do not have permission to perform this action.');
	});

	test.each([
		['use_existing', 'yes'],
		['use_existing', 1],
		['require_login', 'true'],
		['require_login', {}],
	])('422 UNPROCESSABLE_ENTITY when %s is %j (a boolean)', async (field, value) => {
		expectEnvelope(await logins('POST', '/ds/login/link', { ds_id: 'FA', [field]: value }), 422, 'UNPROCESSABLE_ENTITY');
		expect(holder.sandbox.state.loginLinks.size).toBe(0);
	});

	test('the body is checked before a link is handed back', async () => {
		await createLink({ ds_id: 'FA' });
		expectEnvelope(await logins('POST', '/ds/login/link', { ds_id: 'FA', use_existing: true, description: 'x'.repeat(1001) }), 422, 'UNPROCESSABLE_ENTITY');
	});
});

describe('Create login link: require_login', () => {
	test('an anonymous visitor is refused (401) on the page and its Authorize; nothing is created', async () => {
		const link = (await createLink({ ds_id: 'FA', require_login: true })).json.data;
		expect(link).not.toHaveProperty('require_login');
		const shown = await page(link.login_url);
		expect(shown.status).toBe(401);
		const html = await shown.text();
		expect(html).toContain('signed-in member of its team');
		expect(html).toContain(`action="/login/${link.link_id}/session"`);
		expect((await authorize(link.login_url)).status).toBe(401);
		expect(holder.sandbox.state.logins.size).toBe(2);
		expect(() => holder.sandbox.completeLogin(link.link_id)).toThrow(/signed-in member/);
	});

	test('a member of another team is refused (403); a member of the link\'s team authorizes', async () => {
		const link = (await createLink({ ds_id: 'FA', require_login: true })).json.data;
		expect((await authorize(link.login_url, { authorization: 'Bearer other-team-key' })).status).toBe(403);
		expect(() => holder.sandbox.completeLogin(link.link_id, { signedInTeamId: 999 })).toThrow(/member of its team/);
		expect((await page(link.login_url, { headers: { authorization: 'Bearer same-team-other-user' } })).status).toBe(200);
		const done = await authorize(link.login_url, { authorization: 'Bearer same-team-other-user' });
		expect(done.status).toBe(200);
		const used = (await logins<{ data: LoginLink }>('GET', `/ds/login/link/${link.link_id}`)).json.data;
		expect(used.login_id).toMatch(/^\d+$/);
	});

	test('the page\'s sign-in form: an unknown key is refused; a team key sets a session cookie that the page then takes', async () => {
		const link = (await createLink({ ds_id: 'FA', require_login: true })).json.data;
		const signIn = (apiKey: string) =>
			page(`${link.login_url}/session`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ api_key: apiKey }).toString() });
		expect((await signIn('nope')).status).toBe(401);
		const signedIn = await signIn(DEMO_KEY);
		expect(signedIn.status).toBe(303);
		expect(signedIn.headers.get('location')).toBe(`/login/${link.link_id}`);
		const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
		expect(cookie).toMatch(/^sandbox_session=[0-9A-F-]+$/);
		expect(cookie).not.toContain(DEMO_KEY);
		expect((await page(link.login_url, { headers: { cookie } })).status).toBe(200);
		expect((await authorize(link.login_url, { cookie })).status).toBe(200);
		expect(holder.sandbox.requests).toHaveLength(1);
	});

	test('the helper and the control endpoint take the signed-in team', async () => {
		const link = (await createLink({ ds_id: 'FA', require_login: true })).json.data;
		const refused = await fetch(`${holder.sandbox.apiUrl}/__sandbox/logins/complete`, { method: 'POST', body: JSON.stringify({ link_id: link.link_id }) });
		expect(refused.status).toBe(401);
		const done = await fetch(`${holder.sandbox.apiUrl}/__sandbox/logins/complete`, { method: 'POST', body: JSON.stringify({ link_id: link.link_id, signed_in_team_id: 12345 }) });
		expect(done.status).toBe(200);
		expect(holder.sandbox.completeLogin(link.link_id, { signedInTeamId: '12345' }).ds_info.ds_id).toBe('FA');
	});

	test('a link without require_login (or with it false) takes anyone, as before', async () => {
		const link = (await createLink({ ds_id: 'FA', require_login: false })).json.data;
		expect((await authorize(link.login_url)).status).toBe(200);
	});
});

describe('the logins operations\' scopes and 403 bodies (security scopes per operation)', () => {
	const link = 'lnk_1001';
	test.each([
		['POST', '/ds/login/link', { ds_id: 'FA' }, 'PERMISSION_ERROR', 'You do not have permission to perform this action.'],
		['GET', '/ds/login/links', undefined, 'FORBIDDEN', 'You do not have access to this resource.'],
		['GET', `/ds/login/link/${link}`, undefined, 'FORBIDDEN', 'You do not have access to this resource.'],
		['PATCH', `/ds/login/link/${link}`, { description: 'x' }, 'PERMISSION_ERROR', 'You do not have permission to perform this action.'],
		['PUT', `/ds/login/link/${link}/close`, undefined, 'PERMISSION_ERROR', 'You do not have permission to perform this action.'],
		['GET', '/ds/logins', undefined, 'FORBIDDEN', 'You do not have access to this resource.'],
		['GET', '/ds/login/2682599', undefined, 'FORBIDDEN', 'You do not have access to this resource.'],
		['DELETE', '/ds/login/2682599', undefined, 'FORBIDDEN', 'You do not have access to this resource.'],
		['GET', '/ds/login/2682599/accounts', undefined, 'FORBIDDEN', 'You do not have access to this resource.'],
	])('%s %s without its scope: 403 %s in the envelope, before anything else', async (method, path, body, code, message) => {
		await createLink({ ds_id: 'FA' });
		const answer = await logins(method, path, body, 'Bearer no-logins-key');
		expectEnvelope(answer, 403, code, message);
		expect(answer.json.error?.description).toMatch(/needs the scope ds_[a-z_]+/);
		// Counted against the key's own window, as every answer after authentication.
		expect(answer.headers.get('x-ratelimit-remaining')).toBe('999');
		expect(holder.sandbox.state.loginLinks.get(link)?.status_code).toBe('OPEN');
		expect(holder.sandbox.state.logins.get('2682599')?.revoked_time).toBeNull();
	});

	test('the read-only key has the read scopes only: it reads links and logins, and may not create, update, close or revoke', async () => {
		const readonly = 'Bearer sandbox-readonly-key';
		const made = (await createLink({ ds_id: 'FA' })).json.data;
		expect((await logins('GET', '/ds/login/links', undefined, readonly)).status).toBe(200);
		expect((await logins('GET', `/ds/login/link/${made.link_id}`, undefined, readonly)).status).toBe(200);
		expect((await logins('GET', '/ds/logins', undefined, readonly)).status).toBe(200);
		expect((await logins('GET', '/ds/login/2682599', undefined, readonly)).status).toBe(200);
		expect((await logins('GET', '/ds/login/2682599/accounts', undefined, readonly)).status).toBe(200);
		expectEnvelope(await logins('POST', '/ds/login/link', { ds_id: 'FA' }, readonly), 403, 'PERMISSION_ERROR');
		expectEnvelope(await logins('PUT', `/ds/login/link/${made.link_id}/close`, undefined, readonly), 403, 'PERMISSION_ERROR');
		expectEnvelope(await logins('DELETE', '/ds/login/2682599', undefined, readonly), 403, 'FORBIDDEN');
		expect(DEFAULT_KEYS['sandbox-readonly-key'].scopes).toEqual(['dwh_transfers_read', 'ds_login_links_read', 'ds_logins_read', 'ds_accounts_read']);
		expect(DEFAULT_KEYS['sandbox-demo-key'].scopes).toEqual(expect.arrayContaining(['ds_login_links_read', 'ds_login_links_write', 'ds_logins_read', 'ds_logins_write', 'ds_accounts_read']));
	});

	test('a 404 on every logins path is the NotFound envelope', async () => {
		for (const [method, path] of [['GET', '/ds/login/link/lnk_9'], ['PATCH', '/ds/login/link/lnk_9'], ['PUT', '/ds/login/link/lnk_9/close'], ['GET', '/ds/login/9'], ['DELETE', '/ds/login/9'], ['GET', '/ds/login/9/accounts']]) {
			expectEnvelope(await logins(method, path, method === 'PATCH' ? {} : undefined), 404, 'NOT_FOUND', 'The requested resource was not found.');
		}
	});
});

describe('Destination List: type and name filters', () => {
	const list = async (query: string) => call<{ data: Array<{ id: number; display_name: string; type: string }> }>('GET', `/teams/12345/destinations${query}`);
	const names = async (query: string) => (await list(query)).json.data.map((d) => d.display_name);

	beforeEach(async () => {
		const add = async (type: string, display_name: string, fields: object) => expect((await call('POST', '/teams/12345/destinations', { type, display_name, fields })).status).toBe(201);
		await add('SQL_BQ', 'Marketing lake', { project_id: 'acme', dataset_location: 'EU' });
		await add('DWH_SNOWFLAKE', 'MARKETING warehouse', { hostname: 'h.snowflakecomputing.com', warehouse: 'W', database_name: 'D', schema: 'S', username: 'U', private_key: 'k' });
		await add('DWH_REDSHIFT', 'Finance', { hostname: 'r.example.com', port: 5439, database_name: 'D', schema: 'public', username: 'U', password: 'p' });
	});

	test('no filter: every destination of the team', async () => {
		expect(await names('')).toEqual(['Sandbox Snowflake', 'Marketing lake', 'MARKETING warehouse', 'Finance']);
	});

	test.each([
		['?type=DWH_SNOWFLAKE', ['Sandbox Snowflake', 'MARKETING warehouse']],
		['?type=dwh_snowflake', ['Sandbox Snowflake', 'MARKETING warehouse']],
		['?type=Sql_Bq', ['Marketing lake']],
		['?type=DWH_S3', []],
		['?name=market', ['Marketing lake', 'MARKETING warehouse']],
		['?name=WAREHOUSE', ['MARKETING warehouse']],
		['?name=X%20sNoW', ['Sandbox Snowflake']],
		['?name=', ['Sandbox Snowflake', 'Marketing lake', 'MARKETING warehouse', 'Finance']],
		['?name=nothing', []],
		['?type=dwh_snowflake&name=market', ['MARKETING warehouse']],
		[`?name=${'x'.repeat(255)}`, []],
	])('%s: case-insensitive type, case-insensitive substring of the name', async (query, expected) => {
		const answer = await list(query);
		expect(answer.status).toBe(200);
		expect(answer.json.data.map((d) => d.display_name)).toEqual(expected);
	});

	test.each([
		['an unknown type', '?type=SNOWFLAKE'],
		['the reference\'s own example DWH_BQ, which is no known type (BigQuery is SQL_BQ)', '?type=DWH_BQ'],
		['an empty type', '?type='],
		['a type past 50 characters', `?type=${'A'.repeat(51)}`],
		['a name past 255 characters', `?name=${'x'.repeat(256)}`],
	])('400 INVALID_PARAMETER for %s', async (_case, query) => {
		const answer = await list(query);
		expect(answer.status).toBe(400);
		expect((answer.json as ApiJson).error).toMatchObject({ code: 'INVALID_PARAMETER' });
	});

	test('another team\'s destinations stay out, whatever the filter', async () => {
		expect((await call<{ data: unknown[] }>('GET', '/teams/999/destinations?name=market')).json.data).toEqual([]);
	});
});

test('a backfill\'s error_report holds at most 100 entries (maxItems 100); transfer_runs_failed counts them all', async () => {
	const backfill = holder.sandbox.state.backfills.get('12344') as Record<string, unknown>;
	const runs = Array.from({ length: 130 }, (_, i) => ({ status: 'FAILED', data_date: `2023-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, message: `failure ${i}` }));
	Object.assign(backfill, { plan: { runs }, seeded_runs: undefined, status: 'FAILED' });
	const answer = await call<{ data: { error_report: Array<{ transfer_run_date: string; error: string }>; transfer_runs_failed: number } }>('GET', '/teams/12345/backfills/12344');
	expect(answer.status).toBe(200);
	expect(answer.json.data.transfer_runs_failed).toBe(130);
	expect(answer.json.data.error_report).toHaveLength(100);
	expect(answer.json.data.error_report[0]).toEqual({ transfer_run_date: '2023-01-01', error: 'failure 0' });
	expect(answer.json.data.error_report[99].error).toBe('failure 99');
});
