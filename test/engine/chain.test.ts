import { byCode, byId, byName, json, TEAM, useSandbox } from './context';

const ctx = useSandbox();

/** A BigQuery destination with its own service account, but for the account's private key. */
const BIGQUERY = { project_id: 'acme-analytics', dataset_location: 'EU', client_email: 'loader@acme-analytics.iam.gserviceaccount.com' };

/**
 * The setup chain as a workflow runs it: each step's output items are the next step's input, and
 * its ids reach the next request only through expressions on them.
 */
test('create connection → create destination → create transfer → backfill → list runs', async () => {
	const [connection] = json(
		await ctx.run({ resource: 'dataSourceConnection', operation: 'create', teamId: TEAM, dataSourceId: byCode('GAWA'), destinationType: byCode('SQL_BQ') }),
	);
	expect(connection).toMatchObject({ data_source_id: 'GAWA', destination_type: 'SQL_BQ', team_id: TEAM });

	const [destination] = json(
		await ctx.run(
			{
				resource: 'destination',
				operation: 'create',
				teamId: '={{ $json.team_id }}',
				destinationType: byCode('={{ $json.destination_type }}'),
				displayName: '={{ "BigQuery for " + $json.data_source_id }}',
				// Team ID is an expression, so the form cannot load: the auth method and the settings
				// are given by name.
				authMethod: '={{ "AUTH_METHOD_SERVICE_ACCOUNT_KEY" }}',
				settings: byName(BIGQUERY),
			},
			// The private key comes from a Destination Secrets credential, the default source.
			{ items: [connection], secrets: { privateKey: 'service-account-secret' } },
		),
	);
	expect(destination).toMatchObject({ id: '9', display_name: 'BigQuery for GAWA', destination_type: { type: 'SQL_BQ' } });
	expect(JSON.stringify(destination)).not.toContain('service-account-secret');
	const sentDestination = ctx.sent().find((r) => r.method === 'POST' && r.path === '/teams/12345/destinations');
	expect((sentDestination?.body as { fields?: object } | undefined)?.fields).toEqual({ ...BIGQUERY, private_key: 'service-account-secret' });

	// A Merge node's output: the connection and the destination side by side.
	const [created] = json(
		await ctx.run(
			{
				resource: 'transfer',
				operation: 'create',
				teamId: '={{ $json.connection.team_id }}',
				dataSourceId: byCode('={{ $json.connection.data_source_id }}'),
				schemaId: '2',
				destinationId: byId('={{ $json.destination.id }}'),
				displayName: 'GA4 to BigQuery',
				schedule: { entries: [{ runInterval: 'daily', runHour: 5, refreshWindow: 3 }] },
			},
			{ items: [{ connection, destination }] },
		),
	);
	expect(created).toEqual({ transfer_id: '36092', transfer_name: 'GA4 to BigQuery' });
	expect(ctx.last().body).toMatchObject({ data_source_id: 'GAWA', destination_id: 9 });

	const [backfill] = json(
		await ctx.run(
			{ resource: 'backfill', operation: 'create', teamId: TEAM, transferId: byId('={{ $json.transfer_id }}'), rangeStart: '2024-03-01', rangeEnd: '2024-03-07' },
			{ items: [created] },
		),
	);
	expect(backfill).toMatchObject({ transfer_id: '36092', status: 'CREATED', transfer_runs_total: 7 });

	const result = await ctx.run(
		{
			resource: 'transferRun',
			operation: 'list',
			teamId: TEAM,
			transferId: byId('={{ $json.transfer_id }}'),
			startDate: '={{ $json.range_start_date }}',
			endDate: '={{ $json.range_end_date }}',
			returnAll: true,
			filters: { sortField: 'data_date', sortDirection: 'ASC' },
		},
		{ items: [backfill] },
	);
	expect(ctx.last()).toMatchObject({ path: '/teams/12345/transfers/36092/runs', query: expect.objectContaining({ start_date: '2024-03-01T00:00:00Z', end_date: '2024-03-07T23:59:59Z' }) });
	const listed = json(result);
	expect(listed.map((r) => r.data_date)).toEqual(['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07']);
	expect(listed.every((r) => r.type === 'Backfill')).toBe(true);
	expect(result.output?.map((item) => item.pairedItem)).toEqual(listed.map(() => ({ item: 0 })));
});

test('several input items: each gets its own answers, paired to it; a failing one under Continue On Fail too', async () => {
	const result = await ctx.run(
		{ resource: 'backfill', operation: 'getLatest', teamId: TEAM, transferId: byId('={{ $json.transfer_id }}') },
		{ items: [{ transfer_id: '36091' }, { transfer_id: '4242' }, { transfer_id: 'x' }], continueOnFail: true },
	);
	expect(result.output?.map((item) => [item.pairedItem, item.json.transfer_backfill_id ?? item.json.code])).toEqual([
		[{ item: 0 }, '12344'],
		[{ item: 1 }, 'NOT_FOUND'],
		[{ item: 2 }, 'INVALID_INPUT'],
	]);
	expect(ctx.sent()).toHaveLength(2);
});
