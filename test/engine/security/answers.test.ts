/**
 * Every answer is read in linear time, within a size limit, before a deadline that covers the
 * whole exchange. These tests assert what the server saw (a connection closed early, bytes left
 * unsent) and what the user reads, not how fast this machine happens to be.
 */
import { TEAM } from '../context';
import { watchEventLoop } from '../eventLoop';
import { runNode } from '../harness';
import { apiData, gzipBomb, pause } from '../hostile';
import { scriptedApi } from '../scripted';
import { API_CANARY } from '../support';

const api = scriptedApi();

const list = (options: object = {}, continueOnFail = false) =>
	runNode({ parameters: { resource: 'transfer', operation: 'list', teamId: TEAM, options }, continueOnFail, credentials: { apiKey: API_CANARY, baseUrl: api.url } });

describe('the deadline covers the whole exchange', () => {
	test('a server that trickles its body a byte at a time is cut at Timeout, and told so', async () => {
		// 600 bytes, one every 100 ms: a minute if nothing cut it.
		api.answer = async (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			for (let i = 0; i < 600 && !res.destroyed; i++) {
				res.write(' ');
				await pause(100);
			}
			res.end('{}');
		};
		const result = await list({ timeout: 1000 });
		expect(result.error!.message).toBe('The Supermetrics API did not answer within 1000 ms');
		await api.received[0].settled;
		expect(api.received[0].closedEarly).toBe(true);
		expect(api.received[0].written).toBeLessThan(600);
	});

	test('a server that never sends its headers is cut at Timeout', async () => {
		api.answer = async (_req, res) => {
			for (let i = 0; i < 600 && !res.destroyed; i++) await pause(100);
			res.end();
		};
		const result = await list({ timeout: 500 }, true);
		expect(result.output![0].json).toMatchObject({ code: 'TIMEOUT', http_code: null });
		await api.received[0].settled;
		expect(api.received[0].closedEarly).toBe(true);
	});

	test.each([
		[0, 'must be a whole number from 1 to 600000'],
		['={{ "soon" }}', 'must be a whole number from 1 to 600000'],
		['={{ -1 }}', 'must be a whole number from 1 to 600000'],
		['={{ "0x10" }}', 'must be a whole number from 1 to 600000'],
		[600001, 'must be a whole number from 1 to 600000'],
	])('Timeout %j is refused with the field and value before anything is sent', async (timeout, rule) => {
		const result = await list({ timeout }, true);
		expect(result.output![0].json).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringMatching(new RegExp(`^Invalid Timeout .* in item 0: ${rule}$`)) });
		expect(api.received).toEqual([]);
	});
});

/** Until the answer may be written to again, or the client went away; no listener left behind. */
function drainedOrClosed(res: { once(event: string, listener: () => void): unknown; off(event: string, listener: () => void): unknown }) {
	return new Promise<void>((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.once('drain', done);
		res.once('close', done);
	});
}

describe('answers are read within a size limit', () => {
	test('a gzip bomb (a small download, 50 MB unpacked) stops at 10 MB with a clear error', async () => {
		const bomb = gzipBomb(50 * 1024 * 1024);
		expect(bomb.length).toBeLessThan(200 * 1024);
		api.answer = (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
			res.end(bomb);
		};
		const result = await list({}, true);
		expect(result.output![0].json).toMatchObject({ code: 'RESPONSE_TOO_LARGE', http_code: 200, error: "The Supermetrics API's answer was larger than 10 MB" });
	});

	test('an endless plain answer is cut at the limit: the server could not send it all', async () => {
		api.answer = async (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			const chunk = Buffer.alloc(1024 * 1024, 0x20);
			for (let i = 0; i < 40 && !res.destroyed; i++) {
				if (!res.write(chunk)) await drainedOrClosed(res);
			}
			res.end('{}');
		};
		const result = await list({}, true);
		expect(result.output![0].json).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
		await api.received[0].settled;
		expect(api.received[0].closedEarly).toBe(true);
		expect(api.received[0].written).toBeLessThan(40 * 1024 * 1024);
	});

	test('a declared Content-Length over the limit is refused without reading', async () => {
		api.answer = (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(64 * 1024 * 1024) });
			res.write('{');
		};
		const result = await list({}, true);
		expect(result.output![0].json).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
	});
});

describe('answers parse in linear time', () => {
	test('a cut-off 1 MB body full of escaped quotes fails as not JSON, without blocking n8n', async () => {
		// The old regex took 43 s on 313 KB of this; one pass over 1 MB takes milliseconds.
		const body = `{"meta":{"request_id":"R"},"data":[{"display_name":"${'\\"'.repeat(512 * 1024)}`;
		api.answer = (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(body);
		};
		// Another timer keeps ticking while the node reads: the event loop is never held for long.
		const watch = watchEventLoop(5);
		const result = await list({}, true);
		const { ticks, longestGapMs } = watch.stop();
		expect(result.output![0].json).toMatchObject({ code: 'INVALID_RESPONSE', error: 'The Supermetrics API answered HTTP 200 with a body that is not valid JSON' });
		expect(ticks).toBeGreaterThan(0);
		// Generous: a quadratic reader would hold the loop for minutes, a linear one for milliseconds.
		expect(longestGapMs).toBeLessThan(5000);
	});

	test('a valid answer with one 8 MB string is read whole', async () => {
		const long = 'x'.repeat(8 * 1024 * 1024);
		api.answer = (_req, res) => apiData(res, 200, [{ dwh_transfer_id: 36091, display_name: long }]);
		const result = await list();
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({ dwh_transfer_id: '36091' });
		expect((result.output![0].json.display_name as string).length).toBe(long.length);
	});

	test('int64 ids past 2^53 keep every digit, in strings or not, at any depth', async () => {
		api.answer = (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"meta":{"request_id":"R"},"data":[{"dwh_transfer_id":9223372036854775807,"display_name":"a \\"9007199254740993\\" b","nested":{"run_id":-9007199254740993,"rows":1e400}}]}');
		};
		const result = await list({}, true);
		expect(result.output![0].json).toEqual({
			dwh_transfer_id: '9223372036854775807',
			transfer_id: '9223372036854775807',
			display_name: 'a "9007199254740993" b',
			nested: { run_id: '-9007199254740993', rows: Infinity },
		});
	});

	test('an answer nested deeper than any DTS answer is refused, not walked', async () => {
		api.answer = (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(`{"meta":{},"data":${'['.repeat(100000)}${']'.repeat(100000)}}`);
		};
		const result = await list({}, true);
		expect(result.output![0].json).toMatchObject({ code: 'INVALID_RESPONSE', error: 'The Supermetrics API answered HTTP 200 with a body that is nested deeper than 64 levels' });
	});

	test('an API message of 2 MB becomes a readable error that says it was cut', async () => {
		api.answer = (_req, res) => {
			res.writeHead(400, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ meta: { request_id: 'R' }, error: { code: 'BAD', message: 'm', description: 'y'.repeat(2 * 1024 * 1024) } }));
		};
		const result = await list({}, true);
		const item = result.output![0].json as { error: string; description: string };
		expect(item.error.length).toBeLessThan(400);
		expect(item.error).toMatch(/^y+… \(cut: \d{7} characters in all\)$/);
		expect(item.description.length).toBeLessThan(2000);
	});
});
