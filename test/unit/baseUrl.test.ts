import { SupermetricsTransfersApi } from '../../credentials/SupermetricsTransfersApi.credentials';
import { normalizeBaseUrl, showUrl } from '../../nodes/SupermetricsTransfers/transport/baseUrl';

describe('normalizeBaseUrl: one reading for runs, list searches and the credential test', () => {
	test.each([
		['', 'https://dts-api.supermetrics.com/v1'],
		['  https://dts-api.supermetrics.com/v1/  ', 'https://dts-api.supermetrics.com/v1'],
		['https://Proxy.Example:443/dts//', 'https://proxy.example/dts'],
		['http://localhost:4010/v1', 'http://localhost:4010/v1'],
		['http://127.0.0.1:4010/v1', 'http://127.0.0.1:4010/v1'],
		['http://[::1]:4010/v1', 'http://[::1]:4010/v1'],
	])('%j reads as %s', (raw, expected) => {
		expect(normalizeBaseUrl(raw)).toBe(expected);
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
		expect(() => normalizeBaseUrl(raw)).toThrow(why);
	});

	test('a refusal never repeats user info', () => {
		expect(() => normalizeBaseUrl('https://user:secret@proxy.example/v1')).toThrow('"https://***@proxy.example/v1"');
		expect(showUrl('https://a:b@c/d')).toBe('https://***@c/d');
	});
});

describe('the credential puts its key on requests to the Base URL only', () => {
	const credential = new SupermetricsTransfersApi();
	const data = { apiKey: 'k', authScheme: 'raw', baseUrl: 'https://proxy.example/v1' };

	test('the Base URL\'s origin gets the header', async () => {
		const options = await credential.authenticate(data, { url: 'https://proxy.example/v1/teams/1/transfers' });
		expect(options.headers).toEqual({ Authorization: 'k' });
	});

	test.each(['https://elsewhere.example/v1/x', 'http://proxy.example/v1/x', 'https://proxy.example:8443/v1/x'])('%s does not', async (url) => {
		await expect(credential.authenticate(data, { url })).rejects.toThrow('sends its key only to https://proxy.example');
	});
});
