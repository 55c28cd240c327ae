'use strict';
/**
 * The setup schema of each destination type the sandbox knows, as GET …/transfers/available-sources
 * returns it in `destination_types[]` (DestinationTypeSettings): the type's `settings` and its
 * `auth_methods`, in the reference's SetupSetting and AuthMethod shapes. Secrets have input_type
 * `password`; an auth method's `new_secret_field` names the secret a `new_password` replaces.
 */
const { DESTINATION_TYPES } = require('./catalog');

/** A SetupSetting with every documented property, as the API fills them for a blank form. */
function setting(id, label, inputType, { required = false, value = null, options = [], help = null, note = null, showFor = [] } = {}) {
	return {
		id,
		label,
		value,
		input_type: inputType,
		is_required: required,
		options: options.map(([optionValue, optionLabel]) => ({ value: optionValue, label: optionLabel })),
		help_text: help,
		help_url: null,
		note,
		show_for: showFor,
	};
}

const text = (id, label, options) => setting(id, label, 'text', options);
const secret = (id, label, options) => setting(id, label, 'password', options);
const select = (id, label, choices, options) => setting(id, label, 'select', { ...options, options: choices });

/** An AuthMethod; `newSecret` is the id of the field a rotated secret (new_password) replaces. */
function authMethod(id, title, fields, { isDefault = false, newSecret } = {}) {
	const method = { id, title, fields, is_default: isDefault };
	if (newSecret) {
		const replaced = fields.find((field) => field.id === newSecret);
		method.new_secret_field = secret(`new_${newSecret}`, `New ${replaced.label.toLowerCase()}`, {
			help: `Replaces the stored ${replaced.label.toLowerCase()}; sent as new_password`,
		});
	}
	return method;
}

const username = () => text('username', 'Username', { required: true });
const password = () => secret('password', 'Password', { required: true });
const passwordAuth = (isDefault) =>
	authMethod('AUTH_METHOD_PASSWORD', 'Username and Password', [username(), password()], { isDefault, newSecret: 'password' });
const hostname = (help) => text('hostname', 'Hostname', { required: true, help });
const port = (value) => setting('port', 'Port', 'number', { required: true, value });
const database = () => text('database_name', 'Database', { required: true });
const schema = (value) => text('schema', 'Schema', { required: true, value });

const SCHEMAS = {
	SQL_BQ: {
		settings: [
			text('project_id', 'Project ID', { required: true, help: 'The Google Cloud project of the dataset, e.g. acme-analytics' }),
			select(
				'dataset_location',
				'Dataset location',
				[
					['US', 'US (multi-region)'],
					['EU', 'EU (multi-region)'],
					['us-central1', 'Iowa (us-central1)'],
					['europe-west1', 'Belgium (europe-west1)'],
					['europe-north1', 'Finland (europe-north1)'],
					['asia-northeast1', 'Tokyo (asia-northeast1)'],
				],
				{ required: true, value: 'US', help: 'Cannot be changed once data is written' },
			),
		],
		auth_methods: [
			authMethod('AUTH_METHOD_SERVICE_ACCOUNT', "Supermetrics' service account", [], { isDefault: true }),
			authMethod(
				'AUTH_METHOD_SERVICE_ACCOUNT_KEY',
				'Your service account key',
				[
					text('client_email', 'Service account email', { required: true, help: 'client_email in the JSON key' }),
					secret('private_key', 'Private key', { required: true, help: 'private_key in the JSON key' }),
				],
				{ newSecret: 'private_key' },
			),
		],
	},
	DWH_SNOWFLAKE: {
		settings: [
			hostname('e.g. xy12345.eu-west-1.snowflakecomputing.com'),
			text('warehouse', 'Warehouse', { required: true }),
			database(),
			schema('PUBLIC'),
			text('role', 'Role', { help: "Empty: user's default" }),
		],
		auth_methods: [
			authMethod(
				'AUTH_METHOD_KEY_PAIR',
				'Key Pair Authentication',
				[username(), secret('private_key', 'Private key', { required: true, help: 'An encrypted PEM private key' }), secret('passphrase', 'Passphrase')],
				{ isDefault: true, newSecret: 'private_key' },
			),
			passwordAuth(false),
		],
	},
	DWH_REDSHIFT: {
		settings: [
			hostname('The cluster endpoint without the port'),
			port(5439),
			database(),
			schema('public'),
			setting('use_ssl', 'Require SSL', 'checkbox', { value: true }),
		],
		auth_methods: [passwordAuth(true)],
	},
	DWH_AZURE_SQL: {
		settings: [hostname('e.g. acme.database.windows.net'), port(1433), database(), schema('dbo')],
		auth_methods: [passwordAuth(true)],
	},
	DWH_DATABRICKS: {
		settings: [
			hostname('Server hostname, e.g. adb-1234567890123456.7.azuredatabricks.net'),
			text('http_path', 'HTTP path', { required: true, help: 'e.g. /sql/1.0/warehouses/abc123' }),
			text('catalog', 'Catalog', { help: 'Empty: hive_metastore' }),
			schema('default'),
		],
		auth_methods: [
			authMethod('AUTH_METHOD_ACCESS_TOKEN', 'Personal Access Token', [secret('access_token', 'Access token', { required: true })], {
				isDefault: true,
				newSecret: 'access_token',
			}),
		],
	},
	DWH_S3: {
		settings: [
			text('bucket_name', 'Bucket', { required: true }),
			select(
				'region',
				'Region',
				[
					['us-east-1', 'US East (N. Virginia)'],
					['us-west-2', 'US West (Oregon)'],
					['eu-west-1', 'Europe (Ireland)'],
					['eu-central-1', 'Europe (Frankfurt)'],
					['eu-north-1', 'Europe (Stockholm)'],
					['ap-southeast-2', 'Asia Pacific (Sydney)'],
				],
				{ required: true },
			),
			text('path_prefix', 'Path prefix', { help: 'Folder in the bucket' }),
			select('file_format', 'File format', [['CSV', 'CSV'], ['PARQUET', 'Parquet']], { required: true, value: 'CSV' }),
			select('csv_delimiter', 'CSV delimiter', [[',', 'Comma'], [';', 'Semicolon'], ['\t', 'Tab']], {
				value: ',',
				showFor: [{ id: 'file_format', values: ['CSV'] }],
			}),
		],
		auth_methods: [
			authMethod(
				'AUTH_METHOD_ACCESS_KEY',
				'Access Key',
				[text('access_key_id', 'Access key ID', { required: true }), secret('secret_access_key', 'Secret access key', { required: true })],
				{ isDefault: true, newSecret: 'secret_access_key' },
			),
		],
	},
};

/** DestinationTypeSettings for every known type, in the catalogue's order. */
function destinationTypeSettings() {
	return Object.entries(DESTINATION_TYPES).map(([type, title]) => ({
		title,
		type,
		icon_url: `https://sandbox.invalid/icons/${type.toLowerCase()}.svg`,
		is_internal: false,
		// A copy each time: a caller may change what it is given.
		settings: structuredClone(SCHEMAS[type].settings),
		auth_methods: structuredClone(SCHEMAS[type].auth_methods),
	}));
}

/** The auth method a destination of `type` uses: the one named, or the type's default. */
function findAuthMethod(type, id) {
	const methods = SCHEMAS[type].auth_methods;
	return id === undefined || id === null ? methods.find((m) => m.is_default) : methods.find((m) => m.id === id);
}

/** The settings and the auth method's fields of a destination, in the form's order. */
function setupFields(type, method) {
	return [...SCHEMAS[type].settings, ...(method?.fields ?? [])];
}

module.exports = { destinationTypeSettings, findAuthMethod, setupFields };
