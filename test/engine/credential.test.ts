import axios from 'axios';

import { credentialTestRequest } from './harness';
import { API_CANARY, runCreate, useSandbox } from './support';

const ctx = useSandbox();
const VALID = { teamId: '12345', dataSourceId: 'GAWA', destinationType: 'SQL_BQ' };

describe('credential test', () => {
	test('for the default host it checks the key with GET https://api.supermetrics.com/me', async () => {
		const request = await credentialTestRequest({ apiKey: API_CANARY });
		expect(request).toEqual({ method: 'GET', url: 'https://api.supermetrics.com/me', headers: { Authorization: API_CANARY } });
		// An empty Base URL, or one with spaces and slashes around it, is the default too.
		expect((await credentialTestRequest({ apiKey: 'k', baseUrl: '' })).url).toBe('https://api.supermetrics.com/me');
		expect((await credentialTestRequest({ apiKey: 'k', baseUrl: ' https://dts-api.supermetrics.com/v1/ ' })).url).toBe('https://api.supermetrics.com/me');
	});

	test('for another base URL (proxy, sandbox) it calls {baseUrl}/me, as the runs normalise it', async () => {
		expect((await credentialTestRequest({ apiKey: 'k', baseUrl: 'https://proxy.example/v1/' })).url).toBe('https://proxy.example/v1/me');
		expect((await credentialTestRequest({ apiKey: 'k', baseUrl: ' https://Proxy.Example/v1 ' })).url).toBe('https://proxy.example/v1/me');
		expect((await credentialTestRequest({ apiKey: 'k', baseUrl: 'http://127.0.0.1:4010/v1' })).url).toBe('http://127.0.0.1:4010/v1/me');
	});

	test('the Bearer choice changes only the header format', async () => {
		expect((await credentialTestRequest({ apiKey: 'k', authScheme: 'bearer' })).headers).toEqual({ Authorization: 'Bearer k' });
	});

	test.each([
		['http://proxy.example/v1', 'must use https'],
		['https://user:hunter2@proxy.example/v1', 'must not contain a user name or password'],
		['https://proxy.example/v1?key=1', 'must not contain a query'],
		['https://proxy.example/v1#top', 'must not contain a query (?) or fragment (#)'],
		['ftp://proxy.example/v1', 'is not an http(s) URL'],
	])('Base URL %s is refused by the test and by every run, the same way', async (baseUrl, why) => {
		await expect(credentialTestRequest({ apiKey: 'k', baseUrl })).rejects.toThrow(why);
		const run = await runCreate(ctx.sandbox, VALID, { credentials: { baseUrl } });
		expect(run.error!.message).toContain(why);
		// No credential part is ever repeated.
		expect(`${run.error!.message} ${run.error!.description}`).not.toContain('hunter2');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('against the sandbox: a good key passes, a bad key fails, and nothing is created', async () => {
		const good = await credentialTestRequest({ apiKey: API_CANARY, baseUrl: ctx.sandbox.url });
		const ok = await axios({ ...good, validateStatus: () => true });
		expect(ok.status).toBe(200);

		const bad = await credentialTestRequest({ apiKey: 'wrong', baseUrl: ctx.sandbox.url });
		const refused = await axios({ ...bad, validateStatus: () => true });
		expect(refused.status).toBe(401);
		expect(refused.data.error.code).toBe('API_KEY_INVALID');

		expect(ctx.sandbox.requests.map((r: { method: string; path: string }) => `${r.method} ${r.path}`)).toEqual(['GET /me', 'GET /me']);
		expect(ctx.sandbox.state.connections.size).toBe(0);
	});
});
