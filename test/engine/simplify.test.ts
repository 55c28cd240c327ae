/**
 * Simplify on the operations whose items have more than ten fields: on, each item keeps the stated
 * handful; off (the default, and what a workflow saved before it existed has), the output is the
 * same bytes as without the parameter, every field of the API's answer still there.
 */
import { SIMPLE_FIELDS } from '../../nodes/SupermetricsTransfers/simplify';
import { byId, json, SEEDED, TEAM, useSandbox } from './context';
import { runNode } from './harness';
import { scriptedApi } from './scripted';
import { API_CANARY } from './support';

const ctx = useSandbox();
const api = scriptedApi();

const TRANSFER = byId(SEEDED.transferId);
/** The spec's Backfill schema: every answer about a backfill has these 16. */
const BACKFILL_FIELDS = [
	'transfer_backfill_id', 'transfer_id', 'range_start_date', 'range_end_date', 'created_time', 'created_user_id', 'removed_time', 'removed_user_id',
	'start_time', 'end_time', 'status', 'transfer_runs_total', 'transfer_runs_created', 'transfer_runs_completed', 'transfer_runs_failed', 'error_report',
];

const op = (resource: string, operation: string, extra: object = {}) => ({ resource, operation, teamId: TEAM, ...extra });

/** Each operation with Simplify, what it is run with, and which fields its simplified item has. */
const CASES: Array<{ name: string; parameters: Record<string, unknown>; setup?: () => Promise<unknown>; simple: string[] }> = [
	{
		name: 'Transfer: List',
		parameters: op('transfer', 'list'),
		simple: ['transfer_id', 'display_name', 'status', 'state', 'schedule', 'run_date', 'data_source', 'destination'],
	},
	{ name: 'Transfer: Get', parameters: op('transfer', 'get', { transferId: TRANSFER }), simple: ['transfer_id', 'display_name', 'schedule', 'data_source', 'destination_id'] },
	{
		name: 'Transfer Run: Get',
		parameters: op('transferRun', 'get', { transferRunId: '12345' }),
		simple: ['id', 'status', 'data_date', 'started_time', 'ended_time', 'total_duration', 'total_rows', 'query_amount', 'failed_query_amount', 'message'],
	},
	{ name: 'Backfill: Get', parameters: op('backfill', 'get', { backfillId: SEEDED.backfillId }), simple: [...SIMPLE_FIELDS.backfill] },
	{ name: 'Backfill: Get Latest', parameters: op('backfill', 'getLatest', { transferId: TRANSFER }), simple: [...SIMPLE_FIELDS.backfill] },
	{
		name: 'Backfill: Create',
		parameters: op('backfill', 'create', { transferId: TRANSFER, rangeStart: '2024-01-01', rangeEnd: '2024-01-31' }),
		simple: [...SIMPLE_FIELDS.backfill],
	},
	{
		name: 'Backfill: List Incomplete',
		parameters: op('backfill', 'listIncomplete'),
		setup: () => ctx.run(op('backfill', 'create', { transferId: TRANSFER, rangeStart: '2024-01-01', rangeEnd: '2024-01-31' })),
		simple: [...SIMPLE_FIELDS.backfill],
	},
	{
		name: 'Backfill: Cancel',
		parameters: op('backfill', 'cancel', { backfillId: '12345' }),
		setup: () => ctx.run(op('backfill', 'create', { transferId: TRANSFER, rangeStart: '2024-01-01', rangeEnd: '2024-01-31' })),
		simple: [...SIMPLE_FIELDS.backfill],
	},
];

describe.each(CASES)('$name', ({ parameters, setup, simple }) => {
	/** Runs it on a fresh sandbox (the create would be refused as an overlap the second time). */
	async function output(change: object) {
		ctx.sandbox.reset();
		await setup?.();
		ctx.sandbox.requests.length = 0;
		const result = await ctx.run({ ...parameters, ...change });
		expect(result.error).toBeUndefined();
		expect(ctx.sent()).toHaveLength(1);
		return json(result);
	}

	test('Simplify on: each item has the stated fields, in that order, and the same values as the raw item', async () => {
		const raw = await output({});
		const simplified = await output({ simplify: true });
		expect(simplified.length).toBeGreaterThan(0);
		expect(simplified).toHaveLength(raw.length);
		simplified.forEach((item, i) => {
			expect(Object.keys(item)).toEqual(simple);
			expect(item).toEqual(Object.fromEntries(simple.map((key) => [key, raw[i][key]])));
		});
		expect(Object.keys(raw[0]).length).toBeGreaterThan(10);
	});

	test('Simplify off is the output without the parameter, byte for byte', async () => {
		const absent = await output({});
		const off = await output({ simplify: false });
		expect(JSON.stringify(off)).toBe(JSON.stringify(absent));
		if (parameters.resource === 'backfill') expect(Object.keys(off[0]).sort()).toEqual([...BACKFILL_FIELDS].sort());
	});
});

describe('Simplify with what the node adds', () => {
	test('Wait Until Finished: succeeded is kept', async () => {
		const [item] = json(await ctx.run(op('backfill', 'get', { backfillId: SEEDED.backfillId, waitUntilFinished: true, pollInterval: 1, maxWait: 1, simplify: true })));
		expect(item).toMatchObject({ transfer_backfill_id: SEEDED.backfillId, status: 'COMPLETED', succeeded: true });
		expect(Object.keys(item)).toEqual([...SIMPLE_FIELDS.backfill, 'succeeded']);
	});

	test('a 2xx to a create that lacks the backfill keeps its notice: the item never says nothing happened', async () => {
		api.answer = (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"meta":{"request_id":"r-1"},"data":{"status":"CREATED"}}');
		};
		const result = await runNode({
			parameters: op('backfill', 'create', { transferId: TRANSFER, rangeStart: '2024-01-01', rangeEnd: '2024-01-31', simplify: true }),
			credentials: { apiKey: API_CANARY, baseUrl: api.url },
		});
		const [item] = json(result);
		expect(item).toMatchObject({ status: 'CREATED', missing_fields: ['transfer_backfill_id'] });
		expect(String(item.notice)).toMatch(/^The API answered HTTP 200 to POST \/teams\/12345\/transfers\/36091\/backfills, so the backfill was scheduled, but its answer has no data\.transfer_backfill_id\./);
	});

	test('a Simplify that is not true or false sends nothing', async () => {
		const result = await ctx.run(op('transfer', 'list', { simplify: '={{ "yes" }}' }));
		expect(result.error?.message).toBe('Invalid Simplify "yes" in item 0: must be true or false');
		expect(ctx.sent()).toEqual([]);
	});

	test('Continue On Fail: a failed item is the error item, not simplified away', async () => {
		const result = await ctx.run(op('backfill', 'get', { backfillId: '={{ $json.id }}', simplify: true }), { items: [{ id: SEEDED.backfillId }, { id: '999' }], continueOnFail: true });
		const items = json(result);
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({ transfer_backfill_id: SEEDED.backfillId });
		expect(items[1]).toMatchObject({ http_code: 404 });
		expect(String(items[1].error)).toContain('999');
	});
});
