import { byId, json, SEEDED, TEAM, useSandbox } from './context';

const ctx = useSandbox();

const runs = (operation: string, extra: object = {}) => ({ resource: 'transferRun', operation, teamId: TEAM, ...extra });
const seededRange = { transferId: byId(SEEDED.transferId), startDate: '2024-01-01', endDate: '2024-01-31' };

describe('Transfer Run: List', () => {
	test('Limit: one request with limit and offset; newest first by default; ids as strings', async () => {
		const items = json(await ctx.run(runs('list', { ...seededRange, limit: 3 })));
		expect(items.map((r) => r.id)).toEqual(['12345', '12344', '12343']);
		expect(ctx.sent()).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/teams/12345/transfers/36091/runs',
				query: { start_date: '2024-01-01T00:00:00Z', end_date: '2024-01-31T23:59:59Z', limit: '3', offset: '0' },
			}),
		]);
	});

	test('filters: issues only, sort field and direction go in the query', async () => {
		const issues = json(await ctx.run(runs('list', { ...seededRange, filters: { filterIssuesOnly: true } })));
		expect(issues).toEqual([expect.objectContaining({ id: '12344', status: 'FAILED', message: 'Connection timeout to data source' })]);
		expect(ctx.sent()[0].query.filter_issues_only).toBe('true');
		const oldest = json(await ctx.run(runs('list', { ...seededRange, limit: 2, filters: { sortField: 'data_date', sortDirection: 'ASC' } })));
		expect(oldest.map((r) => r.data_date)).toEqual(['2024-01-06', '2024-01-07']);
		expect(ctx.last().query).toMatchObject({ sort_field: 'data_date', sort_direction: 'ASC' });
	});

	describe('over a three-year backfill (1095 runs, ids past 2^53)', () => {
		const range = { transferId: byId(SEEDED.transferId), startDate: '2021-01-01', endDate: '2023-12-31' };
		beforeEach(async () => {
			await ctx.run({ resource: 'backfill', operation: 'create', teamId: TEAM, transferId: byId(SEEDED.transferId), rangeStart: '2021-01-01', rangeEnd: '2023-12-31' });
			ctx.sandbox.requests.length = 0;
		});

		test('Return All pages with limit/offset until a short page; every id keeps its digits', async () => {
			const items = json(await ctx.run(runs('list', { ...range, returnAll: true })));
			expect(items).toHaveLength(1095);
			expect(ctx.sent().map((r) => [r.query.limit, r.query.offset])).toEqual([
				['1000', '0'],
				['1000', '1000'],
			]);
			const ids = new Set(items.map((r) => r.id));
			expect(ids.size).toBe(1095);
			expect(ids).toContain('9007199254740993');
			expect(ids).toContain('9007199254742087');
		});

		test('the sandbox writes these ids as integer literals, as the API does, though n8n-workflow gives BigInt a toJSON', async () => {
			const response = await fetch(`${ctx.sandbox.url}/teams/${TEAM}/transfers/${SEEDED.transferId}/runs?start_date=2021-01-01&end_date=2021-01-01`, {
				headers: { authorization: 'Bearer sandbox-demo-key' },
			});
			expect(await response.text()).toContain('"id":9007199254740993,');
		});

		test('a Limit past one page asks for the rest only', async () => {
			expect(json(await ctx.run(runs('list', { ...range, limit: 1500 })))).toHaveLength(1095);
			expect(ctx.sent().map((r) => [r.query.limit, r.query.offset])).toEqual([
				['1000', '0'],
				['500', '1000'],
			]);
		});

		test('a run id past 2^53 from List gets that very run', async () => {
			const [first] = json(await ctx.run(runs('list', { ...range, limit: 1, filters: { sortField: 'data_date', sortDirection: 'ASC' } })));
			expect(first.id).toBe('9007199254740993');
			const [run] = json(await ctx.run(runs('get', { transferRunId: '={{ $json.id }}' }), { items: [first] }));
			expect(ctx.last().path).toBe('/teams/12345/transfer_runs/9007199254740993');
			expect(run).toMatchObject({ id: '9007199254740993', data_date: '2021-01-01', external_id: 'ext-9007199254740993' });
		});
	});

	test('an unknown transfer is a 404', async () => {
		expect((await ctx.run(runs('list', { ...seededRange, transferId: byId('4242') }))).error?.httpCode).toBe('404');
	});

	test('a 429 within the allowed wait is waited out and retried', async () => {
		ctx.sandbox.queueFault({ status: 429, retryAfter: 1 });
		expect(json(await ctx.run(runs('list', { ...seededRange, limit: 1 })))).toHaveLength(1);
		expect(ctx.sent()).toHaveLength(2);
	});

	test.each([
		[{ startDate: '2024-13-01' }, 'Invalid Start Date "2024-13-01" in item 0: must be a real date'],
		[{ endDate: '={{ "" }}' }, 'Invalid End Date "" in item 0: must be a date in the form YYYY-MM-DD'],
		[{ startDate: '2024-02-01', endDate: '2024-01-01' }, 'Invalid End Date "2024-01-01" in item 0: must not be before 2024-02-01'],
		[{ limit: '={{ 0 }}' }, 'Invalid Limit 0 in item 0: must be a whole number from 1'],
		[{ filters: { sortField: '={{ "id" }}' } }, 'Invalid Sort By "id" in item 0: must be one of created_time, ended_time, data_date'],
		[{ transferId: byId('={{ "" }}') }, 'Invalid Transfer "" in item 0: is required'],
	])('bad input %j sends nothing', async (change, message) => {
		const result = await ctx.run(runs('list', { ...seededRange, ...change }));
		expect(result.error?.message).toContain(message);
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Transfer Run: Get', () => {
	test('the run with its query details', async () => {
		const [run] = json(await ctx.run(runs('get', { transferRunId: '12344' })));
		expect(ctx.sent()[0]).toMatchObject({ method: 'GET', path: '/teams/12345/transfer_runs/12344' });
		expect(run).toMatchObject({ id: '12344', status: 'FAILED', failed_query_amount: 1, query_details: [expect.objectContaining({ error_description: 'Connection timeout to data source' }), expect.anything()] });
	});

	test('an unknown run is a 404', async () => {
		const result = await ctx.run(runs('get', { transferRunId: '99' }));
		expect(result.error?.message).toBe('Transfer run 99 was not found in team 12345. (NOT_FOUND)');
	});

	test('an id past int64 sends nothing', async () => {
		const result = await ctx.run(runs('get', { transferRunId: '9223372036854775808' }));
		expect(result.error?.message).toBe('Invalid Transfer Run ID "9223372036854775808" in item 0: must be a whole number from 1 to 9223372036854775807');
		expect(ctx.sent()).toEqual([]);
	});
});
