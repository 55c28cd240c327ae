/**
 * Destination Create, Update and Test Connection from the API's setup schema: Auth Method and the
 * Settings form are loaded as the editor loads them (n8n's load-options context, the node's
 * current parameters, the sandbox's available-sources), and a run sends what the form holds.
 */

import { loadOptionsContext, SupermetricsTransfers } from './harness';
import { byCode, byId, byName, json, TEAM, useSandbox, without } from './context';
import { apiError, hostileServer } from './hostile';
import { API_CANARY } from './support';

const ctx = useSandbox();
const methods = new SupermetricsTransfers().methods;

const PRIVATE_KEY = '-----BEGIN ENCRYPTED PRIVATE KEY-----MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI';

/** The editor's request for the form: the node as it stands, with the sandbox's demo credential. */
function editor(parameters: Record<string, unknown>, { baseUrl = ctx.sandbox.url, apiKey = 'sandbox-demo-key', path = 'parameters.typeSettings' } = {}) {
	return loadOptionsContext({
		parameters: { resource: 'destination', operation: 'create', teamId: TEAM, ...parameters },
		credentials: { apiKey, baseUrl },
		path,
	});
}

const loadForm = (parameters: Record<string, unknown>) => methods.resourceMapping.getDestinationSettings.call(editor(parameters));
const loadAuthMethods = (parameters: Record<string, unknown>) =>
	methods.loadOptions.getAuthMethods.call(editor(parameters, { path: 'parameters.authMethod' }));

/** The Settings parameter as the editor saves it once the form is filled in: its fields and their values. */
async function filledForm(parameters: Record<string, unknown>, value: Record<string, unknown>) {
	const { fields } = await loadForm(parameters);
	return { mappingMode: 'defineBelow', value, matchingColumns: [], schema: fields, attemptToConvertTypes: false, convertFieldsToString: false };
}

/** The `fields` of the last request's body: a destination's settings and secrets as sent. */
const sentFields = () => (ctx.last().body as { fields: Record<string, unknown> }).fields;

const snowflake = { destinationType: byCode('DWH_SNOWFLAKE') };
const SNOWFLAKE_VALUES = { hostname: 'acme.eu-west-1.snowflakecomputing.com', warehouse: 'LOAD_WH', database_name: 'MARKETING', schema: 'PUBLIC', username: 'LOADER' };

describe('the form loads from the destination type\'s setup schema', () => {
	test('Auth Method: the type\'s methods, its default named, each saying what it needs and where its secrets come from', async () => {
		const options = await loadAuthMethods(snowflake);
		expect(options).toEqual([
			{ name: "Type's Default (Key Pair Authentication)", value: '', description: expect.stringContaining('type\'s default') },
			{
				name: 'Key Pair Authentication (AUTH_METHOD_KEY_PAIR)',
				value: 'AUTH_METHOD_KEY_PAIR',
				description: 'Fields: Username. Secrets: Private Key, Passphrase.',
			},
			{
				name: 'Username and Password (AUTH_METHOD_PASSWORD)',
				value: 'AUTH_METHOD_PASSWORD',
				description: 'Fields: Username. Secrets: Password.',
			},
		]);
		expect(ctx.sent().map((r) => r.path)).toEqual(['/teams/12345/transfers/available-sources']);
	});

	test.each(['SQL_BQ', 'DWH_SNOWFLAKE', 'DWH_REDSHIFT', 'DWH_AZURE_SQL', 'DWH_DATABRICKS', 'DWH_S3'])(
		'every secret of %s has a place among the credential\'s and the node\'s secret fields',
		async (type) => {
			const options = await loadAuthMethods({ destinationType: byCode(type) });
			expect(options.length).toBeGreaterThan(1);
			for (const option of options) expect(option.description).not.toContain('no secret field');
		},
	);

	test('Settings: the type\'s settings and the default method\'s plain fields, required as the API says, secrets left out', async () => {
		const { fields, emptyFieldsNotice } = await loadForm(snowflake);
		expect(emptyFieldsNotice).toBeUndefined();
		expect(fields.map((f) => [f.id, f.displayName, f.required, f.type])).toEqual([
			// Its help would make the label too long for the mapper's one line.
			['hostname', 'Hostname', true, 'string'],
			['warehouse', 'Warehouse', true, 'string'],
			['database_name', 'Database', true, 'string'],
			['schema', 'Schema', true, 'string'],
			['role', "Role (Empty: user's default)", false, 'string'],
			['username', 'Username', true, 'string'],
		]);
		expect(fields.find((f) => f.id === 'schema')).toMatchObject({ defaultValue: 'PUBLIC', display: true, defaultMatch: false, canBeUsedToMatch: false });
	});

	test('the chosen auth method\'s fields follow the choice', async () => {
		const ids = async (authMethod: string, type = 'SQL_BQ') => (await loadForm({ destinationType: byCode(type), authMethod })).fields.map((f) => f.id);
		expect(await ids('')).toEqual(['project_id', 'dataset_location']);
		expect(await ids('AUTH_METHOD_SERVICE_ACCOUNT_KEY')).toEqual(['project_id', 'dataset_location', 'client_email']);
		expect(await ids('AUTH_METHOD_PASSWORD', 'DWH_SNOWFLAKE')).toEqual(['hostname', 'warehouse', 'database_name', 'schema', 'role', 'username']);
	});

	test('selects become options, numbers numbers, checkboxes switches; a setting shown only for some values says so and is optional', async () => {
		const s3 = (await loadForm({ destinationType: byCode('DWH_S3') })).fields;
		expect(s3.find((f) => f.id === 'region')).toMatchObject({ type: 'options', required: true });
		expect(s3.find((f) => f.id === 'region')?.options).toContainEqual({ name: 'Europe (Ireland)', value: 'eu-west-1' });
		expect(s3.find((f) => f.id === 'csv_delimiter')).toMatchObject({ displayName: 'CSV delimiter (only with File format CSV)', required: false, type: 'options' });
		expect(s3.map((f) => f.id)).not.toContain('secret_access_key');
		const redshift = (await loadForm({ destinationType: byCode('DWH_REDSHIFT') })).fields;
		expect(redshift.find((f) => f.id === 'port')).toMatchObject({ type: 'number', defaultValue: 5439, required: true });
		expect(redshift.find((f) => f.id === 'use_ssl')).toMatchObject({ type: 'boolean', required: false });
	});

	test.each([
		['Team ID is an expression', { teamId: '={{ $json.team_id }}', ...snowflake }, 'Enter a Team ID (a plain number, not an expression) to get its settings here, or add them under Other Settings by name.'],
		['no Destination Type yet', { destinationType: { __rl: true, mode: 'list', value: '' } }, 'Pick a Destination Type to get its settings here'],
		['a type the team does not offer', { destinationType: byCode('DWH_ORACLE') }, 'DWH_ORACLE is not among the team\'s destination types'],
	])('without a schema (%s) the form says why and points to Other Settings', async (_case, parameters, notice) => {
		const form = await loadForm(parameters);
		expect(form.fields).toEqual([]);
		expect(form.emptyFieldsNotice).toContain(notice);
	});

	test('without a schema, Auth Method offers the type\'s default alone and says how to choose another', async () => {
		expect(await loadAuthMethods({ teamId: '={{ 1 }}', ...snowflake })).toEqual([
			{
				name: "Type's Default",
				value: '',
				description:
					"Send no auth_method: Supermetrics uses the type's default. Enter a Team ID (a plain number, not an expression) to choose another, or set the method's ID with an expression.",
			},
		]);
		expect(ctx.sent()).toEqual([]);
	});

	test('an API error shows in the form\'s notice, the key masked; Auth Method fails with it as any picker does', async () => {
		const api = await hostileServer((req, res) => apiError(res, 503, { code: 'UNAVAILABLE', description: `No catalogue for key ${String(req.headers.authorization)}.` }));
		try {
			const form = await methods.resourceMapping.getDestinationSettings.call(editor(snowflake, { baseUrl: api.url, apiKey: API_CANARY }));
			expect(form.fields).toEqual([]);
			expect(form.emptyFieldsNotice).toBe("The type's settings could not be loaded: No catalogue for key Bearer ***. (UNAVAILABLE). Fix that, or add them under Other Settings by name.");
			const context = editor(snowflake, { baseUrl: api.url, apiKey: API_CANARY, path: 'parameters.authMethod' });
			await expect(methods.loadOptions.getAuthMethods.call(context)).rejects.toThrow('No catalogue for key Bearer ***. (UNAVAILABLE)');
		} finally {
			await api.close();
		}
	});
});

describe('a run sends what the form holds', () => {
	const create = (parameters: Record<string, unknown>) => ({
		resource: 'destination',
		operation: 'create',
		teamId: TEAM,
		displayName: 'Warehouse',
		secretsSource: 'node',
		secrets: { privateKey: PRIVATE_KEY },
		...snowflake,
		...parameters,
	});

	test('the form\'s values, Other Settings and the secrets make up fields', async () => {
		const typeSettings = await filledForm(snowflake, { ...SNOWFLAKE_VALUES, role: 'LOADER_ROLE' });
		const result = await ctx.run(create({ typeSettings, settings: { entries: [{ name: 'query_tag', value: 'n8n' }] } }));
		expect(ctx.last().body).toEqual({
			type: 'DWH_SNOWFLAKE',
			display_name: 'Warehouse',
			fields: { ...SNOWFLAKE_VALUES, role: 'LOADER_ROLE', query_tag: 'n8n', private_key: PRIVATE_KEY },
		});
		expect(json(result)[0]).toMatchObject({ id: '9', display_name: 'Warehouse' });
		expect(JSON.stringify(result.output)).not.toContain(PRIVATE_KEY);
	});

	test('a select, a number and a switch are sent as the API takes them, from expressions too', async () => {
		const typeSettings = await filledForm(
			{ destinationType: byCode('DWH_REDSHIFT') },
			{ hostname: 'h.example.com', port: '={{ "5440" }}', database_name: 'dev', schema: 'public', use_ssl: '={{ "true" }}', username: 'u' },
		);
		await ctx.run(create({ destinationType: byCode('DWH_REDSHIFT'), typeSettings, secrets: { password: 'pw' } }));
		expect(sentFields()).toEqual({ hostname: 'h.example.com', port: 5440, database_name: 'dev', schema: 'public', use_ssl: true, username: 'u', password: 'pw' });
		expect(ctx.sent().at(-1)).toMatchObject({ method: 'POST' });

		const s3 = await filledForm({ destinationType: byCode('DWH_S3') }, { bucket_name: 'lake', region: 'eu-north-1', file_format: 'PARQUET', access_key_id: 'AKIA1' });
		const result = await ctx.run(create({ destinationType: byCode('DWH_S3'), displayName: 'Lake', typeSettings: s3, secrets: { secretAccessKey: 'wJalrXUtnFEMI' } }));
		expect(sentFields()).toEqual({ bucket_name: 'lake', region: 'eu-north-1', file_format: 'PARQUET', access_key_id: 'AKIA1', secret_access_key: 'wJalrXUtnFEMI' });
		expect(result.error).toBeUndefined();
		expect(json(result)[0].edit_settings).toContainEqual(expect.objectContaining({ id: 'secret_access_key', value: null }));
		expect(JSON.stringify(result.output)).not.toContain('wJalrXUtnFEMI');
	});

	test('an access token or a secret access key echoed in an error shows as ***, as every secret does', async () => {
		const databricks = await filledForm({ destinationType: byCode('DWH_DATABRICKS') }, { hostname: 'adb-1.azuredatabricks.net', http_path: '/sql/1.0/warehouses/a1', schema: 'default' });
		const canary = 'databricks-canary-0123456789abcdef';
		ctx.sandbox.queueFault({ status: 400, code: 'BAD_REQUEST', message: 'Bad Request', description: `The token ${canary} is not valid.` });
		const result = await ctx.run(create({ destinationType: byCode('DWH_DATABRICKS'), typeSettings: databricks, secrets: { accessToken: canary } }), { continueOnFail: true });
		expect(sentFields().access_token).toBe(canary);
		expect(json(result)[0].error).toBe('The token *** is not valid. (BAD_REQUEST)');
		expect(JSON.stringify(result.output)).not.toContain(canary);
	});

	test('a required setting left empty in the form blocks the run, as the editor does, and sends nothing', async () => {
		const values = without(SNOWFLAKE_VALUES, 'warehouse');
		const typeSettings = await filledForm(snowflake, values);
		await expect(ctx.run(create({ typeSettings }))).rejects.toThrow("The 'Supermetrics Transfers' node has issues:\n- Setting \"warehouse\" is required");
		expect(ctx.sent().filter((r) => r.method === 'POST')).toEqual([]);
	});

	test.each([
		['a required setting whose expression gives nothing', { warehouse: '={{ $json.none }}' }, 'Invalid Settings: Warehouse nothing in item 0: is required'],
		['a select value that is not among its options', { region: '={{ "mars-1" }}' }, 'Invalid Settings: Region "mars-1" in item 0: must be one of us-east-1'],
		['a number that is not whole', { port: '={{ "54.5" }}' }, 'Invalid Settings: Port "54.5" in item 0: must be a whole number'],
		['text past 1000 characters', { hostname: '={{ "h".repeat(1001) }}' }, 'must be at most 1000 characters'],
		['a setting given in the form and by name', { role: 'A' }, 'Invalid Setting Name "role" in item 0: is given twice'],
	])('%s is refused before sending', async (_case, change, message) => {
		const type = 'region' in change ? 'DWH_S3' : 'port' in change ? 'DWH_REDSHIFT' : 'DWH_SNOWFLAKE';
		const base: Record<string, Record<string, unknown>> = {
			DWH_SNOWFLAKE: SNOWFLAKE_VALUES,
			DWH_S3: { bucket_name: 'b', region: 'eu-west-1', file_format: 'CSV', access_key_id: 'a' },
			DWH_REDSHIFT: { hostname: 'h', port: 5439, database_name: 'd', schema: 's', username: 'u' },
		};
		const typeSettings = await filledForm({ destinationType: byCode(type) }, { ...base[type], ...change });
		const result = await ctx.run(
			create({ destinationType: byCode(type), typeSettings, settings: { entries: [{ name: 'role', value: 'B' }] } }),
			{ continueOnFail: true },
		);
		expect(json(result)[0]).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringContaining(message) });
		expect(ctx.sent().filter((r) => r.method === 'POST')).toEqual([]);
	});

	test('the form\'s field list is the API\'s text: it is never evaluated as an expression', async () => {
		const typeSettings = await filledForm(snowflake, { ...SNOWFLAKE_VALUES, warehouse: '={{ "" }}' });
		typeSettings.schema = typeSettings.schema.map((f) => (f.id === 'warehouse' ? { ...f, displayName: '={{ "evaluated" }}' } : f));
		const result = await ctx.run(create({ typeSettings }), { continueOnFail: true });
		expect(json(result)[0].error).toBe('Invalid Settings: ={{ "evaluated" }} nothing in item 0: is required');
	});

	test('Update and Test Connection take the same form', async () => {
		const typeSettings = await filledForm({ ...snowflake, operation: 'update' }, SNOWFLAKE_VALUES);
		await ctx.run(create({ operation: 'update', destinationId: byId('8'), typeSettings, secretsSource: 'none' }));
		expect(ctx.last()).toMatchObject({ method: 'PUT', path: '/teams/12345/destinations/8', body: { fields: SNOWFLAKE_VALUES } });
		const tested = await ctx.run(create({ operation: 'testConnection', typeSettings, authMethod: 'AUTH_METHOD_KEY_PAIR' }));
		expect(ctx.last()).toMatchObject({ path: '/teams/12345/destinations/test-connection', body: { auth_method: 'AUTH_METHOD_KEY_PAIR', fields: { ...SNOWFLAKE_VALUES, private_key: PRIVATE_KEY } } });
		expect(json(tested)[0]).toEqual({ success: true, error: null });
	});

	test('without the form (Team ID as an expression), Auth Method by expression and Other Settings still make a destination', async () => {
		const settings = byName({ ...SNOWFLAKE_VALUES, role: 'R' });
		const result = await ctx.run(create({ teamId: '={{ $json.team }}', authMethod: '={{ "AUTH_METHOD_PASSWORD" }}', settings, secrets: { password: 'pw' } }), {
			items: [{ team: TEAM }],
		});
		expect(ctx.last().body).toEqual({ type: 'DWH_SNOWFLAKE', display_name: 'Warehouse', auth_method: 'AUTH_METHOD_PASSWORD', fields: { ...SNOWFLAKE_VALUES, role: 'R', password: 'pw' } });
		expect(json(result)[0].id).toBe('9');
	});
});
