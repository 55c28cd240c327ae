import type { INode } from 'n8n-workflow';

import { dtsError, errorDetails, Masker, parseRetryAfter, RateLimitQuota } from '../../nodes/SupermetricsTransfers/transport';

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-11-26T10:00:00Z');
	test('whole seconds, as the API sends, however many digits', () => {
		expect(parseRetryAfter('3600')).toBe(3600);
		expect(parseRetryAfter(' 1 ')).toBe(1);
		expect(parseRetryAfter('99999999999999')).toBe(99999999999999);
	});
	test('an HTTP date in each of the three forms RFC 9110 makes a recipient accept', () => {
		expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:30 GMT', now)).toBe(30);
		expect(parseRetryAfter('Thursday, 26-Nov-26 10:01:00 GMT', now)).toBe(60);
		expect(parseRetryAfter('Thu Nov 26 10:00:05 2026', now)).toBe(5);
		expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:00 GMT', now)).toBe(0);
	});
	test('anything else is unreadable (the caller waits its default): never a date in 2001', () => {
		for (const value of [undefined, '', 'soon', '-5', '1.5', '1e3', '0x10', '2026-11-26T10:00:30Z', 'Thu, 26 Nov 2026 10:00:30 CET']) {
			expect(parseRetryAfter(value, now)).toBeUndefined();
		}
	});
});

describe('dtsError and errorDetails', () => {
	const node = { name: 'Supermetrics Transfers', type: 'x', typeVersion: 1 } as INode;

	test('message, description with status, code and request id, and the Continue On Fail details', () => {
		const error = dtsError(
			node,
			{ code: 'API_KEY_INVALID', message: 'API_KEY_INVALID: Invalid API key', description: 'Provided API key was invalid.', http_code: 401, request_id: 'R1' },
			4,
			new Masker([]),
		);
		expect(error.message).toBe('API_KEY_INVALID: Invalid API key');
		expect(error.description).toBe('Provided API key was invalid. [HTTP 401, code API_KEY_INVALID, request_id R1]');
		expect(error.httpCode).toBe('401');
		expect(error.context.itemIndex).toBe(4);
		expect(errorDetails(error)).toEqual({
			message: 'API_KEY_INVALID: Invalid API key',
			code: 'API_KEY_INVALID',
			http_code: 401,
			request_id: 'R1',
			description: 'Provided API key was invalid.',
		});
	});

	test('an error without an HTTP answer says so plainly', () => {
		const error = dtsError(node, { code: 'TIMEOUT', message: 'm', description: 'd', http_code: null, request_id: null }, 0, new Masker([]));
		expect(error.description).toBe('d [code TIMEOUT]');
	});

	test('any other error still gives the Continue On Fail shape', () => {
		expect(errorDetails(new Error('boom'))).toEqual({ message: 'boom', code: 'NODE_ERROR', http_code: null, request_id: null, description: '' });
	});
});

describe('RateLimitQuota', () => {
	test('keeps the latest limit and remaining the answers reported', () => {
		const quota = new RateLimitQuota();
		expect([quota.limit, quota.remaining]).toEqual([undefined, undefined]);
		quota.observe({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999' });
		quota.observe({});
		expect([quota.limit, quota.remaining]).toEqual([5000, 4999]);
		quota.observe({ 'x-ratelimit-remaining': ' 12 ' });
		expect([quota.limit, quota.remaining]).toEqual([5000, 12]);
	});
	test('ignores what is not a whole number of requests', () => {
		const quota = new RateLimitQuota();
		for (const value of ['-1', '1.5', '1e3', '0x10', 'many', '', '9999999999']) {
			quota.observe({ 'x-ratelimit-limit': value, 'x-ratelimit-remaining': value });
		}
		expect([quota.limit, quota.remaining]).toEqual([undefined, undefined]);
	});
});
