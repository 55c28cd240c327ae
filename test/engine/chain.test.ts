import { sleep } from 'n8n-workflow';

import { byCode, byId, byName, json, TEAM, useSandbox } from './context';
import { loadOptionsContext, SupermetricsTransfers } from './harness';

const ctx = useSandbox();

/** A BigQuery destination with its own service account, but for the account's private key. */
const BIGQUERY = { project_id: 'acme-analytics', dataset_location: 'EU', client_email: 'loader@acme-analytics.iam.gserviceaccount.com' };

/**
 * Destination Create after Data Source Connection Create, its team and type from the connection's
 * item. Team ID is an expression, so the form cannot load: the auth method and the settings are
 * given by name; the private key comes from a Destination Secrets credential, the default source.
 */
const destinationAfterConnection = (displayName: string) => ({
	resource: 'destination',
	operation: 'create',
	teamId: '={{ $json.team_id }}',
	destinationType: byCode('={{ $json.destination_type }}'),
	displayName,
	authMethod: '={{ "AUTH_METHOD_SERVICE_ACCOUNT_KEY" }}',
	settings: byName(BIGQUERY),
});
const SECRETS = { privateKey: 'service-account-secret' };

/**
 * Transfer Create as a workflow sends it after a Merge node's output (the connection and the
 * destination side by side): its ids only through expressions on that item.
 */
const transferFromMerge = (displayName: string, extra: object = {}) => ({
	resource: 'transfer',
	operation: 'create',
	teamId: '={{ $json.connection.team_id }}',
	dataSourceId: byCode('={{ $json.connection.data_source_id }}'),
	schemaId: '2',
	destinationId: byId('={{ $json.destination.id }}'),
	displayName,
	schedule: { entries: [{ runInterval: 'daily', runHour: 5, refreshWindow: 3 }] },
	...extra,
});

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
		await ctx.run(destinationAfterConnection('={{ "BigQuery for " + $json.data_source_id }}'), { items: [connection], secrets: SECRETS }),
	);
	expect(destination).toMatchObject({ id: '9', display_name: 'BigQuery for GAWA', destination_type: { type: 'SQL_BQ' } });
	expect(JSON.stringify(destination)).not.toContain('service-account-secret');
	const sentDestination = ctx.sent().find((r) => r.method === 'POST' && r.path === '/teams/12345/destinations');
	expect((sentDestination?.body as { fields?: object } | undefined)?.fields).toEqual({ ...BIGQUERY, private_key: 'service-account-secret' });

	// A Merge node's output: the connection and the destination side by side.
	const [created] = json(await ctx.run(transferFromMerge('GA4 to BigQuery'), { items: [{ connection, destination }] }));
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

/** Resolves once `count` requests matching `match` reached the sandbox (answered without a fault). */
async function afterRequests(match: (r: { method: string; path: string; fault?: string }) => boolean, count = 1): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (ctx.sent().filter((r) => match(r) && !r.fault).length < count) {
		if (Date.now() > deadline) throw new Error('the node did not send the request waited for');
		await sleep(20);
	}
}

/**
 * Onboarding a client: a login link they open, the login that comes of it, and a transfer that
 * reads its accounts, each step's ids reaching the next only through expressions on its items.
 */
test('onboarding: login link (wait until used) → connection → destination → transfer with the new login\'s accounts → backfill finished', async () => {
	const linkRun = ctx.run({
		resource: 'loginLink',
		operation: 'create',
		teamId: TEAM,
		dsId: byCode('GAWA'),
		additionalFields: { description: 'Acme onboarding', redirectUrl: 'https://example.com/connected' },
		waitUntilUsed: true,
		pollInterval: 1,
		maxWait: 1,
	});
	// The client opens the link and logs in while the node waits.
	await afterRequests((r) => r.method === 'GET' && r.path === '/ds/login/link/lnk_1001');
	const login = ctx.sandbox.completeLogin('lnk_1001', { username: 'marketing@acme.test' });
	const accounts = ctx.sandbox.state.logins.get(login.login_id)!.accounts;
	expect(accounts.length).toBeGreaterThan(1);
	const [link] = json(await linkRun);
	expect(link).toMatchObject({ link_id: 'lnk_1001', login_id: login.login_id, login_username: 'marketing@acme.test', succeeded: true, team_id: TEAM, ds_id: 'GAWA' });

	const [connection] = json(
		await ctx.run(
			{ resource: 'dataSourceConnection', operation: 'create', teamId: '={{ $json.team_id }}', dataSourceId: byCode('={{ $json.ds_id }}'), destinationType: byCode('SQL_BQ') },
			{ items: [link] },
		),
	);
	expect(connection).toMatchObject({ data_source_id: 'GAWA', team_id: TEAM });

	const [destination] = json(await ctx.run(destinationAfterConnection('Acme BigQuery'), { items: [connection], secrets: SECRETS }));

	// The new login's accounts are offered for GAWA, by Get Available Options and the Accounts picker.
	const [options] = json(
		await ctx.run({ resource: 'transfer', operation: 'getAvailableOptions', teamId: TEAM, dataSourceId: byCode('GAWA'), destinationId: byId(String(destination.id)) }),
	);
	const offered = (options.accounts as Array<{ account_id: string; login_id: number }>).filter((a) => String(a.login_id) === login.login_id);
	expect(offered.map((a) => a.account_id)).toEqual(accounts.map((a) => a.account_id));
	const picker = await new SupermetricsTransfers().methods.loadOptions.getAccounts.call(
		loadOptionsContext({
			parameters: { resource: 'transfer', operation: 'create', teamId: TEAM, dataSourceId: byCode('GAWA'), destinationId: byId(String(destination.id)) },
			credentials: { apiKey: 'sandbox-demo-key', baseUrl: ctx.sandbox.url, apiUrl: ctx.sandbox.apiUrl },
			path: 'parameters.getAccounts',
		}),
	);
	const picked = picker.filter((option) => (JSON.parse(String(option.value)) as { login_id: number }).login_id === Number(login.login_id));
	expect(picked.map((option) => option.name)).toEqual(accounts.map((a) => `${a.name} (${a.account_id}) · marketing@acme.test`));

	const [created] = json(
		await ctx.run(transferFromMerge('Acme GA4 to BigQuery', { accountList: picked.map((option) => option.value) }), { items: [{ connection, destination }] }),
	);
	expect(ctx.last().body).toMatchObject({
		data_source_id: 'GAWA',
		accounts: accounts.map((a) => ({ account_id: a.account_id, login_id: Number(login.login_id), data_source_username: 'marketing@acme.test' })),
	});

	const backfillRun = ctx.run(
		{ resource: 'backfill', operation: 'create', teamId: TEAM, transferId: byId('={{ $json.transfer_id }}'), rangeStart: '2024-03-01', rangeEnd: '2024-03-03', waitUntilFinished: true, pollInterval: 1, maxWait: 1 },
		{ items: [created] },
	);
	await afterRequests((r) => r.method === 'GET' && /^\/teams\/12345\/backfills\/\d+$/.test(r.path));
	ctx.sandbox.clock.advance(3600 * 1000);
	const [backfill] = json(await backfillRun);
	expect(backfill).toMatchObject({ transfer_id: created.transfer_id, status: 'COMPLETED', succeeded: true, transfer_runs_total: 3 });
});
