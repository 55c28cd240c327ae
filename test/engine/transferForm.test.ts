/**
 * Transfer Create, Update and Validate: Schema, Accounts and Segments offered from Get Available
 * Options as the editor loads them (n8n's load-options context against the sandbox), and a run
 * sends what was picked, with the typed lists kept for expressions.
 */

import { loadOptionsContext, SupermetricsTransfers } from './harness';
import { byCode, byId, json, SEEDED, TEAM, useSandbox } from './context';

const ctx = useSandbox();
const { loadOptions } = new SupermetricsTransfers().methods;

const chosen = { dataSourceId: byCode('AW'), destinationId: byId(SEEDED.destinationId) };

function editor(method: keyof typeof loadOptions, parameters: Record<string, unknown> = chosen) {
	const context = loadOptionsContext({
		parameters: { resource: 'transfer', operation: 'create', teamId: TEAM, ...parameters },
		credentials: { apiKey: 'sandbox-demo-key', baseUrl: ctx.sandbox.url },
		path: `parameters.${method}`,
	});
	return loadOptions[method].call(context);
}

const ACCOUNT = { account_id: '8733197711', login_id: 2682599, data_source_username: 'user.name@supermetrics.com' };
const AGENCY = { account_id: '6620019375', login_id: 2830506, data_source_username: 'analyst@supermetrics.com' };

describe('the pickers load from Get Available Options', () => {
	test('Schema: the schemas for the source and destination, by name and schema_id', async () => {
		expect(await editor('getSchemas')).toEqual([
			{ name: 'Standard tables (2)', value: '2' },
			{ name: 'Enhanced tables (3)', value: '3' },
		]);
		expect(ctx.sent()).toEqual([
			expect.objectContaining({ method: 'GET', path: '/teams/12345/transfers/available-options', query: { source_id: 'AW', destination_id: '8' } }),
		]);
	});

	test('Accounts: each names its account and login, and carries what the API needs of it', async () => {
		const accounts = await editor('getAccounts');
		expect(accounts.map((a) => a.name)).toEqual([
			'Sandbox account (8733197711) · user.name@supermetrics.com',
			'Sandbox EU shop (5512340987) · user.name@supermetrics.com',
			'Agency client (6620019375) · analyst@supermetrics.com',
		]);
		expect(JSON.parse(String(accounts[0].value))).toEqual(ACCOUNT);
	});

	test('Segments: likewise, with the segment\'s name', async () => {
		const segments = await editor('getSegments');
		expect(segments.map((s) => s.name)).toEqual(['All users (-1) · analyst@supermetrics.com', 'New users (-3) · analyst@supermetrics.com']);
		expect(JSON.parse(String(segments[0].value))).toEqual({ segment_id: '-1', segment_name: 'All users', login_id: 2830506, data_source_username: 'analyst@supermetrics.com' });
	});

	test.each([
		['Team ID is an expression', { ...chosen, teamId: '={{ $json.team }}' }],
		['no Data Source yet', { ...chosen, dataSourceId: { __rl: true, mode: 'list', value: '' } }],
		['a Destination that is an expression', { ...chosen, destinationId: byId('={{ $json.destination.id }}') }],
	])('%s: a clear message, nothing sent', async (_case, parameters) => {
		await expect(editor('getSchemas', parameters)).rejects.toThrow(
			'Enter a Team ID (a plain number, not an expression) and pick a Data Source and a Destination to list its schemas, or give them with an expression',
		);
		expect(ctx.sent()).toEqual([]);
	});
});

describe('a run sends what was picked', () => {
	const configuration = {
		resource: 'transfer',
		teamId: TEAM,
		...chosen,
		displayName: 'Google Ads to Snowflake',
		schedule: { entries: [{ runInterval: 'daily', runHour: 22, refreshWindow: 1 }] },
	};

	test('picked schema, accounts and segments, then the typed ones, in the API\'s words', async () => {
		const [schema] = await editor('getSchemas');
		const accounts = await editor('getAccounts');
		const [segment] = await editor('getSegments');
		const result = await ctx.run({
			...configuration,
			operation: 'create',
			schemaId: schema.value,
			accountList: [accounts[0].value, accounts[2].value],
			accounts: { entries: [{ accountId: '1111', dataSourceUsername: 'typed@example.com', loginId: 0 }] },
			segmentList: [segment.value],
		});
		expect(ctx.last().body).toMatchObject({
			schema_id: 2,
			accounts: [ACCOUNT, AGENCY, { account_id: '1111', data_source_username: 'typed@example.com' }],
			segments: [{ segment_id: '-1', segment_name: 'All users', login_id: 2830506, data_source_username: 'analyst@supermetrics.com' }],
		});
		expect(json(result)).toEqual([{ transfer_id: '36092', transfer_name: 'Google Ads to Snowflake' }]);
	});

	test('an expression may hand on Get Available Options\' own lists', async () => {
		const [options] = json(await ctx.run({ resource: 'transfer', operation: 'getAvailableOptions', teamId: TEAM, ...chosen }));
		await ctx.run(
			{ ...configuration, operation: 'validate', schemaId: '={{ $json.schemas[1].schema_id }}', accountList: '={{ $json.accounts.slice(0, 1) }}', segmentList: '={{ $json.segments[0] }}' },
			{ items: [options] },
		);
		expect(ctx.last()).toMatchObject({ path: '/teams/12345/transfers/validations' });
		expect(ctx.last().body).toMatchObject({
			schema_id: 3,
			accounts: [{ account_id: '8733197711', login_id: 2682599 }],
			segments: [{ segment_id: '-1', segment_name: 'All users', login_id: 2830506 }],
		});
		expect((ctx.last().body as { accounts: object[] }).accounts[0]).not.toHaveProperty('account_name');
	});

	test.each([
		['text that is no JSON', { accountList: ['nope'] }, 'Invalid Accounts 1 "nope" in item 0: must be one of the accounts Get Available Options lists'],
		['an account_id that is no text', { accountList: ['{"account_id": {"id": 7}}'] }, 'Invalid Accounts 1: account_id {"id":7} in item 0: must be text'],
		['a list where an object belongs', { segmentList: ['={{ [1] }}'] }, 'Invalid Segments 1 [1] in item 0'],
		['text past 2000 characters', { accountList: [`{"account_id":"${'9'.repeat(2000)}"}`] }, 'must be one of the accounts'],
	])('a picked value that is not one (%s) is refused before sending', async (_case, change, message) => {
		const result = await ctx.run({ ...configuration, operation: 'create', schemaId: '2', ...change }, { continueOnFail: true });
		expect(json(result)[0]).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringContaining(message) });
		expect(ctx.sent()).toEqual([]);
	});
});
