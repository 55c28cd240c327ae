/**
 * Backfill Create and Get with Wait Until Finished, through n8n's engine against the sandbox. The
 * sandbox's clock stands still, so a backfill finishes exactly when a test moves it on: the test
 * waits (by events, with a generous deadline) for the node's first Backfill Get, then moves time.
 * Only the node's own poll interval (1 s, its minimum) and the timeout cases (a Max Wait of 0.05
 * minutes) take real time.
 */
import { sleep } from 'n8n-workflow';

import { json, SEEDED, TEAM, useSandbox } from './context';
import { runNode } from './harness';
import { API_CANARY, useSandbox as useSandboxWith } from './support';

const ctx = useSandbox();
/** A key allowed 20 requests an hour: its reserve, a fifth, is 4. */
const limited = useSandboxWith({ rateLimit: { limit: 20 } });
const HOUR = 3600 * 1000;
// Picked from the list: n8n checks a typed ID's regex under a 250 ms watchdog that a busy machine
// can trip, and these tests are about waiting, not about that check.
const TRANSFER = { __rl: true, mode: 'list', value: SEEDED.transferId };

const create = (extra: object = {}) => ({
	resource: 'backfill',
	operation: 'create',
	teamId: TEAM,
	transferId: TRANSFER,
	rangeStart: '2025-01-01',
	rangeEnd: '2025-01-03',
	waitUntilFinished: true,
	pollInterval: 1,
	maxWait: 1,
	...extra,
});
const get = (backfillId: string, extra: object = {}) => ({
	resource: 'backfill',
	operation: 'get',
	teamId: TEAM,
	backfillId,
	waitUntilFinished: true,
	pollInterval: 1,
	maxWait: 1,
	...extra,
});

const backfillGets = () => ctx.sent().filter((r) => r.method === 'GET' && /\/backfills\/\d+$/.test(r.path));

/** Resolves once the node has sent `count` Backfill Gets that were answered without a fault. */
async function afterGets(count: number): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (backfillGets().filter((r) => !r.fault).length < count) {
		if (Date.now() > deadline) throw new Error(`the node sent ${backfillGets().length} Backfill Gets, not ${count}`);
		await sleep(20);
	}
}

const requests = () => ctx.sent().map((r) => `${r.method} ${r.path}${r.fault ? ` (${r.fault})` : ''}`);

describe('Wait Until Finished', () => {
	test('Create: waits until COMPLETED and outputs the backfill with succeeded true', async () => {
		const run = ctx.run(create());
		await afterGets(1);
		ctx.sandbox.clock.advance(HOUR);
		const [item] = json(await run);
		expect(item).toMatchObject({ transfer_backfill_id: '12345', status: 'COMPLETED', transfer_runs_completed: 3, succeeded: true });
		expect(requests()).toEqual([
			'POST /teams/12345/transfers/36091/backfills',
			'GET /teams/12345/backfills/12345',
			'GET /teams/12345/backfills/12345',
		]);
	});

	test('a FAILED backfill is an output, not an error: succeeded false, with its error report', async () => {
		const run = ctx.run(create({ rangeStart: '2025-01-12', rangeEnd: '2025-01-14' }));
		await afterGets(1);
		ctx.sandbox.clock.advance(HOUR);
		const [item] = json(await run);
		expect(item).toMatchObject({ status: 'FAILED', succeeded: false, error_report: [{ transfer_run_date: '2025-01-13' }] });
	});

	test('CANCELLED meanwhile (by someone else): succeeded false', async () => {
		const run = ctx.run(create());
		await afterGets(1);
		await fetch(`${ctx.sandbox.url}/teams/12345/backfills/12345`, {
			method: 'PATCH',
			headers: { authorization: 'Bearer sandbox-demo-key', 'content-type': 'application/json' },
			body: JSON.stringify({ status: 'CANCELLED' }),
		});
		const [item] = json(await run);
		expect(item).toMatchObject({ status: 'CANCELLED', succeeded: false });
	});

	test('Get of a backfill already finished: at once, one request', async () => {
		const [item] = json(await ctx.run(get(SEEDED.backfillId)));
		expect(item).toMatchObject({ transfer_backfill_id: '12344', status: 'COMPLETED', succeeded: true });
		expect(requests()).toEqual(['GET /teams/12345/backfills/12344']);
	});

	test('past Max Wait the item fails with WAIT_TIMEOUT, the backfill id and its last status; the backfill goes on', async () => {
		const started = Date.now();
		const result = await ctx.run(create({ maxWait: 0.05 }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
		expect(result.error?.message).toBe('Backfill 12345 did not finish within 0.05 minutes (last status CREATED)');
		expect(result.error?.description).toContain('nothing was cancelled');
		expect(result.error?.description).toContain('Supermetrics Transfers Trigger');
		// ⌈3 s / 1 s⌉ Gets at most, and nothing else: no cancel.
		expect(backfillGets().length).toBeLessThanOrEqual(3);
		expect(ctx.sent().filter((r) => r.method !== 'GET')).toEqual([expect.objectContaining({ method: 'POST' })]);
		expect(ctx.sandbox.state.backfills.get('12345')?.status).toBe('CREATED');
	});

	test('a 429 mid-wait is waited out (its Retry-After) and the Get tried again', async () => {
		ctx.sandbox.queueFault({ status: 429, retryAfter: 1, method: 'GET' });
		const run = ctx.run(get(await createdBackfill()));
		await afterGets(1);
		ctx.sandbox.clock.advance(HOUR);
		const [item] = json(await run);
		expect(item).toMatchObject({ status: 'COMPLETED', succeeded: true });
		expect(requests()).toEqual([
			'GET /teams/12345/backfills/12345 (429)',
			'GET /teams/12345/backfills/12345',
			'GET /teams/12345/backfills/12345',
		]);
	});

	test('Continue On Fail: one item per input, in order: finished, timed out (with id and status), refused input', async () => {
		const id = await createdBackfill();
		const result = await ctx.run(get('={{ $json.id }}', { maxWait: '={{ $json.maxWait }}' }), {
			continueOnFail: true,
			items: [
				{ id: SEEDED.backfillId, maxWait: 1 },
				{ id, maxWait: 0.02 },
				{ id, maxWait: 90 },
			],
		});
		const items = json(result);
		expect(result.output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0]).toMatchObject({ transfer_backfill_id: '12344', succeeded: true });
		expect(items[1]).toEqual({
			error: `Backfill ${id} did not finish within 0.02 minutes (last status CREATED)`,
			code: 'WAIT_TIMEOUT',
			http_code: null,
			request_id: null,
			description: expect.stringContaining('nothing was cancelled'),
			transfer_backfill_id: id,
			status: 'CREATED',
		});
		expect(items[2]).toMatchObject({ code: 'INVALID_INPUT', error: 'Invalid Max Wait 90 in item 2: must be a number from more than 0 to 60' });
		expect(ctx.sent().filter((r) => r.path.endsWith(`/backfills/${id}`)).length).toBeLessThanOrEqual(1 + 2);
	});

	test.each([
		[{ pollInterval: 0 }, 'Invalid Poll Interval 0 in item 0: must be a number from 1 to 3600'],
		[{ pollInterval: '={{ "1e3" }}' }, 'Invalid Poll Interval "1e3" in item 0'],
		[{ maxWait: 0 }, 'Invalid Max Wait 0 in item 0: must be a number from more than 0 to 60'],
		[{ maxWait: 61 }, 'Invalid Max Wait 61 in item 0'],
		[{ maxWait: '={{ "soon" }}' }, 'Invalid Max Wait "soon" in item 0'],
		[{ waitUntilFinished: '={{ "yes" }}' }, 'Invalid Wait Until Finished "yes" in item 0: must be true or false'],
	])('bad wait settings %j: the create is not sent', async (change, message) => {
		const result = await ctx.run(create(change));
		expect(result.error?.message).toContain(message);
		expect(ctx.sent()).toEqual([]);
	});

	test('off (the default): Create answers at once, without succeeded, and nothing is polled', async () => {
		const [item] = json(await ctx.run(create({ waitUntilFinished: false })));
		expect(item.status).toBe('CREATED');
		expect(item).not.toHaveProperty('succeeded');
		expect(requests()).toEqual(['POST /teams/12345/transfers/36091/backfills']);
	});
});

describe('Wait Until Finished at the key\'s reserve', () => {
	/** Spends `count` of the key's requests as the user's other workflows would. */
	async function spend(count: number): Promise<void> {
		for (let i = 0; i < count; i++) {
			const response = await fetch(`${limited.sandbox.url}/teams/${TEAM}/transfers`, { headers: { authorization: API_CANARY } });
			expect(response.headers.get('x-ratelimit-remaining')).toBe(String(20 - i - 1));
		}
		limited.sandbox.requests.length = 0;
	}
	const run = (extra: object) =>
		runNode({ parameters: create({ maxWait: 0.05, ...extra }), credentials: { apiKey: API_CANARY, baseUrl: limited.sandbox.url } });
	const gets = () => limited.sandbox.requests.filter((r) => r.method === 'GET' && /\/backfills\/\d+$/.test(r.path));

	test('it asks less often (once, at Max Wait, instead of every second) and then fails saying why', async () => {
		await spend(15);
		// The create leaves 4, the reserve: from then on one Get per 5 minutes, cut to Max Wait.
		const result = await run({});
		expect(result.error?.message).toBe('Backfill 12345 did not finish within 0.05 minutes (last status CREATED)');
		expect(result.error?.description).toContain("The key's hourly request limit was down to the reserve kept for other workflows (3 of 20 left, 4 kept), so it asked every 5 minutes at most.");
		expect(gets()).toHaveLength(1);
		expect(limited.sandbox.windows.get(API_CANARY)?.count).toBe(17);
	});

	test('a backfill that finishes meanwhile is output by that last Get', async () => {
		await spend(15);
		const running = run({});
		const deadline = Date.now() + 30_000;
		while (!limited.sandbox.requests.some((r) => r.method === 'POST')) {
			if (Date.now() > deadline) throw new Error('the create was not sent');
			await sleep(20);
		}
		limited.sandbox.clock.advance(HOUR);
		const [item] = json(await running);
		expect(item).toMatchObject({ transfer_backfill_id: '12345', status: 'COMPLETED', succeeded: true });
		expect(gets()).toHaveLength(1);
	});

	test('above the reserve it asks at its own interval', async () => {
		await spend(5);
		const result = await run({ maxWait: 0.03 });
		expect(result.error?.description).not.toContain('reserve');
		expect(gets().length).toBeGreaterThan(1);
	});
});

/** A backfill created without waiting; the requests list is cleared after. */
async function createdBackfill(): Promise<string> {
	const [item] = json(await ctx.run(create({ waitUntilFinished: false })));
	ctx.sandbox.requests.length = 0;
	return String(item.transfer_backfill_id);
}
