import axios from 'axios';

import { credentialTestRequest } from './harness';
import { apiData, apiError } from './hostile';
import { scriptedApi } from './scripted';
import { API_CANARY, runCreate, useSandbox } from './support';

const ctx = useSandbox();
const logins = scriptedApi();
const VALID = { teamId: '12345', dataSourceId: 'GAWA', destinationType: 'SQL_BQ' };

describe('credential test', () => {
	test('checks the key with GET https://api.supermetrics.com/ds/logins, as that path declares (Bearer)', async () => {
		const request = await credentialTestRequest({ apiKey: API_CANARY });
		expect(request).toEqual({ method: 'GET', url: 'https://api.supermetrics.com/ds/logins', headers: { Authorization: `Bearer ${API_CANARY}` } });
		// An empty URL, or one with spaces and slashes around it, is the default too; the DTS Base URL is not used.
		expect((await credentialTestRequest({ apiKey: 'k', apiUrl: '' })).url).toBe('https://api.supermetrics.com/ds/logins');
		expect((await credentialTestRequest({ apiKey: 'k', apiUrl: ' https://api.supermetrics.com/ ', baseUrl: 'https://proxy.example/v1' })).url).toBe('https://api.supermetrics.com/ds/logins');
	});

	test('for another Supermetrics API URL (proxy, sandbox) it calls {URL}/ds/logins, as the runs normalise it', async () => {
		expect((await credentialTestRequest({ apiKey: 'k', apiUrl: 'https://proxy.example/sm/' })).url).toBe('https://proxy.example/sm/ds/logins');
		expect((await credentialTestRequest({ apiKey: 'k', apiUrl: ' https://Proxy.Example/sm ' })).url).toBe('https://proxy.example/sm/ds/logins');
		expect((await credentialTestRequest({ apiKey: 'k', apiUrl: 'http://127.0.0.1:4012' })).url).toBe('http://127.0.0.1:4012/ds/logins');
	});

	test('an explicit header format changes only the header', async () => {
		expect((await credentialTestRequest({ apiKey: 'k', authScheme: 'keyOnly' })).headers).toEqual({ Authorization: 'k' });
		expect((await credentialTestRequest({ apiKey: 'k', authScheme: 'bearer' })).headers).toEqual({ Authorization: 'Bearer k' });
	});

	test.each([
		['http://proxy.example/v1', 'must use https'],
		['https://user:hunter2@proxy.example/v1', 'must not contain a user name or password'],
		['https://proxy.example/v1?key=1', 'must not contain a query'],
		['https://proxy.example/v1#top', 'must not contain a query (?) or fragment (#)'],
		['ftp://proxy.example/v1', 'is not an http(s) URL'],
	])('URL %s is refused by the test and by every run, the same way, whichever field holds it', async (url, why) => {
		await expect(credentialTestRequest({ apiKey: 'k', apiUrl: url })).rejects.toThrow(`Supermetrics API URL "${url.replace('user:hunter2@', '***@')}" ${why}`);
		await expect(credentialTestRequest({ apiKey: 'k', baseUrl: url })).rejects.toThrow(why);
		for (const field of ['baseUrl', 'apiUrl']) {
			const run = await runCreate(ctx.sandbox, VALID, { credentials: { [field]: url } });
			expect(run.error!.message).toContain(why);
			// No credential part is ever repeated.
			expect(`${run.error!.message} ${run.error!.description}`).not.toContain('hunter2');
		}
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('against the sandbox: a good key passes, a bad key fails, and nothing is created', async () => {
		const good = await credentialTestRequest({ apiKey: API_CANARY, baseUrl: ctx.sandbox.url, apiUrl: ctx.sandbox.apiUrl });
		expect((await axios({ ...good, validateStatus: () => true })).status).toBe(200);
		const bad = await credentialTestRequest({ apiKey: 'wrong', baseUrl: ctx.sandbox.url, apiUrl: ctx.sandbox.apiUrl });
		expect((await axios({ ...bad, validateStatus: () => true })).status).toBe(401);
		expect(ctx.sandbox.requests.map((r) => `${r.api} ${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
			`logins GET /ds/logins Bearer ${API_CANARY}`,
			'logins GET /ds/logins Bearer wrong',
		]);
		expect(ctx.sandbox.state.connections.size).toBe(0);
	});

	test('against another logins API: only what it is sent decides', async () => {
		logins.answer = (req, res) =>
			req.headers.authorization === `Bearer ${API_CANARY}` ? apiData(res, 200, []) : apiError(res, 401, { code: 'API_KEY_INVALID', description: 'Provided API key was invalid.' });
		const origin = new URL(logins.url).origin;
		const good = await credentialTestRequest({ apiKey: API_CANARY, apiUrl: origin });
		expect((await axios({ ...good, validateStatus: () => true })).status).toBe(200);
		const bad = await credentialTestRequest({ apiKey: 'wrong', apiUrl: origin });
		const refused = await axios({ ...bad, validateStatus: () => true });
		expect(refused.status).toBe(401);
		expect(logins.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /ds/logins', 'GET /ds/logins']);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
