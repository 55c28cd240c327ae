import { runCreate, useSandbox } from './support';

const ctx = useSandbox({ latencyMs: 50 });
const BY_ITEM = { teamId: '={{ $json.team }}', dataSourceId: 'GAWA', destinationType: 'SQL_BQ' };
const teams = (n: number) => Array.from({ length: n }, (_, i) => ({ team: String(1000 + i) }));
const batching = (batch: object) => ({ batching: { batch } });

test('without Batching, items go one at a time', async () => {
	const { output } = await runCreate(ctx.sandbox, BY_ITEM, { items: teams(5) });
	expect(output).toHaveLength(5);
	expect(ctx.sandbox.maxInFlight).toBe(1);
});

test('concurrency is capped, and output keeps input order and pairing when answers come back out of order', async () => {
	// The first item answers last.
	ctx.sandbox.queueFault({ path: '/teams/1000/', delayMs: 300 });
	const { output } = await runCreate(ctx.sandbox, BY_ITEM, {
		items: teams(20),
		options: batching({ batchSize: 20, batchInterval: 0, concurrency: 5 }),
	});
	expect(ctx.sandbox.maxInFlight).toBe(5);
	expect(output!.map((item) => item.json.team_id)).toEqual(teams(20).map((t) => t.team));
	expect(output!.map((item) => item.pairedItem)).toEqual(teams(20).map((_, i) => ({ item: i })));
	// Answers really did arrive out of order: item 0's request was the first to arrive.
	expect(ctx.sandbox.requests[0].path).toBe('/teams/1000/data-source-connections');
});

test('a batch is sent whole (concurrency 0), then the node pauses for the batch interval', async () => {
	const { output } = await runCreate(ctx.sandbox, BY_ITEM, {
		items: teams(6),
		options: batching({ batchSize: 3, batchInterval: 400, concurrency: 0 }),
	});
	expect(output).toHaveLength(6);
	expect(ctx.sandbox.maxInFlight).toBe(3);
	const at = ctx.sandbox.requests.map((r: { at: number }) => r.at);
	expect(at[3] - at[2]).toBeGreaterThanOrEqual(400);
	expect(at[2] - at[0]).toBeLessThan(100);
});

test('with Continue On Fail, failures inside concurrent batches stay one item each, in place', async () => {
	// Item 7's key is refused as the path declares it and, tried once more, as Bearer too.
	ctx.sandbox.queueFault({ path: '/teams/1003/', status: 500 }, { path: '/teams/1007/', status: 401 }, { path: '/teams/1007/', status: 401 });
	const { output } = await runCreate(ctx.sandbox, BY_ITEM, {
		items: teams(10),
		continueOnFail: true,
		options: batching({ batchSize: 4, batchInterval: 0, concurrency: 4 }),
	});
	expect(output).toHaveLength(10);
	expect(output!.map((item) => item.json.code ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'INTERNAL_SERVER_ERROR', 'ok', 'ok', 'ok', 'API_KEY_INVALID', 'ok', 'ok']);
	expect(ctx.sandbox.requests).toHaveLength(11);
});

test('without Continue On Fail, a failure starts no further item and fails the run with its error', async () => {
	ctx.sandbox.queueFault({ path: '/teams/1001/', status: 500 });
	const { output, error } = await runCreate(ctx.sandbox, BY_ITEM, {
		items: teams(10),
		options: batching({ batchSize: 10, batchInterval: 0, concurrency: 2 }),
	});
	expect(output).toBeUndefined();
	expect(error!.message).toBe('An unexpected error occurred. Please try again later or contact support. (INTERNAL_SERVER_ERROR)');
	// Items 0 and 1 were in flight together, and at most one more had started.
	expect(ctx.sandbox.requests.length).toBeLessThanOrEqual(3);
});
