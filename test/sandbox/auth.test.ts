/**
 * The Authorization forms each reading takes, operation by operation: the newest reference's
 * (Bearer on every path, the default), the older Create Data Source Connection page's (the key
 * alone everywhere) and the older reference files' (per path: Bearer on BearerAuth operations,
 * either form on ApiKeyAuth ones); and the rate-limit headers: on every answer a key was counted
 * for, one window per key for both origins, never above the spec's 10000.
 */
import { DEMO_KEY, useSandboxClient } from './client';
import type { ApiJson } from './client';
import backfillRoutes from './routes/backfills';
import connectionRoutes from './routes/dataSourceConnections';
import destinationRoutes from './routes/destinations';
import loginLinkRoutes from './routes/loginLinks';
import loginRoutes from './routes/logins';
import tableGroupRoutes from './routes/tableGroups';
import transferCopyRoutes from './routes/transferCopies';
import transferRoutes from './routes/transfers';
import transferRunRoutes from './routes/transferRuns';
import { DEFAULT_KEYS } from './server';

const { holder, call } = useSandboxClient('', {
	rateLimit: { limit: 5 },
	keys: { ...DEFAULT_KEYS, 'dts-only-key': { scopes: ['dwh_transfers_read', 'dwh_transfers_write'], userId: 7, email: 'dts@sandbox.invalid', teamId: 12345 } },
});

type Scheme = 'bearer' | 'apiKey';
type Api = 'dts' | 'logins';

/**
 * Every operation of the specs, with the older files' scheme: 25 of DTS, 9 of the logins API; then
 * the newest reference's seven new ones (3 of DTS, the 4 Table Groups on the Supermetrics API's
 * origin under /enterprise/v2), which the older files lack: Bearer, as the newest declares them.
 */
const OPERATIONS: Array<[Api, string, string, Scheme]> = [
	['dts', 'GET', '/teams/12345/backfills', 'bearer'],
	['dts', 'GET', '/teams/12345/backfills/12344', 'bearer'],
	['dts', 'PATCH', '/teams/12345/backfills/12344', 'bearer'],
	['dts', 'POST', '/teams/12345/transfers/36091/backfills', 'bearer'],
	['dts', 'GET', '/teams/12345/transfers/36091/backfills/latest', 'bearer'],
	['dts', 'POST', '/teams/12345/data-source-connections', 'apiKey'],
	['dts', 'GET', '/teams/12345/destinations', 'apiKey'],
	['dts', 'POST', '/teams/12345/destinations', 'apiKey'],
	['dts', 'POST', '/teams/12345/destinations/test-connection', 'apiKey'],
	['dts', 'DELETE', '/teams/12345/destinations/8', 'apiKey'],
	['dts', 'GET', '/teams/12345/destinations/8', 'apiKey'],
	['dts', 'PUT', '/teams/12345/destinations/8', 'apiKey'],
	['dts', 'GET', '/teams/12345/destinations/8/usage', 'apiKey'],
	['dts', 'GET', '/teams/12345/transfer_runs/12344', 'apiKey'],
	['dts', 'GET', '/teams/12345/transfers', 'apiKey'],
	['dts', 'POST', '/teams/12345/transfers', 'apiKey'],
	['dts', 'GET', '/teams/12345/transfers/available-options', 'apiKey'],
	['dts', 'GET', '/teams/12345/transfers/available-sources', 'apiKey'],
	['dts', 'POST', '/teams/12345/transfers/validations', 'apiKey'],
	['dts', 'DELETE', '/teams/12345/transfers/36091', 'apiKey'],
	['dts', 'GET', '/teams/12345/transfers/36091', 'apiKey'],
	['dts', 'PUT', '/teams/12345/transfers/36091', 'apiKey'],
	['dts', 'GET', '/teams/12345/transfers/36091/runs', 'apiKey'],
	['dts', 'PUT', '/teams/12345/transfers/36091/state', 'apiKey'],
	['dts', 'POST', '/teams/12345/transfers/36091/validations', 'apiKey'],
	['logins', 'POST', '/ds/login/link', 'bearer'],
	['logins', 'GET', '/ds/login/link/lnk_1', 'bearer'],
	['logins', 'PATCH', '/ds/login/link/lnk_1', 'apiKey'],
	['logins', 'PUT', '/ds/login/link/lnk_1/close', 'bearer'],
	['logins', 'GET', '/ds/login/links', 'bearer'],
	['logins', 'GET', '/ds/login/2682599', 'bearer'],
	['logins', 'DELETE', '/ds/login/2682599', 'apiKey'],
	['logins', 'GET', '/ds/login/2682599/accounts', 'apiKey'],
	['logins', 'GET', '/ds/logins', 'bearer'],
	['dts', 'POST', '/teams/12345/transfers/36091/clone', 'bearer'],
	['dts', 'POST', '/teams/12345/transfers/batch', 'bearer'],
	['dts', 'PATCH', '/teams/12345/destinations/batch', 'bearer'],
	['logins', 'GET', '/enterprise/v2/table/groups', 'bearer'],
	['logins', 'GET', '/enterprise/v2/table/group/tg_123/export?version=1', 'bearer'],
	['logins', 'POST', '/enterprise/v2/table/group/import', 'bearer'],
	['logins', 'PUT', '/enterprise/v2/table/group/tg_123?version=1', 'bearer'],
];

/** What this test reads of a route as the route files declare it. */
interface DeclaredRoute {
	method: string;
	path: string;
	api?: string;
	auth?: string;
	[other: string]: unknown;
}

const asPattern = (path: string) => path.replace(/\?.*$/, '').replace(/\/(lnk_1|2682599|12345|12344|36091|8|tg_123)(?=\/|$)/g, '/:id');

test('the routes declare exactly the specs\' schemes, operation by operation', () => {
	const files: DeclaredRoute[][] = [backfillRoutes, connectionRoutes, destinationRoutes, transferRoutes, transferCopyRoutes, transferRunRoutes, loginLinkRoutes, loginRoutes, tableGroupRoutes];
	const declared = files
		.flat()
		.map((r) => `${r.api ?? 'dts'} ${r.method} ${r.path.replace(/:[a-z_]+/g, ':id')} ${r.auth ?? 'apiKey'}`)
		.sort();
	expect(declared).toEqual(OPERATIONS.map(([api, method, path, scheme]) => `${api} ${method} ${asPattern(path)} ${scheme}`).sort());
});

describe.each(OPERATIONS)('%s %s %s (the older files: %s)', (api, method, path, scheme) => {
	const send = (authorization: string) => call(method, path, method === 'GET' ? undefined : {}, { api, authorization });
	const refusal = {
		meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
		error: { code: 'UNAUTHORIZED', message: 'Authentication is required.', description: expect.stringContaining('Authorization: Bearer <key>') },
	};

	test('the newest reference (default): Bearer is taken, whatever the case of the scheme; the bare key is refused with its 401', async () => {
		holder.sandbox.setRateLimit({ limit: 100 });
		expect((await send(`Bearer ${DEMO_KEY}`)).status).not.toBe(401);
		expect((await send(`bearer ${DEMO_KEY}`)).status).not.toBe(401);
		expect((await send(`BEARER   ${DEMO_KEY}`)).status).not.toBe(401);
		holder.sandbox.setRateLimit({ limit: 5 });
		holder.sandbox.windows.clear();
		const answer = await send(DEMO_KEY);
		expect(answer.status).toBe(401);
		expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer.*/);
		expect(answer.json).toEqual(refusal);
		// The key was known: the refusal is counted, and says so.
		expect(answer.headers.get('x-ratelimit-remaining')).toBe('4');
	});

	test('the older page (keyOnly): the bare key is taken; Bearer is refused as an invalid key', async () => {
		holder.sandbox.setAuth('keyOnly');
		expect((await send(DEMO_KEY)).status).not.toBe(401);
		const answer = await send(`Bearer ${DEMO_KEY}`);
		expect(answer.status).toBe(401);
		expect((answer.json as ApiJson).error).toMatchObject({ code: 'API_KEY_INVALID' });
	});

	test(`the older files (perPath): Bearer is taken; the bare key ${scheme === 'apiKey' ? 'too' : 'is refused'}`, async () => {
		holder.sandbox.setAuth('perPath');
		expect((await send(`Bearer ${DEMO_KEY}`)).status).not.toBe(401);
		const answer = await send(DEMO_KEY);
		if (scheme === 'apiKey') {
			expect(answer.status).not.toBe(401);
		} else {
			expect(answer.status).toBe(401);
			expect(answer.json).toEqual(refusal);
		}
	});
});

test('an unknown key is 401 on both APIs, each in its own words, with WWW-Authenticate and no quota', async () => {
	const dts = await call('GET', '/teams/12345/transfers', undefined, { authorization: 'Bearer nope' });
	expect(dts.status).toBe(401);
	expect(dts.json.error).toEqual({ code: 'API_KEY_INVALID', message: 'Invalid API key', description: 'Provided API key was invalid.' });
	expect(dts.headers.get('www-authenticate')).toBe('Bearer');
	expect(dts.headers.get('x-ratelimit-limit')).toBeNull();
	const logins = await call('GET', '/ds/logins', undefined, { api: 'logins', authorization: null });
	expect(logins.status).toBe(401);
	expect(logins.json.error).toEqual({ code: 'UNAUTHORIZED', message: 'Authentication is required.', description: 'Provided API key was invalid.' });
	expect(logins.headers.get('www-authenticate')).toBe('Bearer');
});

test('the body api_key is taken on Create Data Source Connection only, as its reference lists it', async () => {
	const body = { data_source_id: 'GAWA', destination_type: 'SQL_BQ', api_key: DEMO_KEY };
	expect((await call('POST', '/teams/12345/data-source-connections', body, { authorization: null })).status).toBe(201);
	expect((await call('POST', '/teams/12345/transfers/validations', body, { authorization: null })).status).toBe(401);
	expect((await call('POST', '/ds/login/link', { ds_id: 'GAWA', api_key: DEMO_KEY }, { api: 'logins', authorization: null })).status).toBe(401);
});

test('each API\'s paths are 404 on the other\'s origin', async () => {
	expect((await call('GET', '/ds/logins')).status).toBe(404);
	expect((await call('GET', '/v1/teams/12345/transfers', undefined, { api: 'logins' })).status).toBe(404);
	expect((await call('GET', '/teams/12345/transfers', undefined, { api: 'logins' })).status).toBe(404);
	expect(holder.sandbox.requests.map((r) => r.api)).toEqual(['dts', 'logins', 'logins']);
});

test('scopes are checked as the newest reference declares them on every logins operation: the read-only key may read, not write; a DTS-only key neither', async () => {
	const as = (key: string, method: string, path: string) => call(method, path, undefined, { api: 'logins', authorization: `Bearer ${key}` });
	holder.sandbox.setRateLimit({ limit: 100 });
	expect((await as('sandbox-readonly-key', 'GET', '/ds/login/2682599/accounts')).status).toBe(200);
	expect((await as('sandbox-readonly-key', 'DELETE', '/ds/login/2682599')).status).toBe(403);
	expect((await as('sandbox-readonly-key', 'GET', '/ds/logins')).status).toBe(200);
	expect((await as('sandbox-readonly-key', 'GET', '/ds/login/links')).status).toBe(200);
	expect((await as('sandbox-readonly-key', 'POST', '/ds/login/link')).status).toBe(403);
	expect((await as('dts-only-key', 'GET', '/ds/login/2682599/accounts')).status).toBe(403);
	expect((await as('dts-only-key', 'POST', '/ds/login/link')).status).toBe(403);
	expect((await as('dts-only-key', 'GET', '/ds/login/2682599')).status).toBe(403);
	// The Table Groups declare no scope: any key of the team reads them.
	expect((await as('dts-only-key', 'GET', '/enterprise/v2/table/groups')).status).toBe(200);
});

describe('rate-limit headers', () => {
	const limitOf = (answer: { headers: Headers }) => [answer.headers.get('x-ratelimit-limit'), answer.headers.get('x-ratelimit-remaining')];

	test('on successes and errors alike, on both origins, counting down one window per key', async () => {
		expect(limitOf(await call('GET', '/teams/12345/transfers'))).toEqual(['5', '4']);
		expect(limitOf(await call('GET', '/ds/logins', undefined, { api: 'logins' }))).toEqual(['5', '3']);
		const unprocessable = await call('POST', '/ds/login/link', { ds_id: 'NOPE' }, { api: 'logins' });
		expect(unprocessable.status).toBe(422);
		expect(limitOf(unprocessable)).toEqual(['5', '2']);
		const forbidden = await call('DELETE', '/teams/12345/transfers/36091', undefined, { authorization: 'Bearer sandbox-readonly-key' });
		expect(forbidden.status).toBe(403);
		expect(limitOf(forbidden)).toEqual(['5', '4']);
		const notFound = await call('GET', '/ds/login/999', undefined, { api: 'logins' });
		expect(notFound.status).toBe(404);
		expect(limitOf(notFound)).toEqual(['5', '1']);
	});

	test('429 once spent, with the headers and Retry-After in whole seconds to the window\'s end, on either origin', async () => {
		for (let i = 0; i < 5; i++) expect((await call('GET', i % 2 ? '/ds/logins' : '/teams/12345/transfers', undefined, { api: i % 2 ? 'logins' : 'dts' })).status).toBe(200);
		for (const api of ['dts', 'logins'] as const) {
			const limited = await call<ApiJson>('GET', api === 'dts' ? '/teams/12345/transfers' : '/ds/logins', undefined, { api });
			expect(limited.status).toBe(429);
			expect(limitOf(limited)).toEqual(['5', '0']);
			const retryAfter = limited.headers.get('retry-after') ?? '';
			expect(retryAfter).toMatch(/^\d+$/);
			expect(Number(retryAfter)).toBeGreaterThanOrEqual(3500);
			expect(Number(retryAfter)).toBeLessThanOrEqual(3600);
			expect(limited.json.error?.code).toBe('TOO_MANY_REQUESTS');
		}
		expect((await call('GET', '/teams/12345/transfers', undefined, { authorization: 'Bearer sandbox-readonly-key' })).status).toBe(200);
	});

	test('a control endpoint changes the limit, counts kept; reset restores the option\'s', async () => {
		const control = holder.sandbox.url.replace(/\/v1$/, '') + '/__sandbox/rate-limit';
		await call('GET', '/teams/12345/transfers');
		const set = await fetch(control, { method: 'POST', body: JSON.stringify({ limit: 2 }) });
		expect(await set.json()).toEqual({ limit: 2, window_ms: 3600000 });
		expect(limitOf(await call('GET', '/teams/12345/transfers'))).toEqual(['2', '0']);
		expect((await call('GET', '/teams/12345/transfers')).status).toBe(429);
		expect((await fetch(control, { method: 'POST', body: JSON.stringify({ limit: 0 }) })).status).toBe(400);
		expect((await fetch(holder.sandbox.apiUrl + '/__sandbox/rate-limit').then((r) => r.json()))).toEqual({ limit: 2, window_ms: 3600000 });
		holder.sandbox.reset();
		expect(limitOf(await call('GET', '/teams/12345/transfers'))).toEqual(['5', '4']);
	});

	test('never above the spec\'s 10000', async () => {
		holder.sandbox.setRateLimit({ limit: 1_000_000 });
		expect(limitOf(await call('GET', '/teams/12345/transfers'))).toEqual(['10000', '10000']);
		holder.sandbox.setRateLimit({ limit: 10_001 });
		expect(limitOf(await call('GET', '/ds/logins', undefined, { api: 'logins' }))).toEqual(['10000', '9999']);
	});
});
