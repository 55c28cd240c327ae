import { SupermetricsTransfersApi } from '../../credentials/SupermetricsTransfersApi.credentials';
import { hostUrls, normalizeUrl, showUrl } from '../../nodes/SupermetricsTransfers/transport/hosts';

describe('normalizeUrl: one reading for runs, list searches and the credential test', () => {
	test.each([
		['', 'https://dts-api.supermetrics.com/v1'],
		['  https://dts-api.supermetrics.com/v1/  ', 'https://dts-api.supermetrics.com/v1'],
		['https://Proxy.Example:443/dts//', 'https://proxy.example/dts'],
		['http://localhost:4010/v1', 'http://localhost:4010/v1'],
		['http://127.0.0.1:4010/v1', 'http://127.0.0.1:4010/v1'],
		['http://[::1]:4010/v1', 'http://[::1]:4010/v1'],
	])('Base URL %j reads as %s', (raw, expected) => {
		expect(normalizeUrl(raw, 'dts')).toBe(expected);
	});

	test('the Supermetrics API URL defaults to https://api.supermetrics.com, under the same rules', () => {
		expect(normalizeUrl('', 'logins')).toBe('https://api.supermetrics.com');
		expect(normalizeUrl(undefined, 'logins')).toBe('https://api.supermetrics.com');
		expect(normalizeUrl('http://127.0.0.1:4012/', 'logins')).toBe('http://127.0.0.1:4012');
		expect(() => normalizeUrl('http://api.example', 'logins')).toThrow("The credential's Supermetrics API URL \"http://api.example\" must use https");
	});

	test.each([
		['http://dts-api.supermetrics.com/v1', 'must use https'],
		['http://10.0.0.5/v1', 'must use https'],
		['https://user:secret@proxy.example/v1', 'must not contain a user name or password'],
		['https://@proxy.example/v1', 'must not contain a user name or password'],
		['https://proxy.example/v1?', 'must not contain a query'],
		['https://proxy.example/v1#x', 'must not contain a query'],
		['javascript:alert(1)', 'is not an http(s) URL'],
		['proxy.example', 'is not a URL'],
	])('%j is refused: %s', (raw, why) => {
		expect(() => normalizeUrl(raw, 'dts')).toThrow(why);
		expect(() => normalizeUrl(raw, 'logins')).toThrow(why);
	});

	test('a refusal never repeats user info', () => {
		expect(() => normalizeUrl('https://user:secret@proxy.example/v1')).toThrow('"https://***@proxy.example/v1"');
		expect(showUrl('https://a:b@c/d')).toBe('https://***@c/d');
	});
});

describe('the credential puts its key on requests to its two URLs only, each to its own API', () => {
	const credential = new SupermetricsTransfersApi();
	const data = { apiKey: 'k', authScheme: 'perEndpoint', baseUrl: 'https://proxy.example/v1', apiUrl: 'https://api.proxy.example' };

	test('a DTS path below the Base URL gets Bearer, as the newest reference declares for every path', async () => {
		const transfers = await credential.authenticate(data, { url: 'https://proxy.example/v1/teams/1/transfers' });
		expect(transfers.headers).toEqual({ Authorization: 'Bearer k' });
		const backfills = await credential.authenticate(data, { url: 'https://proxy.example/v1/teams/1/backfills' });
		expect(backfills.headers).toEqual({ Authorization: 'Bearer k' });
		const create = await credential.authenticate(data, { method: 'POST', url: 'https://proxy.example/v1/teams/1/transfers/9/backfills' });
		expect(create.headers).toEqual({ Authorization: 'Bearer k' });
	});

	test('a logins path below the Supermetrics API URL gets Bearer too', async () => {
		const links = await credential.authenticate(data, { method: 'POST', url: 'https://api.proxy.example/ds/login/link' });
		expect(links.headers).toEqual({ Authorization: 'Bearer k' });
		const revoke = await credential.authenticate(data, { method: 'DELETE', url: 'https://api.proxy.example/ds/login/77' });
		expect(revoke.headers).toEqual({ Authorization: 'Bearer k' });
	});

	test('the transport may ask for the key alone (after a 401, or as the key was accepted before); the marker never leaves', async () => {
		const options = await credential.authenticate(data, {
			url: 'https://proxy.example/v1/teams/1/transfers',
			headers: { 'x-supermetrics-transfers-scheme': 'apiKey', Accept: 'application/json' },
		});
		expect(options.headers).toEqual({ Accept: 'application/json', Authorization: 'k' });
	});

	test('an explicit format wins over the path and the marker; a credential saved with "raw" follows the paths', async () => {
		const url = 'https://proxy.example/v1/teams/1/backfills';
		const marker = { 'x-supermetrics-transfers-scheme': 'bearer' };
		expect((await credential.authenticate({ ...data, authScheme: 'keyOnly' }, { url, headers: marker })).headers).toEqual({ Authorization: 'k' });
		expect((await credential.authenticate({ ...data, authScheme: 'bearer' }, { url: 'https://proxy.example/v1/teams/1/transfers' })).headers).toEqual({ Authorization: 'Bearer k' });
		expect((await credential.authenticate({ ...data, authScheme: 'raw' }, { url })).headers).toEqual({ Authorization: 'Bearer k' });
	});

	test.each([
		'https://elsewhere.example/v1/teams/1/transfers',
		'http://proxy.example/v1/teams/1/transfers',
		'https://proxy.example:8443/v1/teams/1/transfers',
		'https://proxy.example/v2/teams/1/transfers',
		// Each API's paths only below its own URL.
		'https://proxy.example/v1/ds/logins',
		'https://api.proxy.example/teams/1/transfers',
		'https://api.proxy.example/me',
	])('%s does not', async (url) => {
		await expect(credential.authenticate(data, { url })).rejects.toThrow(
			'sends its key only to the DTS API at https://proxy.example/v1 and the Supermetrics API at https://api.proxy.example',
		);
	});

	test('a table group path below the Supermetrics API URL\'s /enterprise/v2 gets Bearer', async () => {
		for (const [method, path] of [
			['GET', '/table/groups'],
			['GET', '/table/group/tg_123/export'],
			['POST', '/table/group/import'],
			['PUT', '/table/group/tg_123'],
		] as const) {
			const signed = await credential.authenticate(data, { method, url: `https://api.proxy.example/enterprise/v2${path}?version=1` });
			expect(signed.headers).toEqual({ Authorization: 'Bearer k' });
		}
	});

	test.each([
		// Only the table groups' own paths below /enterprise/v2, and only there.
		'https://api.proxy.example/enterprise/v2/other',
		'https://api.proxy.example/enterprise/v2/ds/logins',
		'https://api.proxy.example/enterprise/v2/table/groupsX',
		'https://api.proxy.example/enterprise/v1/table/groups',
		'https://api.proxy.example/table/groups',
		'https://api.proxy.example/enterprise/v2/table/group/../../../ds/logins/../../x',
		'https://proxy.example/v1/enterprise/v2/table/groups',
		'https://proxy.example/enterprise/v2/table/groups',
	])('%s does not get the key', async (url) => {
		await expect(credential.authenticate(data, { url })).rejects.toThrow('sends its key only to');
	});

	test('the table groups\' URL is the Supermetrics API URL and /enterprise/v2, under the same checks', () => {
		expect(hostUrls({ baseUrl: '', apiUrl: '' })).toEqual({
			dts: 'https://dts-api.supermetrics.com/v1',
			logins: 'https://api.supermetrics.com',
			tableGroups: 'https://api.supermetrics.com/enterprise/v2',
		});
		expect(hostUrls({ apiUrl: 'http://127.0.0.1:4011/' }).tableGroups).toBe('http://127.0.0.1:4011/enterprise/v2');
		expect(() => hostUrls({ apiUrl: 'http://api.example' })).toThrow("The credential's Supermetrics API URL \"http://api.example\" must use https");
	});

	test('two APIs on one origin are still told apart by their paths', async () => {
		const shared = { ...data, baseUrl: 'http://127.0.0.1:4010/v1', apiUrl: 'http://127.0.0.1:4010/v1' };
		expect((await credential.authenticate(shared, { url: 'http://127.0.0.1:4010/v1/ds/login/links' })).headers).toEqual({ Authorization: 'Bearer k' });
		expect((await credential.authenticate(shared, { url: 'http://127.0.0.1:4010/v1/teams/1/destinations' })).headers).toEqual({ Authorization: 'Bearer k' });
		expect((await credential.authenticate(shared, { url: 'http://127.0.0.1:4010/v1/enterprise/v2/table/groups' })).headers).toEqual({ Authorization: 'Bearer k' });
		await expect(credential.authenticate(shared, { url: 'http://127.0.0.1:4010/v1/enterprise/v2/teams/1/destinations' })).rejects.toThrow('sends its key only to');
	});
});
