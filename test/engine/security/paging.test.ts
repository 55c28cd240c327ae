/** Paging ends whatever the server does, and Limit never yields more than asked. */
import { byId, TEAM } from '../context';
import { runNode } from '../harness';
import { apiData } from '../hostile';
import { scriptedApi } from '../scripted';
import { API_CANARY } from '../support';

const api = scriptedApi();

const run = (id: number) => ({ id, status: 'COMPLETED', type: 'Recurring', message: '', data_date: '2024-01-01' });
const page = (from: number, size: number) => Array.from({ length: size }, (_, i) => run(from + i));
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

const listRuns = (extra: object) =>
	runNode({
		parameters: { resource: 'transferRun', operation: 'list', teamId: TEAM, transferId: byId('36091'), startDate: '2024-01-01', endDate: '2024-01-31', ...extra },
		credentials: { apiKey: API_CANARY, baseUrl: api.url },
		continueOnFail: true,
	});

test('Return All stops when a server sends the same full page again', async () => {
	api.answer = (_req, res) => apiData(res, 200, page(1, 1000));
	const { output } = await listRuns({ returnAll: true });
	expect(output).toHaveLength(1000);
	expect(api.received).toHaveLength(2);
});

test('Return All drops a run seen on an earlier page (runs shifting while new ones are created)', async () => {
	api.answer = (req, res) => {
		const offset = Number(query(req.url!).offset);
		apiData(res, 200, offset === 0 ? page(1, 1000) : page(1000, 10));
	};
	const { output } = await listRuns({ returnAll: true });
	expect(output!.map((item) => item.json.id)).toEqual(page(1, 1009).map((r) => String(r.id)));
});

test('Return All fails at its stated cap on a server that always has another full page', async () => {
	api.answer = (req, res) => apiData(res, 200, page(Number(query(req.url!).offset) + 1, Number(query(req.url!).limit)));
	const { output } = await listRuns({ returnAll: true });
	expect(output).toHaveLength(1);
	expect(output![0].json).toMatchObject({
		code: 'TOO_MANY_RUNS',
		error: 'More than 100000 runs from 2024-01-01 to 2024-01-31, the most Return All hands on',
	});
	// 100 full pages and one more to see the cap was passed: a known, bounded number of requests.
	expect(api.received).toHaveLength(101);
});

test('Limit 5 yields 5 items when a server ignores limit and sends 1000', async () => {
	api.answer = (_req, res) => apiData(res, 200, page(1, 1000));
	const { output } = await listRuns({ returnAll: false, limit: 5 });
	expect(output!.map((item) => item.json.id)).toEqual(['1', '2', '3', '4', '5']);
	expect(query(api.received[0].url)).toMatchObject({ limit: '5', offset: '0' });
	expect(api.received).toHaveLength(1);
});

test.each([[0], ['={{ "1e1" }}'], ['={{ "0b11" }}'], [100001]])('Limit %j is refused before anything is sent', async (limit) => {
	const { output } = await listRuns({ returnAll: false, limit });
	expect(output![0].json).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringContaining('Invalid Limit') });
	expect(api.received).toEqual([]);
});
