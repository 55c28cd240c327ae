import { API_CANARY, runCreate, useSandbox } from './support';

const ctx = useSandbox();
const VALID = { teamId: '12345', dataSourceId: 'GAWA', destinationType: 'SQL_BQ' };

describe('Create Data Source Connection: the request that leaves', () => {
	test('POSTs exactly {data_source_id, destination_type} to the team, with the key as Bearer (the newest reference\'s form)', async () => {
		const { output, error } = await runCreate(ctx.sandbox, VALID);
		expect(error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(1);
		const [request] = ctx.sandbox.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/teams/12345/data-source-connections');
		expect(JSON.parse(request.rawBody)).toEqual({ data_source_id: 'GAWA', destination_type: 'SQL_BQ' });
		expect(request.headers.authorization).toBe(`Bearer ${API_CANARY}`);
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(output).toHaveLength(1);
	});

	test('sends the key alone when the credential asks for it, on a sandbox that takes only that', async () => {
		ctx.sandbox.setAuth('keyOnly');
		const { error } = await runCreate(ctx.sandbox, VALID, { credentials: { authScheme: 'keyOnly' } });
		expect(error).toBeUndefined();
		expect(ctx.sandbox.requests.map((r) => r.headers.authorization)).toEqual([API_CANARY]);
	});

	test('a base URL with a trailing slash still hits the right path', async () => {
		await runCreate(ctx.sandbox, VALID, { credentials: { baseUrl: `${ctx.sandbox.url}/` } });
		expect(ctx.sandbox.requests[0].path).toBe('/teams/12345/data-source-connections');
	});

	test('the largest int64 team id is sent digit for digit, and handed on as a string', async () => {
		const { output } = await runCreate(ctx.sandbox, { ...VALID, teamId: '9223372036854775807' });
		expect(ctx.sandbox.requests[0].path).toBe('/teams/9223372036854775807/data-source-connections');
		expect(output![0].json.team_id).toBe('9223372036854775807');
	});

	test('fields take expressions, and resource-locator values in list or code mode', async () => {
		const { output } = await runCreate(
			ctx.sandbox,
			{
				teamId: '={{ $json.team }}',
				dataSourceId: { __rl: true, mode: 'list', value: '={{ $json.source }}' },
				destinationType: { __rl: true, mode: 'code', value: 'DWH_SNOWFLAKE' },
			},
			{ items: [{ team: '777', source: 'ADM' }] },
		);
		expect(ctx.sandbox.requests[0].path).toBe('/teams/777/data-source-connections');
		expect(ctx.sandbox.requests[0].body).toEqual({ data_source_id: 'ADM', destination_type: 'DWH_SNOWFLAKE' });
		expect(output![0].json).toMatchObject({ team_id: '777', data_source_id: 'ADM', destination_type: 'DWH_SNOWFLAKE' });
	});

	test('a workflow saved before the By Code mode (mode "id" for a code) still runs, checked as a code', async () => {
		const legacy = (value: string) => ({ __rl: true, mode: 'id', value });
		const { output } = await runCreate(ctx.sandbox, { teamId: '12345', dataSourceId: legacy('GAWA'), destinationType: legacy('SQL_BQ') });
		expect(ctx.sandbox.requests[0].body).toEqual({ data_source_id: 'GAWA', destination_type: 'SQL_BQ' });
		expect(output![0].json).toMatchObject({ data_source_id: 'GAWA', destination_type: 'SQL_BQ' });

		const refused = await runCreate(ctx.sandbox, { teamId: '12345', dataSourceId: legacy('ga4'), destinationType: legacy('SQL_BQ') });
		expect(refused.error!.message).toContain('Invalid Data Source "ga4" in item 0');
		expect(ctx.sandbox.requests).toHaveLength(1);
	});
});

describe('Create Data Source Connection: the item that comes out', () => {
	test('carries the connection, the request id, the Location header and what was sent, paired to its input', async () => {
		const { output } = await runCreate(ctx.sandbox, VALID);
		const [item] = output!;
		const answered = ctx.sandbox.requests[0];
		expect(item.json).toEqual({
			connection_id: expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/),
			login_url: null,
			connect_url: null,
			request_id: answered.requestId,
			location: `${ctx.sandbox.url}/teams/12345/data-source-connections/${item.json.connection_id}`,
			team_id: '12345',
			data_source_id: 'GAWA',
			destination_type: 'SQL_BQ',
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(ctx.sandbox.state.connections.has(String(item.json.connection_id))).toBe(true);
	});

	test('one output item per input item, in order, each paired to its input', async () => {
		const teams = ['101', '102', '103'];
		const { output } = await runCreate(ctx.sandbox, { ...VALID, teamId: '={{ $json.team }}' }, { items: teams.map((team) => ({ team })) });
		expect(output!.map((i) => i.json.team_id)).toEqual(teams);
		expect(output!.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(ctx.sandbox.requests.map((r: { path: string }) => r.path)).toEqual(teams.map((t) => `/teams/${t}/data-source-connections`));
	});
});
