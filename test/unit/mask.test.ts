import { Masker } from '../../nodes/SupermetricsTransfers/transport';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';

describe('Masker.text: free text (errors, pages a proxy sent)', () => {
	const masker = new Masker(['sk_live_abcdef123456', PEM, 'p@ss/w"rd']);

	test.each([
		['as sent', (s: string) => `key ${s} end`],
		['JSON-escaped', (s: string) => `key ${JSON.stringify(s).slice(1, -1)} end`],
		['JSON-escaped with \\/', (s: string) => `key ${JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/')} end`],
		['URL-encoded', (s: string) => `key ${encodeURIComponent(s)} end`],
		['base64', (s: string) => `key ${Buffer.from(s).toString('base64')} end`],
		['HTML-escaped', (s: string) => `key ${s.replace(/&/g, '&amp;').replace(/"/g, '&quot;')} end`],
		['white space collapsed', (s: string) => `key ${s.replace(/\s+/g, ' ')} end`],
	])('%s', (_name, encode) => {
		for (const secret of ['sk_live_abcdef123456', PEM, 'p@ss/w"rd']) {
			expect(masker.text(encode(secret))).toBe('key *** end');
		}
	});

	test('a text cut in the middle of a secret loses the part that is left, at either end', () => {
		expect(masker.text('error: sk_live_abc')).toBe('error: ***');
		expect(masker.text('def123456 was the key')).toBe('*** was the key');
		expect(masker.text('error: sk_li')).toBe('error: sk_li');
	});

	test('a short secret is hidden only as a whole word', () => {
		const short = new Masker(['12']);
		expect(short.text('password 12 refused')).toBe('password *** refused');
		expect(short.text('destination 123 and x12')).toBe('destination 123 and x12');
	});
});

describe('Masker.value: strings inside an answer', () => {
	test('a long secret anywhere in a value or key', () => {
		const masker = new Masker(['sk_live_abcdef123456']);
		expect(masker.value('a sk_live_abcdef123456 b')).toBe('a *** b');
	});

	test('a short secret only where it is the whole value, and never in an id', () => {
		const masker = new Masker(['12', 'a']);
		expect(masker.value('12', 'id')).toBe('12');
		expect(masker.value('12', 'destination_id')).toBe('12');
		expect(masker.value('12', 'value')).toBe('***');
		expect(masker.value('Snowflake warehouse', 'display_name')).toBe('Snowflake warehouse');
		expect(masker.value('a', 'value')).toBe('***');
	});

	test('with() adds an item\'s secrets to the run\'s key', () => {
		const item = new Masker(['sk_live_abcdef123456']).with(['warehouse-pass']);
		expect(item.text('sk_live_abcdef123456 warehouse-pass')).toBe('*** ***');
	});
});
