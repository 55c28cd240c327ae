import axios from 'axios';

import { credentialTestRequest } from './harness';
import { SECRET_KEY, useSandbox } from './support';

const ctx = useSandbox();

describe('credential test', () => {
	test('for the default host it checks the key with GET https://api.supermetrics.com/me', async () => {
		const request = await credentialTestRequest({ apiKey: SECRET_KEY });
		expect(request).toEqual({ method: 'GET', url: 'https://api.supermetrics.com/me', headers: { Authorization: SECRET_KEY } });
	});

	test('for another base URL (proxy, sandbox) it calls {baseUrl}/me, trailing slash or not', async () => {
		expect((await credentialTestRequest({ apiKey: 'k', baseUrl: 'http://proxy.local/v1/' })).url).toBe('http://proxy.local/v1/me');
		expect((await credentialTestRequest({ apiKey: 'k', baseUrl: 'http://proxy.local/v1' })).url).toBe('http://proxy.local/v1/me');
	});

	test('the Bearer choice changes only the header format', async () => {
		expect((await credentialTestRequest({ apiKey: 'k', authScheme: 'bearer' })).headers).toEqual({ Authorization: 'Bearer k' });
	});

	test('against the sandbox: a good key passes, a bad key fails, and nothing is created', async () => {
		const good = await credentialTestRequest({ apiKey: SECRET_KEY, baseUrl: ctx.sandbox.url });
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
