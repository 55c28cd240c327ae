/**
 * Every operation of the Supermetrics Transfers node, once: the parameters it runs with, the
 * reference operations (operationId) it must call, and what its output must hold when the static
 * mock answers with the reference's examples (or, where the reference has none, what Prism builds
 * from the schema's own `example` values). Adding an operation to the node is one row here; the
 * static suite fails for an operation the node offers that has no row.
 */
import type { IDataObject } from 'n8n-workflow';

import { BACKFILL, byCode, byId, byName, DESTINATION, LINK, LOGIN, TEAM, TRANSFER_INT32, TRANSFER_INT64, TRANSFER_RUN } from './support';

export interface OperationRow {
	resource: string;
	operation: string;
	/** Which reference answers it: the DTS API's (Base URL), or the logins one (Supermetrics API URL). */
	api?: 'logins';
	/** The node's parameters besides resource, operation and Team ID. */
	parameters: Record<string, unknown>;
	/** A Destination Secrets credential's data, when the row takes its secrets from one. */
	secrets?: Record<string, unknown>;
	/** The reference operations the node calls, in order. */
	calls: string[];
	/** It changes something in Supermetrics: an answer it cannot read must not invite a repeat. */
	write?: boolean;
	/**
	 * What a write's item hands on to the next step from the answer's `data` (the new thing's id):
	 * fields the reference leaves optional or nullable, or (connection_id, transfer_backfill_id)
	 * requires, but which a valid answer may still lack in the optional case.
	 */
	needs?: string[];
	/**
	 * A 2xx answer the reference documents as "not done" (Revoke's result false): the item rightly
	 * fails, with this message, rather than hand the answer on.
	 */
	refusal?: { when: (data: IDataObject) => boolean; message: RegExp };
	/** Its items are the elements of the answer's `data` list, one each. */
	list?: boolean;
	/** The output items (json) against the static mock; asymmetric matchers allowed. */
	output: unknown[];
	/**
	 * The output against the newest reference's static mock, where its examples give another than
	 * `output` (the older references'); without it, `output` holds for both.
	 */
	newestOutput?: unknown[];
}

/** A table group of the reference's examples, and Import's request example as a data model. */
const TABLE_GROUP = 'tg_123';
const TABLE_GROUP_MODEL = {
	version: 1,
	group: { group_name: 'Marketing Analytics', ds_id: 'GAWA', table_prefix: 'MKT' },
	tables: [{ table_name: 'SESSIONS', table_partition: 'date', fields: ['session_id', 'date', 'users'] }],
	fields: [
		{ field_id: 'session_id', target_name: 'session_id' },
		{ field_id: 'date', target_name: 'session_date' },
		{ field_id: 'users', target_name: 'user_count' },
	],
};

const PRIVATE_KEY = '-----BEGIN ENCRYPTED PRIVATE KEY-----MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI';
const SNOWFLAKE = {
	hostname: 'any-domain.my-region.snowflakecomputing.com',
	warehouse: 'DEMO_WH',
	database_name: 'TEST_DB',
	schema: 'PUBLIC',
	role: 'ACCOUNTADMIN',
	username: 'USER',
};

/**
 * A transfer configuration with every field the node can send (TransferConfigurationRequest):
 * a schedule of each interval, accounts and segments with logins, settings, recipients, a type.
 */
const transferConfiguration = {
	dataSourceId: byCode('AW'),
	schemaId: '2',
	destinationId: byId(DESTINATION),
	displayName: 'AW enhanced 2022-11-17',
	schedule: {
		entries: [
			{ runInterval: 'daily', runHour: 22, refreshWindow: 1 },
			{ runInterval: 'weekly', runHour: 3, refreshWindow: 2, runWeekday: 7 },
			{ runInterval: 'monthly', runHour: 4, refreshWindow: 1, runDay: 31 },
			{ runInterval: 'hourly', runHour: 0, refreshWindow: 1 },
		],
	},
	accountList: [JSON.stringify({ account_id: '1234567890', login_id: 2682599, data_source_username: 'user.name@supermetrics.com' })],
	accounts: { entries: [{ accountId: '8733197711', dataSourceUsername: 'user.name@supermetrics.com', loginId: 2682599 }] },
	segmentList: [JSON.stringify({ segment_id: '-2', segment_name: 'Mobile users', login_id: 2830506 })],
	additionalFields: {
		notificationRecipients: 'user1@supermetrics.com, user2@supermetrics.com',
		segments: { entries: [{ segmentId: '-1', segmentName: 'All users', dataSourceUsername: 'user.name@supermetrics.com', loginId: 2830506 }] },
		dataSourceSettings: { entries: [{ fieldId: 'BRAND_KEYWORDS', value: '', group: 'Default' }] },
		transferType: 1,
	},
};

/**
 * A login link and a login as Prism's static mock builds them (the logins reference has no
 * examples of its answers): each property the schema's own example or a placeholder of its type.
 */
const PRISM_LINK = {
	link_id: 'string',
	status_code: 'OPEN',
	description: 'string',
	ds_id: 'string',
	ds_name: 'string',
	require_username: 'string',
	redirect_url: 'string',
	redirect_verifier: 'string',
	user_id: 'string',
	user_email: 'string',
	login_url: 'string',
	created_time: '2019-08-24T14:15:22Z',
	expiry_time: '2019-08-24T14:15:22Z',
	login_id: 'string',
	login_time: '2019-08-24T14:15:22Z',
	login_username: 'string',
};
const PRISM_LOGIN = {
	'@type': 'ds_login',
	login_id: 'string',
	login_type: 'string',
	username: 'string',
	display_name: 'string',
	ds_info: { '@type': 'ds', ds_id: 'string', name: 'string' },
	default_scopes: ['string'],
	additional_scopes: ['string'],
	auth_time: '2019-08-24T14:15:22Z',
	auth_user_info: { '@type': 'user', user_id: 'string', email: 'user@example.com' },
	expiry_time: '2019-08-24T14:15:22Z',
	revoked_time: '2019-08-24T14:15:22Z',
	is_refreshable: true,
	is_shared: true,
};

/** A table group and an exported data model as Prism's static mock builds them (the newest reference has no examples of them). */
const PRISM_TABLE_GROUP = { '@type': 'table_group', group_id: 'string', schema_id: '1', name: 'string', links: { enclosure: { href: 'string' } } };
const PRISM_TABLE_GROUP_MODEL = {
	version: 1,
	group: { group_id: 'string', group_name: 'string', ds_id: 'string', table_prefix: 'string' },
	tables: [{ table_name: 'string', table_partition: 'date', report_type: 'string', fields: ['string'] }],
	fields: [{ field_id: 'string', field_name: 'string', display_name: 'string', target_name: 'string', data_type: 'string' }],
};

const SECRETS = { privateKey: PRIVATE_KEY, passphrase: 'correct horse battery staple' };

/** A Snowflake destination, its settings by name, its secrets from a Destination Secrets credential. */
const destinationFromCredential = {
	destinationType: byCode('DWH_SNOWFLAKE'),
	displayName: 'My Snowflake Destination',
	authMethod: 'AUTH_METHOD_KEY_PAIR',
	settings: byName(SNOWFLAKE),
	secretsSource: 'credential',
};
/** The same with its secrets typed into the node. */
const destinationConfiguration = { ...destinationFromCredential, secretsSource: 'node', secrets: SECRETS };

/** The Settings form as the editor saves it once filled in (the resource mapper's schema and values). */
const settingsForm = {
	mappingMode: 'defineBelow',
	value: { hostname: SNOWFLAKE.hostname, warehouse: SNOWFLAKE.warehouse },
	matchingColumns: [],
	schema: [
		{ id: 'hostname', displayName: 'Hostname', required: true, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'string' },
		{ id: 'warehouse', displayName: 'Warehouse', required: true, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'string' },
	],
	attemptToConvertTypes: false,
	convertFieldsToString: false,
};

/** The Backfill object of the reference's examples, ids as strings. */
const backfill = (fields: Record<string, unknown>) => ({
	transfer_backfill_id: BACKFILL,
	transfer_id: TRANSFER_INT64,
	range_start_date: '2024-01-01',
	range_end_date: '2024-01-31',
	created_time: '2024-02-01T09:00:00Z',
	created_user_id: '789',
	transfer_runs_total: 31,
	error_report: [],
	...fields,
});

export const OPERATIONS: OperationRow[] = [
	{
		resource: 'dataSourceConnection',
		operation: 'create',
		parameters: { dataSourceId: byCode('ADM'), destinationType: byCode('DWH_SNOWFLAKE') },
		calls: ['createDataSourceConnection'],
		write: true,
		needs: ['connection_id'],
		output: [
			{
				connection_id: '019461A0-0000-7000-8000-000000000001',
				login_url: null,
				connect_url: null,
				request_id: '019461A0-0000-7000-8000-000000000000',
				location: expect.any(String),
				team_id: TEAM,
				data_source_id: 'ADM',
				destination_type: 'DWH_SNOWFLAKE',
			},
		],
	},

	{
		resource: 'transfer',
		operation: 'create',
		parameters: transferConfiguration,
		calls: ['createTransfer'],
		write: true,
		needs: ['transfer_id'],
		output: [{ transfer_id: TRANSFER_INT32, transfer_name: 'AW enhanced 2022-11-17' }],
	},
	{
		resource: 'transfer',
		operation: 'clone',
		// The reference's request example: a name and another destination.
		parameters: { transferId: byId(TRANSFER_INT32), displayName: 'My Cloned Transfer', destinationId: byId(DESTINATION) },
		calls: ['cloneTransfer'],
		write: true,
		needs: ['transfer_id'],
		output: [{ source_transfer_id: TRANSFER_INT32, transfer_id: '36092', transfer_name: 'Copy of AW enhanced 2022-11-17' }],
	},
	{
		resource: 'transfer',
		operation: 'createMany',
		parameters: transferConfiguration,
		calls: ['batchCreateTransfers'],
		write: true,
		// The reference's example result for the request's first (and here only) transfer.
		output: [{ transfer_id: TRANSFER_INT32, transfer_name: 'GA4 -> Snowflake', status: 'success' }],
	},
	{
		resource: 'transfer',
		operation: 'delete',
		parameters: { transferId: byId(TRANSFER_INT32) },
		calls: ['deleteTransfer'],
		write: true,
		output: [{ transfer_id: TRANSFER_INT32, deleted: true }],
	},
	{
		resource: 'transfer',
		operation: 'get',
		parameters: { transferId: byId(TRANSFER_INT32) },
		calls: ['getTransfer'],
		// No example: Prism builds the answer from the schema's example values.
		output: [expect.objectContaining({ transfer_id: TRANSFER_INT32, display_name: 'AW enhanced 2022-11-17', schema_id: '2', destination_id: '8' })],
	},
	{
		resource: 'transfer',
		operation: 'getAvailableOptions',
		parameters: { dataSourceId: byCode('ADM'), destinationId: byId(DESTINATION) },
		calls: ['getTransferOptions'],
		output: [expect.objectContaining({ data_source: expect.objectContaining({ data_source_id: 'AW' }), schemas: expect.any(Array) })],
	},
	{
		resource: 'transfer',
		operation: 'getAvailableSources',
		parameters: {},
		calls: ['getAvailableSources'],
		output: [
			expect.objectContaining({
				data_sources: [expect.objectContaining({ data_source_id: 'AW', service_name: 'Google Ads' })],
				destinations: [expect.objectContaining({ destination_id: '8', destination_type: 'SQL_BQ' })],
				destination_types: [expect.objectContaining({ type: 'SQL_BQ', title: 'BigQuery' })],
			}),
		],
	},
	{
		resource: 'transfer',
		operation: 'list',
		parameters: {},
		calls: ['listTransfers'],
		list: true,
		output: [
			{
				dwh_transfer_id: TRANSFER_INT32,
				transfer_id: TRANSFER_INT32,
				display_name: 'AW enhanced 2022-11-17',
				external_transfer_id: 'ext-36091',
				status: 'active',
				state: 'active',
				schedule: 'daily',
				run_date: '2026-01-01',
				data_source: null,
				destination: null,
				accounts: [],
				backfill: null,
			},
		],
		// The newest reference's example has `account_details: []` too, which its schema does not declare (nor forbid): handed on.
		newestOutput: [
			{
				dwh_transfer_id: TRANSFER_INT32,
				transfer_id: TRANSFER_INT32,
				display_name: 'AW enhanced 2022-11-17',
				external_transfer_id: 'ext-36091',
				status: 'active',
				state: 'active',
				schedule: 'daily',
				run_date: '2026-01-01',
				data_source: null,
				destination: null,
				accounts: [],
				account_details: [],
				backfill: null,
			},
		],
	},
	{
		resource: 'transfer',
		operation: 'changeState',
		parameters: { transferId: byId(TRANSFER_INT32), transferState: 'pause' },
		calls: ['changeTransferState'],
		write: true,
		output: [{ transfer_id: TRANSFER_INT32, result: true, state: 'PAUSED' }],
	},
	{
		resource: 'transfer',
		operation: 'update',
		parameters: { transferId: byId(TRANSFER_INT32), ...transferConfiguration },
		calls: ['updateTransfer'],
		write: true,
		output: [{ transfer_id: TRANSFER_INT32, transfer_name: 'AW enhanced updated' }],
	},
	{
		resource: 'transfer',
		operation: 'validate',
		parameters: transferConfiguration,
		calls: ['validateTransfer'],
		output: [expect.objectContaining({ is_valid: true, errors: expect.any(Array) })],
	},
	{
		resource: 'transfer',
		operation: 'validateUpdate',
		parameters: { transferId: byId(TRANSFER_INT32), ...transferConfiguration },
		calls: ['validateTransferUpdate'],
		output: [expect.objectContaining({ is_valid: true, errors: expect.any(Array) })],
	},

	{
		resource: 'transferRun',
		operation: 'get',
		parameters: { transferRunId: TRANSFER_RUN },
		calls: ['getTransferRun'],
		output: [
			expect.objectContaining({
				id: TRANSFER_RUN,
				status: 'COMPLETED',
				external_id: 'ext-12345',
				total_rows: 4500,
				data_date: '2024-01-15',
				query_details: [expect.objectContaining({ rows: 3000 }), expect.objectContaining({ rows: 1500 })],
			}),
		],
	},
	{
		resource: 'transferRun',
		operation: 'list',
		parameters: {
			transferId: byId(TRANSFER_INT64),
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			limit: 50,
			filters: { filterIssuesOnly: false, sortField: 'created_time', sortDirection: 'DESC' },
		},
		calls: ['listTransferRuns'],
		list: true,
		output: [
			expect.objectContaining({ id: '12345', status: 'COMPLETED', type: 'Recurring' }),
			expect.objectContaining({ id: '12344', status: 'FAILED', message: 'Connection timeout to data source' }),
			expect.objectContaining({ id: '12343', type: 'Backfill' }),
		],
	},

	{
		resource: 'destination',
		operation: 'create',
		parameters: destinationFromCredential,
		secrets: SECRETS,
		calls: ['createDestination'],
		write: true,
		needs: ['id'],
		output: [expect.objectContaining({ id: '123', display_name: 'My Snowflake Destination', location: expect.any(String) })],
	},
	{
		resource: 'destination',
		operation: 'rotateSecrets',
		parameters: { destinationId: byId(DESTINATION), destinationType: byCode('DWH_SNOWFLAKE') },
		secrets: { newSecret: 'rotated-secret' },
		calls: ['batchUpdateDestinations'],
		write: true,
		// The reference has no example; Prism's answer names destination 0, not the one sent: the
		// request was carried out, but has no result for it, which the item says.
		output: [expect.objectContaining({ status: 'unknown', notice: expect.stringContaining('no result for this destination') })],
	},
	{
		resource: 'destination',
		operation: 'delete',
		parameters: { destinationId: byId(DESTINATION) },
		calls: ['deleteDestination'],
		write: true,
		output: [{ destination_id: DESTINATION, deleted: true }],
	},
	{
		resource: 'destination',
		operation: 'get',
		parameters: { destinationId: byId(DESTINATION) },
		calls: ['getDestination'],
		output: [expect.objectContaining({ id: '123', display_name: 'My Snowflake Destination', destination_type: expect.objectContaining({ type: 'DWH_SNOWFLAKE' }) })],
	},
	{
		resource: 'destination',
		operation: 'getUsage',
		parameters: { destinationId: byId(DESTINATION) },
		calls: ['getDestinationUsage'],
		output: [{ destination_id: DESTINATION, is_used: true, transfers: [{ transfer_id: '12345', transfer_name: 'Google Analytics to BigQuery' }] }],
	},
	{
		resource: 'destination',
		operation: 'list',
		parameters: {},
		calls: ['listDestinations'],
		list: true,
		output: [{ id: '123', display_name: 'My Snowflake Destination', type: 'DWH_SNOWFLAKE' }],
	},
	{
		resource: 'destination',
		operation: 'testConnection',
		parameters: { ...destinationConfiguration, typeSettings: settingsForm, settings: byName({ database_name: 'TEST_DB', username: 'USER' }), destinationId: byId(DESTINATION), newPassword: 'rotated-secret' },
		calls: ['testConnection'],
		output: [{ success: true, error: null }],
	},
	{
		resource: 'destination',
		operation: 'update',
		parameters: { destinationId: byId(DESTINATION), ...destinationConfiguration, newPassword: 'rotated-secret' },
		calls: ['updateDestination'],
		write: true,
		output: [expect.objectContaining({ id: '123', display_name: 'My Snowflake Destination' })],
	},

	{
		resource: 'backfill',
		operation: 'cancel',
		parameters: { backfillId: BACKFILL },
		calls: ['updateBackfillStatus'],
		write: true,
		output: [
			backfill({
				status: 'CANCELLED',
				removed_time: '2024-02-01T15:30:00Z',
				removed_user_id: '790',
				start_time: '2024-02-01T10:00:00Z',
				end_time: '2024-02-01T15:30:00Z',
				transfer_runs_created: 31,
				transfer_runs_completed: 25,
				transfer_runs_failed: 2,
			}),
		],
	},
	{
		resource: 'backfill',
		operation: 'create',
		parameters: { transferId: byId(TRANSFER_INT64), rangeStart: '2024-01-01', rangeEnd: '2024-01-31' },
		calls: ['createBackfill'],
		write: true,
		needs: ['transfer_backfill_id'],
		output: [backfill({ status: 'CREATED', start_time: null, end_time: null, transfer_runs_created: 0, transfer_runs_completed: 0, transfer_runs_failed: 0 })],
	},
	{
		resource: 'backfill',
		operation: 'get',
		parameters: { backfillId: BACKFILL },
		calls: ['getBackfillById'],
		output: [backfill({ status: 'RUNNING', start_time: '2024-02-01T10:00:00Z', end_time: null, transfer_runs_created: 31, transfer_runs_completed: 25, transfer_runs_failed: 2 })],
	},
	{
		resource: 'backfill',
		operation: 'getLatest',
		parameters: { transferId: byId(TRANSFER_INT64) },
		calls: ['getLatestBackfill'],
		// The first of the reference's examples (runningBackfill).
		output: [expect.objectContaining({ transfer_backfill_id: BACKFILL, status: 'RUNNING', transfer_runs_completed: 15 })],
	},
	{
		resource: 'backfill',
		operation: 'listIncomplete',
		parameters: {},
		calls: ['listIncompleteBackfills'],
		list: true,
		output: [
			expect.objectContaining({ transfer_backfill_id: '12347', transfer_id: '456790', status: 'RUNNING' }),
			expect.objectContaining({ transfer_backfill_id: '12346', transfer_id: '456789', status: 'RUNNING' }),
			expect.objectContaining({ transfer_backfill_id: '12345', transfer_id: '456788', status: 'SCHEDULED', start_time: null }),
		],
	},

	{
		resource: 'loginLink',
		operation: 'create',
		api: 'logins',
		parameters: {
			dsId: byCode('GAWA'),
			additionalFields: { description: 'Acme onboarding', expiryTime: '2099-03-01T23:59:59Z', redirectUrl: 'https://example.com/connected', requireUsername: 'client@acme.test' },
		},
		calls: ['createLoginLink'],
		write: true,
		needs: ['link_id', 'login_url'],
		// Team ID is not sent (the key decides the link's team), only handed on.
		output: [{ team_id: TEAM, ...PRISM_LINK }],
	},
	{ resource: 'loginLink', operation: 'get', api: 'logins', parameters: { linkId: byId(LINK) }, calls: ['getLoginLink'], output: [PRISM_LINK] },
	{ resource: 'loginLink', operation: 'list', api: 'logins', parameters: {}, calls: ['listLoginLinks'], list: true, output: [PRISM_LINK] },
	{ resource: 'loginLink', operation: 'update', api: 'logins', parameters: { linkId: byId(LINK), description: 'Renamed' }, calls: ['updateLoginLink'], write: true, output: [PRISM_LINK] },
	{ resource: 'loginLink', operation: 'close', api: 'logins', parameters: { linkId: byId(LINK) }, calls: ['closeLoginLink'], write: true, output: [PRISM_LINK] },
	{ resource: 'dataSourceLogin', operation: 'get', api: 'logins', parameters: { loginId: byId(LOGIN) }, calls: ['getDataSourceLogin'], output: [PRISM_LOGIN] },
	{ resource: 'dataSourceLogin', operation: 'list', api: 'logins', parameters: {}, calls: ['listDataSourceLogins'], list: true, output: [PRISM_LOGIN] },
	{
		resource: 'dataSourceLogin',
		operation: 'listAccounts',
		api: 'logins',
		parameters: { loginId: byId(LOGIN), returnAll: true },
		calls: ['listDataSourceLoginAccounts'],
		list: true,
		// One account, fewer than a page: paging ends there. Each account names its login.
		output: [{ '@type': 'ds_account', account_id: 'string', name: 'string', group: 'string', login_id: LOGIN }],
	},
	{
		resource: 'dataSourceLogin',
		operation: 'revoke',
		api: 'logins',
		parameters: { loginId: byId(LOGIN) },
		calls: ['revokeDataSourceLogin'],
		write: true,
		refusal: { when: (data) => data.result === false, message: /^Data source login 2830600 was not revoked: the API answered result false$/ },
		output: [{ login_id: LOGIN, result: true }],
	},

	// Table Groups: the newest reference's only, on the Supermetrics API URL below /enterprise/v2
	// (`api: 'logins'` says the origin). Only the newest reference's mock has them
	// (newest.*.test.ts); the older references' suites leave these rows out (newest.ts OLDER_ROWS).
	// Its table group answers have no examples: Prism builds them from the schemas' placeholders.
	{ resource: 'tableGroup', operation: 'list', api: 'logins', parameters: {}, calls: ['listTableGroups'], list: true, output: [PRISM_TABLE_GROUP] },
	{
		resource: 'tableGroup',
		operation: 'export',
		api: 'logins',
		parameters: { groupId: byId(TABLE_GROUP), version: 1 },
		calls: ['exportTableGroup'],
		// The bare data model, with the group it was exported from.
		output: [{ group_id: TABLE_GROUP, ...PRISM_TABLE_GROUP_MODEL }],
	},
	{
		resource: 'tableGroup',
		operation: 'import',
		api: 'logins',
		// The reference's request example.
		parameters: { dataModelFrom: 'json', dataModel: JSON.stringify(TABLE_GROUP_MODEL) },
		calls: ['importTableGroup'],
		write: true,
		needs: ['group_id', 'schema_id'],
		output: [PRISM_TABLE_GROUP],
	},
	{
		resource: 'tableGroup',
		operation: 'edit',
		api: 'logins',
		parameters: { groupId: byId(TABLE_GROUP), dataModelFrom: 'json', dataModel: JSON.stringify(TABLE_GROUP_MODEL) },
		calls: ['editTableGroup'],
		write: true,
		// The answer's group_id (Prism's placeholder) over the one asked for.
		output: [PRISM_TABLE_GROUP],
	},
];

/** The node's parameters for a row. */
export function parametersOf(row: OperationRow): Record<string, unknown> {
	return { resource: row.resource, operation: row.operation, teamId: TEAM, ...row.parameters };
}

export const rowName = (row: OperationRow) => `${row.resource} → ${row.operation}`;
