import { useSandboxClient } from '../sandbox/client';

/** Rules of the sandbox subtle enough to pin down directly, without the node in between. */
describe('sandbox rules', () => {
	const { holder, call } = useSandboxClient();
	const backfill = (range_start: string, range_end: string) =>
		call('POST', '/teams/12345/transfers/36091/backfills', { range_start, range_end });

	test('backfill ranges: sharing a single day overlaps, the next day does not', async () => {
		expect((await backfill('2024-01-01', '2024-01-31')).status).toBe(200);
		expect((await backfill('2023-12-01', '2024-01-01')).status).toBe(422);
		expect((await backfill('2024-02-01', '2024-02-02')).status).toBe(200);
		expect((await backfill('2023-12-01', '2023-12-31')).status).toBe(200);
	});

	test('backfill dates must be real days, the end not before the start', async () => {
		expect((await backfill('2024-02-30', '2024-03-01')).status).toBe(400);
		expect((await backfill('2024-03-02', '2024-03-01')).status).toBe(400);
	});

	test('run ids past 2^53 are written as exact integer literals', async () => {
		await backfill('2024-01-01', '2024-01-01');
		const { text } = await call('GET', '/teams/12345/transfers/36091/runs?start_date=2024-01-01&end_date=2024-01-01&filter_issues_only=false');
		expect(text).toContain('"id":9007199254740993,');
	});

	test('runs page with limit and offset, without overlap or gap', async () => {
		const page = async (offset: number) =>
			(await call<{ data: Array<{ id: number }> }>('GET', `/teams/12345/transfers/36091/runs?start_date=2024-01-01&end_date=2024-01-31&limit=4&offset=${offset}`)).json.data.map((r) => r.id);
		const all = [...(await page(0)), ...(await page(4)), ...(await page(8))];
		expect(all).toEqual([12345, 12344, 12343, 12342, 12341, 12340, 12339, 12338, 12337, 12336]);
		expect((await call('GET', '/teams/12345/transfers/36091/runs?start_date=2024-01-01&end_date=2024-01-31&limit=10001')).status).toBe(400);
		expect((await call('GET', '/teams/12345/transfers/36091/runs?end_date=2024-01-31')).status).toBe(400);
	});

	test('a soft-deleted transfer frees its destination and its name, and is gone from List, Get and runs', async () => {
		expect((await call('DELETE', '/teams/12345/transfers/36091')).status).toBe(204);
		expect((await call('GET', '/teams/12345/transfers')).json.data).toEqual([]);
		expect((await call('GET', '/teams/12345/transfers/36091')).status).toBe(404);
		expect((await call('GET', '/teams/12345/transfers/36091/runs?start_date=2024-01-01&end_date=2024-01-31')).status).toBe(404);
		expect((await call('DELETE', '/teams/12345/destinations/8')).status).toBe(204);
	});

	test('another team sees none of team 12345\'s records', async () => {
		expect((await call('GET', '/teams/999/transfers')).json.data).toEqual([]);
		expect((await call('GET', '/teams/999/destinations/8')).status).toBe(404);
		expect((await call('GET', '/teams/999/transfer_runs/12344')).status).toBe(404);
		expect((await call('GET', '/teams/999/backfills/12344')).status).toBe(404);
	});

	test('the bare answers are bare and the wrapped ones wrapped, as the spec gives each', async () => {
		expect(Object.keys((await call('GET', '/teams/12345/transfers/36091')).json)).not.toContain('meta');
		expect(Object.keys((await call('PUT', '/teams/12345/transfers/36091/state', { transfer_state: 'pause' })).json)).toEqual(['result', 'state']);
		expect(Object.keys((await call('GET', '/teams/12345/transfers')).json)).toEqual(['meta', 'data']);
		expect(Object.keys((await call('GET', '/teams/12345/destinations/8/usage')).json)).toEqual(['meta', 'data']);
	});

	test('write routes need dwh_transfers_write; the read-only key may still read', async () => {
		// Bearer, which every path takes (the backfills take nothing else).
		const readOnly = (method: string, path: string) =>
			fetch(holder.sandbox.url + path, { method, headers: { authorization: 'Bearer sandbox-readonly-key' } }).then((r) => r.status);
		expect(await readOnly('GET', '/teams/12345/transfers')).toBe(200);
		expect(await readOnly('DELETE', '/teams/12345/transfers/36091')).toBe(403);
		expect(await readOnly('PATCH', '/teams/12345/backfills/12344')).toBe(403);
	});
});
