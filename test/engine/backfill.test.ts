import { byCode, byId, json, SEEDED, TEAM, useSandbox } from './context';

const ctx = useSandbox();

const backfill = (operation: string, extra: object = {}) => ({ resource: 'backfill', operation, teamId: TEAM, ...extra });
const january = { transferId: byId(SEEDED.transferId), rangeStart: '2024-01-01', rangeEnd: '2024-01-31' };

describe('Backfill: Create', () => {
	test('answered 200 with the new backfill in status CREATED; ids as strings', async () => {
		const [item] = json(await ctx.run(backfill('create', january)));
		expect(item).toMatchObject({
			transfer_backfill_id: '12345',
			transfer_id: '36091',
			range_start_date: '2024-01-01',
			range_end_date: '2024-01-31',
			status: 'CREATED',
			transfer_runs_total: 31,
			created_user_id: '1001',
		});
		expect(ctx.sent()[0]).toMatchObject({
			method: 'POST',
			path: '/teams/12345/transfers/36091/backfills',
			body: { range_start: '2024-01-01', range_end: '2024-01-31' },
		});
	});

	test('the date picker\'s timestamps are sent as days', async () => {
		await ctx.run(backfill('create', { ...january, rangeStart: '2024-01-01T00:00:00.000Z', rangeEnd: '2024-01-02T00:00:00' }));
		expect(ctx.sent()[0].body).toEqual({ range_start: '2024-01-01', range_end: '2024-01-02' });
	});

	test('a range overlapping an active backfill is refused (422); a cancelled one no longer blocks', async () => {
		await ctx.run(backfill('create', january));
		const refused = await ctx.run(backfill('create', { ...january, rangeStart: '2024-01-31', rangeEnd: '2024-02-10' }));
		expect(refused.error?.message).toMatch(/^The range 2024-01-31 to 2024-02-10 overlaps backfill \d+ \(2024-01-01 to 2024-01-31, CREATED\)\. Cancel it or pick another range\. \(UNPROCESSABLE_ENTITY\)$/);
		expect(refused.error?.message).toContain('overlaps backfill 12345');
		await ctx.run(backfill('cancel', { backfillId: '12345' }));
		const accepted = await ctx.run(backfill('create', { ...january, rangeStart: '2024-01-31', rangeEnd: '2024-02-10' }));
		expect(json(accepted)[0].transfer_backfill_id).toBe('12346');
	});

	test('an unknown transfer is a 404', async () => {
		const result = await ctx.run(backfill('create', { ...january, transferId: byId('4242') }));
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toContain('could not be found');
	});

	test('a 500 is not retried', async () => {
		ctx.sandbox.queueFault({ status: 500 });
		await ctx.run(backfill('create', january));
		expect(ctx.sent()).toHaveLength(1);
	});

	test.each([
		[{ rangeStart: '2024-02-30' }, 'Invalid Range Start "2024-02-30" in item 0: must be a real date in the form YYYY-MM-DD'],
		[{ rangeEnd: '31/01/2024' }, 'Invalid Range End "31/01/2024" in item 0: must be a real date'],
		[{ rangeStart: '2024-02-01', rangeEnd: '2024-01-01' }, 'Invalid Range End "2024-01-01" in item 0: must not be before 2024-02-01'],
		[{ transferId: byId('={{ "9223372036854775808" }}') }, 'Invalid Transfer "9223372036854775808" in item 0: must be a whole number from 1 to 9223372036854775807'],
	])('bad input %j sends nothing', async (change, message) => {
		const result = await ctx.run(backfill('create', { ...january, ...change }));
		expect(result.error?.message).toContain(message);
		expect(ctx.sent()).toEqual([]);
	});

	test('a transfer id past int32 is accepted here: the backfill paths type it int64', async () => {
		const result = await ctx.run(backfill('create', { ...january, transferId: byId('={{ "9223372036854775807" }}') }));
		expect(ctx.sent()[0].path).toBe('/teams/12345/transfers/9223372036854775807/backfills');
		expect(result.error?.httpCode).toBe('404');
	});
});

describe('Backfill: Get Latest', () => {
	test('the seeded transfer\'s completed backfill, then the newest one', async () => {
		expect(json(await ctx.run(backfill('getLatest', { transferId: byId(SEEDED.transferId) })))[0]).toMatchObject({
			transfer_backfill_id: '12344',
			status: 'COMPLETED',
		});
		await ctx.run(backfill('create', january));
		const [latest] = json(await ctx.run(backfill('getLatest', { transferId: byId(SEEDED.transferId) })));
		expect(latest).toMatchObject({ transfer_backfill_id: '12345', status: 'CREATED' });
		expect(ctx.last().path).toBe('/teams/12345/transfers/36091/backfills/latest');
	});

	test('a transfer that never had one is a 404', async () => {
		const created = json(
			await ctx.run({
				resource: 'transfer',
				operation: 'create',
				teamId: TEAM,
				dataSourceId: byCode('GAWA'),
				schemaId: '2',
				destinationId: byId('8'),
				displayName: 'New',
				schedule: { entries: [{ runInterval: 'daily', runHour: 1, refreshWindow: 1 }] },
			}),
		);
		const result = await ctx.run(backfill('getLatest', { transferId: byId(String(created[0].transfer_id)) }));
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toContain('No backfill has been created for this transfer yet');
	});

	test('a bad transfer id sends nothing', async () => {
		const result = await ctx.run(backfill('getLatest', { transferId: byId('={{ "abc" }}') }));
		expect(result.error?.message).toContain('Invalid Transfer "abc"');
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Backfill: List Incomplete, Get and Cancel', () => {
	test('List Incomplete: newest first, one item each; the completed seed is not listed', async () => {
		expect(json(await ctx.run(backfill('listIncomplete')))).toEqual([]);
		await ctx.run(backfill('create', january));
		await ctx.run(backfill('create', { ...january, rangeStart: '2024-03-01', rangeEnd: '2024-03-02' }));
		expect(json(await ctx.run(backfill('listIncomplete'))).map((b) => b.transfer_backfill_id)).toEqual(['12346', '12345']);
	});

	test('List Incomplete: a proxy\'s HTML 502 is an error that says so', async () => {
		ctx.sandbox.queueFault({ status: 502, html: true });
		const result = await ctx.run(backfill('listIncomplete'));
		expect(result.error?.message).toBe('The Supermetrics API answered HTTP 502 without its JSON error body');
		expect(result.error?.description).toContain('502 Bad Gateway');
	});

	test('Get: one backfill; unknown is a 404', async () => {
		expect(json(await ctx.run(backfill('get', { backfillId: SEEDED.backfillId })))[0]).toMatchObject({ transfer_backfill_id: '12344', transfer_runs_completed: 31 });
		expect(ctx.sent()[0].path).toBe('/teams/12345/backfills/12344');
		const missing = await ctx.run(backfill('get', { backfillId: '999' }));
		expect(missing.error?.message).toBe('Backfill 999 was not found in team 12345. (NOT_FOUND)');
	});

	test('Cancel: PATCH status CANCELLED; List Incomplete drops it; a second cancel is a 422', async () => {
		await ctx.run(backfill('create', january));
		const [cancelled] = json(await ctx.run(backfill('cancel', { backfillId: '12345' })));
		expect(ctx.last()).toMatchObject({ method: 'PATCH', path: '/teams/12345/backfills/12345', body: { status: 'CANCELLED' } });
		expect(cancelled).toMatchObject({ status: 'CANCELLED', removed_user_id: '1001', end_time: expect.any(String) });
		expect(json(await ctx.run(backfill('listIncomplete')))).toEqual([]);
		const again = await ctx.run(backfill('cancel', { backfillId: '12345' }));
		expect(again.error?.httpCode).toBe('422');
		expect(again.error?.message).toContain('already CANCELLED');
	});

	test('Cancel of an unknown backfill is a 404; with a read-only key a 403', async () => {
		expect((await ctx.run(backfill('cancel', { backfillId: '999' }))).error?.httpCode).toBe('404');
		expect((await ctx.run(backfill('cancel', { backfillId: '12344' }), { apiKey: 'sandbox-readonly-key' })).error?.httpCode).toBe('403');
	});

	test('bad backfill ids send nothing', async () => {
		expect((await ctx.run(backfill('get', { backfillId: '12 345' }))).error?.message).toContain('Invalid Backfill ID "12 345"');
		expect((await ctx.run(backfill('cancel', { backfillId: '={{ 1.5 }}' }))).error?.message).toContain('Invalid Backfill ID 1.5');
		const rounded = await ctx.run(backfill('listIncomplete', { teamId: '={{ 9007199254740993 }}' }));
		expect(rounded.error?.description).toContain('This number is past 2^53');
		expect(ctx.sent()).toEqual([]);
	});
});
