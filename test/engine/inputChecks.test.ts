import { runCreate, useSandbox } from './support';

const ctx = useSandbox();
const VALID = { teamId: '12345', dataSourceId: 'GAWA', destinationType: 'SQL_BQ' };

/** Runs with one bad field and returns the error a user reads; asserts nothing was sent. */
async function rejected(fields: Record<string, unknown>, items?: object[]) {
	const { error, output } = await runCreate(ctx.sandbox, { ...VALID, ...fields }, { items });
	expect(output).toBeUndefined();
	expect(ctx.sandbox.requests).toHaveLength(0);
	return error as unknown as { message: string; description: string };
}

describe('bad input is refused before anything is sent, naming field, value and item', () => {
	test.each([
		['0', 'must be a whole number from 1 to 9223372036854775807'],
		['-5', 'must be a whole number from 1 to 9223372036854775807'],
		['12a', 'must be a whole number from 1 to 9223372036854775807'],
		['1.5', 'must be a whole number from 1 to 9223372036854775807'],
		['9223372036854775808', 'must be a whole number from 1 to 9223372036854775807'],
		['', 'is required'],
		['  ', 'is required'],
	])('Team ID %j', async (teamId, rule) => {
		// Through an expression, since n8n itself flags a required field left empty in the editor.
		const error = await rejected({ teamId: '={{ $json.team }}' }, [{ team: teamId }]);
		expect(error.message).toBe(`Invalid Team ID ${JSON.stringify(teamId)} in item 0: ${rule}`);
		expect(error.description).toContain('team_id');
	});

	test('a team id that arrives as a number past 2^53 is refused with advice to pass a string', async () => {
		// 2^53 + 1 read as a number, as a JSON parser upstream would: it arrives as 2^53.
		const error = await rejected({ teamId: '={{ $json.team }}' }, [{ team: Number('9007199254740993') }]);
		expect(error.message).toBe('Invalid Team ID 9007199254740992 in item 0: must be a whole number from 1 to 9223372036854775807');
		expect(error.description).toContain('Pass the id as a string');
	});

	test('a safe numeric team id from an expression is accepted', async () => {
		const { output } = await runCreate(ctx.sandbox, { ...VALID, teamId: '={{ $json.team }}' }, { items: [{ team: 4242 }] });
		expect(output![0].json.team_id).toBe('4242');
	});

	test('a lower-case code is refused with the upper-case suggestion', async () => {
		const error = await rejected({ dataSourceId: 'gawa' });
		expect(error.message).toBe('Invalid Data Source "gawa" in item 0: may contain only A-Z, 0-9 and _ (pattern ^[A-Z0-9_]+$)');
		expect(error.description).toContain('did you mean "GAWA"?');
	});

	test('a code over 50 characters is refused', async () => {
		const error = await rejected({ destinationType: 'X'.repeat(51) });
		expect(error.message).toContain('Invalid Destination Type');
		expect(error.message).toContain('must be at most 50 characters (it has 51)');
	});

	test('a code with other characters is refused without a suggestion', async () => {
		const error = await rejected({ destinationType: 'DWH-SNOWFLAKE' });
		expect(error.message).toContain('may contain only A-Z, 0-9 and _');
		expect(error.description).not.toContain('did you mean');
	});

	test('an empty data source is refused', async () => {
		const error = await rejected({ dataSourceId: { __rl: true, mode: 'list', value: '={{ $json.source }}' } }, [{ source: '' }]);
		expect(error.message).toBe('Invalid Data Source "" in item 0: is required');
	});

	test('the item number in the message is the failing item', async () => {
		const { error } = await runCreate(ctx.sandbox, { ...VALID, teamId: '={{ $json.team }}' }, { items: [{ team: '1' }, { team: 'x' }] });
		expect(error!.message).toBe('Invalid Team ID "x" in item 1: must be a whole number from 1 to 9223372036854775807');
		// Item 0 went out before item 1 failed; nothing was sent for item 1.
		expect(ctx.sandbox.requests).toHaveLength(1);
	});
});

describe('Batching numbers are checked where they are read, before anything is sent', () => {
	test.each([
		[{ batchSize: '={{ "0x10" }}' }, 'Invalid Items per Batch "0x10" in item 0: must be a whole number from -1 to 100000'],
		[{ batchInterval: -5 }, 'Invalid Batch Interval -5 in item 0: must be a whole number from 0 to 3600000'],
		[{ concurrency: '={{ 1.5 }}' }, 'Invalid Max Concurrent Requests 1.5 in item 0: must be a whole number from 0 to 1000'],
	])('%j', async (batch, message) => {
		const { output } = await runCreate(ctx.sandbox, VALID, {
			continueOnFail: true,
			items: [{}, {}],
			options: { batching: { batch: { batchSize: 10, batchInterval: 0, concurrency: 1, ...batch } } },
		});
		// Every item gets the error, in order: nothing was sent for any of them.
		expect(output!.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[message, { item: 0 }],
			[message, { item: 1 }],
		]);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
