/**
 * Login Link Create, Get, List, Update and Close through n8n's engine against the sandbox's logins
 * API (its second origin, the credential's Supermetrics API URL), with Wait Until Used. The
 * sandbox's clock stands still: a link is used, closed or expires exactly when a test says so,
 * after the node's first Login Link Get (waited for by events, with a generous deadline).
 */
import { sleep } from 'n8n-workflow';

import { byCode, byId, json, TEAM, useSandbox } from './context';
import { runNode } from './harness';
import { API_CANARY, useSandbox as useSandboxWith } from './support';

const ctx = useSandbox();
/** A key allowed 20 requests an hour (both APIs together): its reserve, a fifth, is 4. */
const limited = useSandboxWith({ rateLimit: { limit: 20 } });
const DAY = 24 * 3600 * 1000;

const create = (extra: object = {}) => ({ resource: 'loginLink', operation: 'create', dsId: byCode('GAWA'), ...extra });
const waiting = { waitUntilUsed: true, pollInterval: 1, maxWait: 1 };
const requests = () => ctx.sent().map((r) => `${r.api} ${r.method} ${r.path}${r.fault ? ` (${r.fault})` : ''}`);
const linkGets = () => ctx.sent().filter((r) => r.method === 'GET' && /^\/ds\/login\/link\/[^/]+$/.test(r.path) && !r.fault);

/** Resolves once the node has sent `count` Login Link Gets answered without a fault. */
async function afterGets(count: number): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (linkGets().length < count) {
		if (Date.now() > deadline) throw new Error(`the node sent ${linkGets().length} Login Link Gets, not ${count}`);
		await sleep(20);
	}
}

/** A link made as another client would, for the operations that read or change one. */
async function madeLink(body: object = { ds_id: 'GAWA' }): Promise<string> {
	const answer = await fetch(`${ctx.sandbox.apiUrl}/ds/login/link`, {
		method: 'POST',
		headers: { authorization: 'Bearer sandbox-demo-key', 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const { data } = (await answer.json()) as { data: { link_id: string } };
	ctx.sandbox.requests.length = 0;
	return data.link_id;
}

describe('Login Link operations', () => {
	test('Create: POST /ds/login/link on the Supermetrics API URL, Bearer, the fields in the API\'s words; the link out, team_id handed on', async () => {
		const before = Date.now();
		const result = await ctx.run(
			create({
				teamId: TEAM,
				additionalFields: { description: 'Acme onboarding', expiryTime: '7 days', redirectUrl: 'https://example.com/connected', requireUsername: 'client@acme.test' },
			}),
		);
		const [link] = json(result);
		expect(link).toMatchObject({ team_id: TEAM, link_id: 'lnk_1001', status_code: 'OPEN', ds_id: 'GAWA', description: 'Acme onboarding', login_id: null });
		expect(String(link.login_url)).toBe(`${ctx.sandbox.apiUrl}/login/lnk_1001`);
		expect(requests()).toEqual(['logins POST /ds/login/link']);
		const sent = ctx.last();
		expect(sent.headers.authorization).toBe('Bearer sandbox-demo-key');
		const body = sent.body as Record<string, string>;
		expect(Object.keys(body).sort()).toEqual(['description', 'ds_id', 'expiry_time', 'redirect_url', 'require_username']);
		expect(body).toMatchObject({ ds_id: 'GAWA', description: 'Acme onboarding', redirect_url: 'https://example.com/connected', require_username: 'client@acme.test' });
		// "7 days" goes as the UTC date-time it means, in whole seconds.
		expect(body.expiry_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		const expiry = Date.parse(body.expiry_time);
		expect(expiry).toBeGreaterThanOrEqual(before + 7 * DAY);
		expect(expiry).toBeLessThanOrEqual(Date.now() + 7 * DAY + 1000);
	});

	test('Create with the fields left empty sends ds_id alone (the API\'s defaults), and no team_id comes out', async () => {
		const [link] = json(await ctx.run(create({ additionalFields: { description: '', expiryTime: '' } })));
		expect(ctx.last().body).toEqual({ ds_id: 'GAWA' });
		expect(link).not.toHaveProperty('team_id');
		expect(link).toMatchObject({ link_id: 'lnk_1001', status_code: 'OPEN' });
	});

	test('an expiry_time date-time with an offset is sent as its UTC instant', async () => {
		await ctx.run(create({ additionalFields: { expiryTime: '2099-03-01T23:59:59+02:00' } }));
		expect((ctx.last().body as { expiry_time: string }).expiry_time).toBe('2099-03-01T21:59:59Z');
	});

	test('Get, List, Update and Close: each its path, Bearer as the newest reference declares, the link out', async () => {
		const id = await madeLink({ ds_id: 'GAWA', description: 'first' });
		const [got] = json(await ctx.run({ resource: 'loginLink', operation: 'get', linkId: byId(id) }));
		expect(got).toMatchObject({ link_id: id, status_code: 'OPEN', description: 'first' });
		const listed = json(await ctx.run({ resource: 'loginLink', operation: 'list' }));
		expect(listed.map((l) => l.link_id)).toEqual([id]);
		const [updated] = json(await ctx.run({ resource: 'loginLink', operation: 'update', linkId: byId(id), description: 'renamed' }));
		expect(updated).toMatchObject({ link_id: id, description: 'renamed' });
		const [closed] = json(await ctx.run({ resource: 'loginLink', operation: 'close', linkId: byId(id) }));
		expect(closed).toMatchObject({ link_id: id, status_code: 'CLOSED' });
		expect(ctx.sent().map((r) => `${r.api} ${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
			`logins GET /ds/login/link/${id} Bearer sandbox-demo-key`,
			'logins GET /ds/login/links Bearer sandbox-demo-key',
			// The older reference declared the key alone here; the newest, Bearer like everywhere.
			`logins PATCH /ds/login/link/${id} Bearer sandbox-demo-key`,
			`logins PUT /ds/login/link/${id}/close Bearer sandbox-demo-key`,
		]);
		expect(ctx.sent()[2].body).toEqual({ description: 'renamed' });
	});

	test('closing a link that is not OPEN: the API\'s 422, naming the item', async () => {
		const id = await madeLink();
		await ctx.run({ resource: 'loginLink', operation: 'close', linkId: byId(id) });
		const result = await ctx.run({ resource: 'loginLink', operation: 'close', linkId: byId(id) });
		expect(result.error?.httpCode).toBe('422');
		expect(requests()).toEqual([`logins PUT /ds/login/link/${id}/close`, `logins PUT /ds/login/link/${id}/close`]);
	});

	test('an unknown link: the API\'s 404', async () => {
		const result = await ctx.run({ resource: 'loginLink', operation: 'get', linkId: byId('lnk_9999') });
		expect(result.error?.httpCode).toBe('404');
	});
});

describe('input checks: refused before anything is sent, naming field, value and item', () => {
	test.each([
		['ds_id off its pattern', create({ dsId: byCode('GA WA') }), 'Invalid Data Source "GA WA" in item 0: may contain only A-Z, a-z, 0-9, _ and -'],
		['ds_id over 50 characters', create({ dsId: byCode('A'.repeat(51)) }), 'Invalid Data Source'],
		['expiry_time in the past', create({ additionalFields: { expiryTime: '2020-01-01T00:00:00Z' } }), 'Invalid Expiry Time "2020-01-01T00:00:00Z" in item 0: must be in the future'],
		['expiry_time unreadable', create({ additionalFields: { expiryTime: 'next tuesday' } }), 'Invalid Expiry Time "next tuesday" in item 0: must be a date-time with a zone'],
		['expiry_time without a zone', create({ additionalFields: { expiryTime: '2099-01-01T00:00:00' } }), 'Invalid Expiry Time "2099-01-01T00:00:00" in item 0'],
		['expiry_time on a day that does not exist', create({ additionalFields: { expiryTime: '2099-02-30T00:00:00Z' } }), 'Invalid Expiry Time "2099-02-30T00:00:00Z" in item 0'],
		['redirect_url not http(s)', create({ additionalFields: { redirectUrl: 'javascript:alert(1)' } }), 'Invalid Redirect URL "javascript:alert(1)" in item 0: must be an http:// or https:// URL'],
		['redirect_url over 500 characters', create({ additionalFields: { redirectUrl: `https://example.com/${'a'.repeat(490)}` } }), 'Invalid Redirect URL'],
		['description over 1000 characters', create({ additionalFields: { description: 'd'.repeat(1001) } }), 'Invalid Description'],
		['require_username over 255 characters', create({ additionalFields: { requireUsername: 'u'.repeat(256) } }), 'Invalid Require Username'],
		['an update\'s description over 1000 characters', { resource: 'loginLink', operation: 'update', linkId: byId('lnk_1'), description: 'd'.repeat(1001) }, 'Invalid Description'],
		['a link_id with a slash', { resource: 'loginLink', operation: 'get', linkId: byId('lnk_1/../x') }, 'Invalid Login Link "lnk_1/../x" in item 0'],
		['a bad wait setting', create({ ...waiting, maxWait: 61 }), 'Invalid Max Wait 61 in item 0'],
	])('%s', async (_case, parameters, message) => {
		const result = await ctx.run(parameters);
		expect(result.error?.message).toContain(message);
		expect(ctx.sent()).toEqual([]);
	});

	test('the item is named: the second of three items, from an expression', async () => {
		const result = await ctx.run(create({ additionalFields: { redirectUrl: '={{ $json.url }}' } }), {
			items: [{ url: 'https://example.com/a' }, { url: 'ftp://example.com/b' }, { url: 'https://example.com/c' }],
		});
		expect(result.error?.message).toContain('Invalid Redirect URL "ftp://example.com/b" in item 1');
	});
});

describe('Wait Until Used', () => {
	test('Create: waits until someone logs in; the link with its login_id, succeeded true, team_id kept', async () => {
		const run = ctx.run(create({ teamId: TEAM, ...waiting }));
		await afterGets(1);
		const login = ctx.sandbox.completeLogin('lnk_1001');
		const [item] = json(await run);
		expect(item).toMatchObject({ link_id: 'lnk_1001', login_id: login.login_id, status_code: 'OPEN', succeeded: true, team_id: TEAM });
		expect(requests()).toEqual(['logins POST /ds/login/link', 'logins GET /ds/login/link/lnk_1001', 'logins GET /ds/login/link/lnk_1001']);
	});

	test('Get: a link CLOSED meanwhile ends the wait with succeeded false', async () => {
		const id = await madeLink();
		const run = ctx.run({ resource: 'loginLink', operation: 'get', linkId: byId(id), ...waiting });
		await afterGets(1);
		ctx.sandbox.state.loginLinks.get(id)!.status_code = 'CLOSED';
		const [item] = json(await run);
		expect(item).toMatchObject({ link_id: id, status_code: 'CLOSED', login_id: null, succeeded: false });
	});

	test('Get: a link that EXPIRED on the sandbox clock ends the wait with succeeded false', async () => {
		const id = await madeLink();
		const run = ctx.run({ resource: 'loginLink', operation: 'get', linkId: byId(id), ...waiting });
		await afterGets(1);
		ctx.sandbox.clock.advance(2 * DAY);
		const [item] = json(await run);
		expect(item).toMatchObject({ link_id: id, status_code: 'EXPIRED', succeeded: false });
	});

	test('Get of a link used already: at once, one request, succeeded true (even once closed)', async () => {
		const id = await madeLink();
		ctx.sandbox.completeLogin(id);
		ctx.sandbox.state.loginLinks.get(id)!.status_code = 'CLOSED';
		const [item] = json(await ctx.run({ resource: 'loginLink', operation: 'get', linkId: byId(id), ...waiting }));
		expect(item).toMatchObject({ link_id: id, status_code: 'CLOSED', succeeded: true });
		expect(requests()).toEqual([`logins GET /ds/login/link/${id}`]);
	});

	test('past Max Wait: WAIT_TIMEOUT with the link id and last status; the link stays open', async () => {
		const started = Date.now();
		const result = await ctx.run(create({ ...waiting, maxWait: 0.05 }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
		expect(result.error?.message).toBe('Login link lnk_1001 was not used within 0.05 minutes (last status OPEN)');
		expect(result.error?.description).toContain('The link stays open');
		// ⌈3 s / 1 s⌉ Gets at most, and no close.
		expect(linkGets().length).toBeLessThanOrEqual(3);
		expect(ctx.sent().filter((r) => r.method !== 'GET')).toEqual([expect.objectContaining({ method: 'POST', path: '/ds/login/link' })]);
		expect(ctx.sandbox.state.loginLinks.get('lnk_1001')?.status_code).toBe('OPEN');
	});

	test('Continue On Fail: one item per input, in order: used, timed out (id and status), refused input', async () => {
		const used = await madeLink();
		ctx.sandbox.completeLogin(used);
		const open = await madeLink();
		const result = await ctx.run(
			{ resource: 'loginLink', operation: 'get', linkId: byId('={{ $json.id }}'), ...waiting, maxWait: '={{ $json.maxWait }}' },
			{ continueOnFail: true, items: [{ id: used, maxWait: 1 }, { id: open, maxWait: 0.02 }, { id: 'bad id', maxWait: 1 }] },
		);
		const items = json(result);
		expect(result.output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0]).toMatchObject({ link_id: used, succeeded: true });
		expect(items[1]).toMatchObject({
			error: `Login link ${open} was not used within 0.02 minutes (last status OPEN)`,
			code: 'WAIT_TIMEOUT',
			link_id: open,
			status_code: 'OPEN',
		});
		expect(items[2]).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringContaining('Invalid Login Link "bad id" in item 2') });
		expect(ctx.sent().some((r) => r.path.includes('bad'))).toBe(false);
	});

	test('off (the default): Create answers at once, without succeeded', async () => {
		const [item] = json(await ctx.run(create()));
		expect(item).not.toHaveProperty('succeeded');
		expect(requests()).toEqual(['logins POST /ds/login/link']);
	});
});

describe('Wait Until Used at the key\'s reserve (the wait loop Wait Until Finished shares)', () => {
	async function spend(count: number): Promise<void> {
		for (let i = 0; i < count; i++) {
			const response = await fetch(`${limited.sandbox.apiUrl}/ds/logins`, { headers: { authorization: `Bearer ${API_CANARY}` } });
			expect(response.headers.get('x-ratelimit-remaining')).toBe(String(20 - i - 1));
		}
		limited.sandbox.requests.length = 0;
	}
	const run = (maxWait: number) =>
		runNode({ parameters: create({ ...waiting, maxWait }), credentials: { apiKey: API_CANARY, baseUrl: limited.sandbox.url, apiUrl: limited.sandbox.apiUrl } });
	const gets = () => limited.sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/ds/login/link/'));

	test('at the reserve it asks once, at Max Wait, instead of every second, and the WAIT_TIMEOUT says why', async () => {
		await spend(15);
		const result = await run(0.05);
		expect(result.error?.message).toBe('Login link lnk_1001 was not used within 0.05 minutes (last status OPEN)');
		expect(result.error?.description).toContain("The key's hourly request limit was down to the reserve kept for other workflows (3 of 20 left, 4 kept), so it asked every 5 minutes at most.");
		expect(gets()).toHaveLength(1);
	});

	test('above the reserve it asks at its own interval', async () => {
		await spend(5);
		const result = await run(0.03);
		expect(result.error?.description).not.toContain('reserve');
		expect(gets().length).toBeGreaterThan(1);
	});
});
