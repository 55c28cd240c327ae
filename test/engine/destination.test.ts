import { byCode, byId, byName, json, SEEDED, TEAM, useSandbox } from './context';
import type { RunResult } from './harness';

const ctx = useSandbox();

const PRIVATE_KEY = '-----BEGIN ENCRYPTED PRIVATE KEY-----MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI';
const PASSPHRASE = 'correct horse battery staple';

/** What a Snowflake destination needs besides its key, given by name (Other Settings). */
const SETTINGS = { hostname: 'acme.eu-west-1.snowflakecomputing.com', warehouse: 'DEMO_WH', database_name: 'MARKETING', schema: 'PUBLIC', username: 'LOADER' };

const configuration = {
	destinationType: byCode('DWH_SNOWFLAKE'),
	displayName: 'Warehouse',
	authMethod: 'AUTH_METHOD_KEY_PAIR',
	settings: byName(SETTINGS),
	// Typed into the node; the Destination Secrets credential is tested on its own below.
	secretsSource: 'node',
	secrets: { privateKey: PRIVATE_KEY, passphrase: PASSPHRASE },
};

const expectedBody = {
	type: 'DWH_SNOWFLAKE',
	display_name: 'Warehouse',
	auth_method: 'AUTH_METHOD_KEY_PAIR',
	fields: {
		...SETTINGS,
		private_key: PRIVATE_KEY,
		passphrase: PASSPHRASE,
	},
};

const destination = (operation: string, extra: object = {}) => ({ resource: 'destination', operation, teamId: TEAM, ...extra });

/** Secrets must not be anywhere a user or a log sees: the output items or the error. */
function expectNoSecrets(result: RunResult) {
	const seen = JSON.stringify({ output: result.output, message: result.error?.message, description: result.error?.description, context: result.error?.context });
	expect(seen).not.toContain(PRIVATE_KEY);
	expect(seen).not.toContain(PASSPHRASE);
}

describe('Destination: List and Get', () => {
	test('List: one item per destination, ids as strings', async () => {
		expect(json(await ctx.run(destination('list')))).toEqual([{ id: '8', display_name: 'Sandbox Snowflake', type: 'DWH_SNOWFLAKE' }]);
	});

	test('Get: type and edit_settings, with the stored secrets left out by the API', async () => {
		const [item] = json(await ctx.run(destination('get', { destinationId: byId(SEEDED.destinationId) })));
		expect(item).toMatchObject({ id: '8', destination_type: { type: 'DWH_SNOWFLAKE' } });
		expect(item.edit_settings).toContainEqual(expect.objectContaining({ id: 'private_key', value: null }));
	});

	test('Get of an unknown destination is a 404', async () => {
		const result = await ctx.run(destination('get', { destinationId: byId('77') }));
		expect(result.error?.message).toBe('Destination 77 was not found in team 12345. (NOT_FOUND)');
	});

	test('a destination id past int32 sends nothing', async () => {
		const result = await ctx.run(destination('get', { destinationId: byId('={{ "2147483648" }}') }));
		expect(result.error?.message).toBe('Invalid Destination "2147483648" in item 0: must be a whole number from 1 to 2147483647');
		expect(ctx.sent()).toEqual([]);
	});

	test('List with a bad team id sends nothing', async () => {
		const result = await ctx.run(destination('list', { teamId: '0' }));
		expect(result.error?.message).toContain('Invalid Team ID "0"');
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Destination: Create', () => {
	test('sends type, display_name, auth_method and fields; the answer has no secret; List shows it', async () => {
		const result = await ctx.run(destination('create', configuration));
		expect(ctx.sent()[0]).toMatchObject({ method: 'POST', path: '/teams/12345/destinations', body: expectedBody });
		const [item] = json(result);
		expect(item).toMatchObject({ id: '9', display_name: 'Warehouse', location: expect.stringMatching(/\/teams\/12345\/destinations\/9$/) });
		expectNoSecrets(result);
		expect(json(await ctx.run(destination('list'))).map((d) => d.id)).toEqual(['8', '9']);
	});

	test('an error that echoes a secret shows it masked', async () => {
		ctx.sandbox.queueFault({ status: 400, code: 'BAD_REQUEST', message: 'Bad Request', description: `The private key ${PRIVATE_KEY} is not valid PEM.` });
		const result = await ctx.run(destination('create', configuration));
		expect(result.error?.message).toBe('The private key *** is not valid PEM. (BAD_REQUEST)');
		expectNoSecrets(result);
	});

	test('a name in use is a 409; an unknown type a 422', async () => {
		expect((await ctx.run(destination('create', { ...configuration, displayName: 'Sandbox Snowflake' }))).error?.httpCode).toBe('409');
		expect((await ctx.run(destination('create', { ...configuration, destinationType: byCode('DWH_ORACLE') }))).error?.httpCode).toBe('422');
	});

	test('a read-only key gets 403', async () => {
		const result = await ctx.run(destination('create', configuration), { apiKey: 'sandbox-readonly-key' });
		expect(result.error?.httpCode).toBe('403');
		expectNoSecrets(result);
	});

	test.each([
		[{ displayName: '={{ "   " }}' }, 'Invalid Display Name "   " in item 0: is required'],
		[{ destinationType: byCode('={{ "dwh_snowflake" }}') }, 'Codes are upper case'],
		[{ authMethod: 'A'.repeat(101) }, 'Invalid Auth Method'],
		[{ settings: { entries: [{ name: '', value: 'x' }] } }, 'Invalid Setting Name "" in item 0: is required'],
		[{ settings: { entries: [{ name: '__proto__', value: 'x' }] } }, 'Invalid Setting Name "__proto__" in item 0: is not allowed as a setting name'],
		[{ settings: { entries: [{ name: 'constructor', value: 'x' }] } }, 'Invalid Setting Name "constructor" in item 0: is not allowed as a setting name'],
		[{ settings: { entries: [{ name: 'role', value: 'a' }, { name: 'role', value: 'b' }] } }, 'Invalid Setting Name "role" in item 0: is given twice'],
		[{ settings: { entries: [{ name: 'passphrase', value: 'x' }] } }, 'Invalid Setting Name "passphrase" in item 0: is given twice (a secret counts as a setting too)'],
		[{ secretsSource: '={{ "vault" }}' }, 'Invalid Secrets From "vault" in item 0: must be one of credential, node, none'],
	])('bad input %j sends nothing', async (change, message) => {
		const result = await ctx.run(destination('create', { ...configuration, ...change }));
		expect(`${result.error?.message} ${result.error?.description}`).toContain(message);
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Destination: Update', () => {
	test('sends the new configuration and new_password; Get shows the new name', async () => {
		const result = await ctx.run(destination('update', { ...configuration, destinationId: byId('8'), newPassword: 'rotated-key' }));
		expect(ctx.sent()[0]).toMatchObject({ method: 'PUT', path: '/teams/12345/destinations/8', body: { ...expectedBody, new_password: 'rotated-key' } });
		expect(json(result)[0]).toMatchObject({ id: '8', display_name: 'Warehouse' });
		expect(JSON.stringify(result.output)).not.toContain('rotated-key');
		expectNoSecrets(result);
		expect(json(await ctx.run(destination('get', { destinationId: byId('8') })))[0].display_name).toBe('Warehouse');
	});

	test('an unknown destination is a 404', async () => {
		expect((await ctx.run(destination('update', { ...configuration, destinationId: byId('77') }))).error?.httpCode).toBe('404');
	});

	test('a new secret past 255 characters sends nothing', async () => {
		const result = await ctx.run(destination('update', { ...configuration, destinationId: byId('8'), newPassword: 'k'.repeat(256) }));
		expect(result.error?.message).toContain('Invalid New Secret');
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Destination: Delete and Get Usage', () => {
	test('a destination in use cannot be deleted (409); Get Usage names the transfer', async () => {
		const result = await ctx.run(destination('delete', { destinationId: byId('8') }));
		expect(result.error?.message).toBe('Destination 8 is used by transfer(s) 36091; delete or move them first. (CONFLICT_ERROR)');
		expect(json(await ctx.run(destination('getUsage', { destinationId: byId('8') })))).toEqual([
			{ destination_id: '8', is_used: true, transfers: [{ transfer_id: '36091', transfer_name: 'AW enhanced 2022-11-17' }] },
		]);
	});

	test('once its transfer is deleted, it can be; then it is gone', async () => {
		await ctx.run({ resource: 'transfer', operation: 'delete', teamId: TEAM, transferId: byId('36091') });
		expect(json(await ctx.run(destination('getUsage', { destinationId: byId('8') })))[0].is_used).toBe(false);
		expect(json(await ctx.run(destination('delete', { destinationId: byId('8') })))).toEqual([{ destination_id: '8', deleted: true }]);
		expect(ctx.last()).toMatchObject({ method: 'DELETE', path: '/teams/12345/destinations/8' });
		expect(json(await ctx.run(destination('list')))).toEqual([]);
	});

	test('unknown destinations are 404 for both', async () => {
		expect((await ctx.run(destination('delete', { destinationId: byId('77') }))).error?.httpCode).toBe('404');
		expect((await ctx.run(destination('getUsage', { destinationId: byId('77') }))).error?.httpCode).toBe('404');
	});

	test('bad ids send nothing', async () => {
		expect((await ctx.run(destination('delete', { destinationId: byId('={{ "8.5" }}') }))).error?.message).toContain('Invalid Destination "8.5"');
		expect((await ctx.run(destination('getUsage', { destinationId: byId('={{ -1 }}') }))).error?.message).toContain('Invalid Destination -1');
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Destination: Test Connection', () => {
	test('a connection that works: success true', async () => {
		const result = await ctx.run(destination('testConnection', configuration));
		expect(json(result)).toEqual([{ success: true, error: null }]);
		expect(ctx.sent()[0]).toMatchObject({ method: 'POST', path: '/teams/12345/destinations/test-connection', body: expectedBody });
	});

	test('a failed test is data by default, and fails the item with Fail If Connection Fails', async () => {
		const unreachable = { ...configuration, settings: { entries: [{ name: 'hostname', value: 'acme.invalid' }] } };
		expect(json(await ctx.run(destination('testConnection', unreachable)))).toEqual([
			{ success: false, error: "Could not resolve host 'acme.invalid'." },
		]);
		const failed = await ctx.run(destination('testConnection', { ...unreachable, failOnFalse: true }), { continueOnFail: true });
		expect(json(failed)).toEqual([
			expect.objectContaining({ error: 'The destination connection test failed', code: 'CONNECTION_FAILED', http_code: 200, description: "Could not resolve host 'acme.invalid'." }),
		]);
		expectNoSecrets(failed);
	});

	test('testing an existing destination sends its destination_id and the new secret', async () => {
		const result = await ctx.run(destination('testConnection', { ...configuration, destinationId: byId('8'), newPassword: 'rotated' }));
		expect(ctx.sent()[0].body).toMatchObject({ destination_id: 8, new_password: 'rotated' });
		expect(json(result)[0].success).toBe(true);
	});

	test('an unknown type is a 422', async () => {
		expect((await ctx.run(destination('testConnection', { ...configuration, destinationType: byCode('DWH_ORACLE') }))).error?.httpCode).toBe('422');
	});

	test('a bad destination id sends nothing', async () => {
		const result = await ctx.run(destination('testConnection', { ...configuration, destinationId: byId('={{ "x8" }}') }));
		expect(result.error?.message).toContain('Invalid Destination "x8"');
		expect(ctx.sent()).toEqual([]);
	});
});
