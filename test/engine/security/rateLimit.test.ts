/** Retry-After never breaks an item, and with Batching one 429 pauses the whole run's sending. */
import { byCode } from '../context';
import { runNode } from '../harness';
import { apiData, apiError, pause } from '../hostile';
import { scriptedApi } from '../scripted';
import { API_CANARY } from '../support';

const api = scriptedApi();

const created = (res: Parameters<typeof apiData>[0]) => apiData(res, 201, { connection_id: '019461A0-0000-7000-8000-000000000001' });
const create = (extra: { items?: object[]; options?: object; continueOnFail?: boolean } = {}) =>
	runNode({
		parameters: { resource: 'dataSourceConnection', operation: 'create', teamId: '={{ $json.team ?? "12345" }}', dataSourceId: byCode('GAWA'), destinationType: byCode('SQL_BQ'), options: extra.options ?? {} },
		items: extra.items,
		continueOnFail: extra.continueOnFail,
		credentials: { apiKey: API_CANARY, baseUrl: api.url },
	});

/** A 429 with this Retry-After first, then a success. */
const limitedOnce = (retryAfter: string) => (_req: unknown, res: Parameters<typeof apiData>[0]) => {
	if (api.received.length === 1) return apiError(res, 429, { code: 'TOO_MANY_REQUESTS', description: 'slow down' }, { 'Retry-After': retryAfter });
	return created(res);
};

test('a Retry-After of 99999999999999 s fails at once with the 429 code, status and request id', async () => {
	api.answer = limitedOnce('99999999999999');
	const { output } = await create({ continueOnFail: true });
	expect(output![0].json).toMatchObject({ code: 'TOO_MANY_REQUESTS', http_code: 429, request_id: 'HOSTILE-REQUEST-1' });
	expect(output![0].json.description).toContain('Retry after 99999999999999 s. That is longer than');
	expect(api.received).toHaveLength(1);
});

test.each(['-5', '1.5', 'soon'])('an unreadable or odd Retry-After %j waits the documented default (1 s), then tries again', async (value) => {
	api.answer = limitedOnce(value);
	const { output } = await create();
	expect(output![0].json.connection_id).toBe('019461A0-0000-7000-8000-000000000001');
	expect(api.received).toHaveLength(2);
	// Not at once, as a date in 2001 would have it: at least the default second later.
	expect(api.received[1].at - api.received[0].at).toBeGreaterThanOrEqual(950);
});

test('an HTTP date in the past means retry now', async () => {
	api.answer = limitedOnce('Sun, 06 Nov 1994 08:49:37 GMT');
	expect((await create()).output![0].json.connection_id).toBeDefined();
	expect(api.received).toHaveLength(2);
});

test('with Batching, one 429 pauses every request of the run for its Retry-After', async () => {
	// Item 0 meets the 429 at once; item 1 is slow and in flight meanwhile. Without a shared pause,
	// item 1's end would send item 2 at once, inside item 0's Retry-After.
	api.answer = async (_req, res, received) => {
		const index = api.received.indexOf(received);
		if (index === 0) return apiError(res, 429, { code: 'TOO_MANY_REQUESTS' }, { 'Retry-After': '1' });
		if (index === 1) await pause(300);
		created(res);
	};
	const { output } = await create({
		items: [{ team: '1' }, { team: '2' }, { team: '3' }, { team: '4' }],
		options: { batching: { batch: { batchSize: 4, batchInterval: 0, concurrency: 2 } } },
	});
	expect(output).toHaveLength(4);
	const limitedAt = api.received[0].at;
	const later = api.received.slice(2);
	expect(later.length).toBe(3);
	for (const request of later) expect(request.at - limitedAt).toBeGreaterThanOrEqual(950);
});
