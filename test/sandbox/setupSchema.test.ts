/**
 * The destination types' setup schema (available-sources) and the destination routes that follow
 * it, against the reference's SetupSetting, AuthMethod and DestinationTypeSettings shapes.
 */
import { useSandboxClient } from './client';

const SETUP_SETTING_KEYS = ['id', 'label', 'value', 'input_type', 'is_required', 'options', 'help_text', 'help_url', 'note', 'group', 'group_label', 'show_for'];
const AUTH_METHOD_KEYS = ['id', 'title', 'fields', 'new_secret_field', 'is_default'];
const TYPE_KEYS = ['title', 'type', 'connection_check_url', 'create_url', 'update_url_template', 'icon_url', 'app_id', 'is_internal', 'settings', 'auth_methods'];

/** The reference's SetupSetting, AuthMethod and DestinationTypeSettings, as far as these tests read them. */
interface SetupSetting {
	id: string;
	label?: string;
	value?: unknown;
	input_type: string;
	is_required: boolean;
	options: Array<{ value: string; label: string }>;
	show_for?: Array<{ id: string; values: string[] }>;
}
interface AuthMethod {
	id: string;
	title: string;
	fields: SetupSetting[];
	new_secret_field?: SetupSetting | null;
	is_default: boolean;
}
interface DestinationType {
	type: string;
	settings: SetupSetting[];
	auth_methods: AuthMethod[];
}
/** A destination's answer: its form, with the values it holds (secrets null). */
type DestinationAnswer = { data: { edit_settings: SetupSetting[] } };

const { holder, call } = useSandboxClient('/teams/12345');

async function destinationTypes(): Promise<DestinationType[]> {
	return (await call<{ destination_types: DestinationType[] }>('GET', '/transfers/available-sources')).json.destination_types;
}

async function destinationType(code: string): Promise<DestinationType> {
	const found = (await destinationTypes()).find((t) => t.type === code);
	if (!found) throw new Error(`available-sources has no destination type ${code}`);
	return found;
}

/** A SetupSetting as the reference allows it: only documented keys, the required ones present. */
function expectSetupSetting(setting: SetupSetting) {
	expect(SETUP_SETTING_KEYS).toEqual(expect.arrayContaining(Object.keys(setting)));
	expect(setting).toMatchObject({ id: expect.any(String), input_type: expect.any(String), is_required: expect.any(Boolean) });
	expect(setting.id.length).toBeLessThanOrEqual(100);
	expect(Array.isArray(setting.options)).toBe(true);
	if (setting.input_type === 'select') expect(setting.options.length).toBeGreaterThan(0);
}

describe('available-sources: destination_types', () => {
	test('every known type, in the reference shapes, with exactly one default auth method', async () => {
		const types = await destinationTypes();
		expect(types.map((t) => t.type)).toEqual(['SQL_BQ', 'DWH_SNOWFLAKE', 'DWH_REDSHIFT', 'DWH_AZURE_SQL', 'DWH_DATABRICKS', 'DWH_S3']);
		for (const type of types) {
			expect(TYPE_KEYS).toEqual(expect.arrayContaining(Object.keys(type)));
			expect(type.settings.length).toBeGreaterThan(0);
			type.settings.forEach(expectSetupSetting);
			expect(type.auth_methods.filter((m) => m.is_default)).toHaveLength(1);
			for (const method of type.auth_methods) {
				expect(AUTH_METHOD_KEYS).toEqual(expect.arrayContaining(Object.keys(method)));
				expect(method).toMatchObject({ id: expect.stringMatching(/^AUTH_METHOD_[A-Z_]+$/), title: expect.any(String) });
				method.fields.forEach(expectSetupSetting);
				if (method.new_secret_field) {
					expectSetupSetting(method.new_secret_field);
					expect(method.new_secret_field.input_type).toBe('password');
				}
			}
		}
	});

	test('Snowflake: its settings, key pair (the default) and password, secrets as password inputs', async () => {
		const snowflake = await destinationType('DWH_SNOWFLAKE');
		expect(snowflake.settings.map((s) => [s.id, s.is_required])).toEqual([
			['hostname', true],
			['warehouse', true],
			['database_name', true],
			['schema', true],
			['role', false],
		]);
		const [keyPair, password] = snowflake.auth_methods;
		expect(keyPair).toMatchObject({ id: 'AUTH_METHOD_KEY_PAIR', title: 'Key Pair Authentication', is_default: true, new_secret_field: { id: 'new_private_key' } });
		expect(keyPair.fields.map((f) => [f.id, f.input_type, f.is_required])).toEqual([
			['username', 'text', true],
			['private_key', 'password', true],
			['passphrase', 'password', false],
		]);
		expect(password).toMatchObject({ id: 'AUTH_METHOD_PASSWORD', is_default: false, new_secret_field: { id: 'new_password' } });
		expect(password.fields.map((f) => [f.id, f.input_type])).toEqual([
			['username', 'text'],
			['password', 'password'],
		]);
	});

	test('selects carry their options; a number and a checkbox have their own input types', async () => {
		const types = await destinationTypes();
		const setting = (type: string, id: string) => types.find((t) => t.type === type)?.settings.find((s) => s.id === id);
		expect(setting('DWH_S3', 'region')).toMatchObject({ input_type: 'select', is_required: true });
		expect(setting('DWH_S3', 'region')?.options).toContainEqual({ value: 'eu-west-1', label: 'Europe (Ireland)' });
		expect(setting('DWH_S3', 'csv_delimiter')?.show_for).toEqual([{ id: 'file_format', values: ['CSV'] }]);
		expect(setting('SQL_BQ', 'dataset_location')).toMatchObject({ input_type: 'select', value: 'US' });
		expect(setting('DWH_REDSHIFT', 'port')).toMatchObject({ input_type: 'number', value: 5439 });
		expect(setting('DWH_REDSHIFT', 'use_ssl')).toMatchObject({ input_type: 'checkbox', value: true });
	});

	test('a caller that changes its copy does not change the next answer', async () => {
		const [first] = await destinationTypes();
		first.settings.length = 0;
		expect((await destinationTypes())[0].settings.length).toBeGreaterThan(0);
	});
});

describe('destinations follow their type\'s schema', () => {
	const snowflake = {
		type: 'DWH_SNOWFLAKE',
		display_name: 'Warehouse',
		auth_method: 'AUTH_METHOD_PASSWORD',
		fields: { hostname: 'acme.snowflakecomputing.com', warehouse: 'WH', database_name: 'DB', schema: 'PUBLIC', username: 'LOADER', password: 'pw' },
	};

	test('the seeded destination 8 fills in every required field of its type and auth method', async () => {
		const { json } = await call<DestinationAnswer>('GET', '/destinations/8');
		const settings = json.data.edit_settings;
		expect(settings.map((s) => s.id)).toEqual(['hostname', 'warehouse', 'database_name', 'schema', 'role', 'username', 'private_key', 'passphrase']);
		for (const setting of settings.filter((s) => s.is_required && s.input_type !== 'password')) expect(setting.value).toEqual(expect.any(String));
		expect(settings.find((s) => s.id === 'private_key')).toMatchObject({ input_type: 'password', value: null });
	});

	test('create: 201 with every required field; the answer shows the form with secrets null', async () => {
		const { status, json } = await call<DestinationAnswer>('POST', '/destinations', snowflake);
		expect(status).toBe(201);
		expect(json.data.edit_settings.find((s) => s.id === 'password')).toMatchObject({ value: null, input_type: 'password' });
		expect(json.data.edit_settings.find((s) => s.id === 'warehouse')).toMatchObject({ value: 'WH', label: 'Warehouse' });
	});

	test.each([
		['a required setting left out', { fields: { ...snowflake.fields, warehouse: '' } }, "The setting 'warehouse' is required for DWH_SNOWFLAKE with AUTH_METHOD_PASSWORD."],
		['the auth method\'s secret left out', { fields: { ...snowflake.fields, password: undefined } }, "The setting 'password' is required for DWH_SNOWFLAKE with AUTH_METHOD_PASSWORD."],
		['no auth method: the default (key pair) needs its key', { auth_method: undefined }, "The setting 'private_key' is required for DWH_SNOWFLAKE with AUTH_METHOD_KEY_PAIR."],
		['an auth method of another type', { auth_method: 'AUTH_METHOD_ACCESS_KEY' }, "Unknown auth_method 'AUTH_METHOD_ACCESS_KEY' for destination type 'DWH_SNOWFLAKE'."],
	])('create: 422 for %s', async (_name, change, description) => {
		const { status, json } = await call('POST', '/destinations', { ...snowflake, ...change });
		expect(status).toBe(422);
		expect(json.error?.description).toBe(description);
	});

	test.each([
		['a select value not among its options', { region: 'mars-1' }, "The setting 'region' must be one of us-east-1, us-west-2, eu-west-1, eu-central-1, eu-north-1, ap-southeast-2."],
		['a required select left out', { region: undefined }, "The setting 'region' is required for DWH_S3 with AUTH_METHOD_ACCESS_KEY."],
		['a setting shown for CSV only, with Parquet: ignored', { file_format: 'PARQUET', csv_delimiter: undefined }, undefined],
	])('S3: %s', async (_name, change, description) => {
		const fields = { bucket_name: 'acme', region: 'eu-west-1', file_format: 'CSV', access_key_id: 'AKIA', secret_access_key: 'secret', ...change };
		const { status, json } = await call('POST', '/destinations', { type: 'DWH_S3', display_name: 'Lake', fields });
		expect(json.error?.description).toBe(description);
		expect(status).toBe(description ? 422 : 201);
	});

	test.each([
		['a port that is text', { port: '5439' }, "The setting 'port' must be a whole number."],
		['a checkbox that is text', { use_ssl: 'yes' }, "The setting 'use_ssl' must be true or false."],
	])('Redshift: 422 for %s', async (_name, change, description) => {
		const fields = { hostname: 'h.example.com', port: 5439, database_name: 'dev', schema: 'public', username: 'u', password: 'p', ...change };
		const { status, json } = await call('POST', '/destinations', { type: 'DWH_REDSHIFT', display_name: 'Redshift', fields });
		expect([status, json.error?.description]).toEqual([422, description]);
	});

	test('update keeps the stored secret; new_password replaces the one new_secret_field names', async () => {
		const { fields } = snowflake;
		const keyPair = { type: 'DWH_SNOWFLAKE', display_name: 'Renamed', fields: { ...fields, password: undefined } };
		expect((await call('PUT', '/destinations/8', keyPair)).status).toBe(200);
		expect(holder.sandbox.state.destinations.get('8')?.fields.private_key).toBe('seeded-secret-key');
		expect((await call('PUT', '/destinations/8', { ...keyPair, new_password: 'rotated' })).status).toBe(200);
		expect(holder.sandbox.state.destinations.get('8')?.fields.private_key).toBe('rotated');
	});

	test('a new secret for an auth method that has none is refused', async () => {
		const bigQuery = { type: 'SQL_BQ', display_name: 'BQ', fields: { project_id: 'acme', dataset_location: 'EU' } };
		expect((await call('POST', '/destinations', bigQuery)).status).toBe(201);
		const { status, json } = await call('PUT', '/destinations/9', { ...bigQuery, new_password: 'x' });
		expect([status, json.error?.description]).toEqual([422, "The auth method 'AUTH_METHOD_SERVICE_ACCOUNT' has no secret to replace."]);
	});
});
