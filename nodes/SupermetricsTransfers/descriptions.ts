import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Field definitions shared by operations. Each takes the displayOptions of the operation that
 * shows it, so a field is written once and reused.
 */

/** A numeric id typed as a string: ids past 2^53 would lose digits as JavaScript numbers. */
export function idField(
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'placeholder'>,
	displayOptions?: IDisplayOptions,
): INodeProperties {
	return { ...base, type: 'string', required: true, default: '', displayOptions };
}

export function teamIdField(displayOptions?: IDisplayOptions): INodeProperties {
	return idField(
		{
			displayName: 'Team ID',
			name: 'teamId',
			placeholder: '12345',
			description:
				'Your Supermetrics team ID, a whole number of up to 19 digits. From an expression, pass it as text (in quotes in JSON): very long numbers lose their last digits in JavaScript.',
		},
		displayOptions,
	);
}

/**
 * Team ID where the API has no team (login links): optional, checked when given, used by the
 * pickers and handed on for the next step; `description` says what it does there.
 */
export function optionalTeamIdField(displayOptions: IDisplayOptions, description: string): INodeProperties {
	return { ...teamIdField(displayOptions), required: false, description };
}

/**
 * A picker loaded from the API that still takes a typed value or an expression. The typed mode has
 * no `validation` regex: n8n-workflow runs those under a 250 ms wall-clock watchdog, which fails
 * on a busy machine; the node's own checks (validation.ts) check every value before use.
 */
export function locator(
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description'> & { required?: boolean },
	searchListMethod: string,
	typed: TypedMode,
	displayOptions?: IDisplayOptions,
): INodeProperties {
	return {
		required: true,
		...base,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ ...typed, type: 'string' },
		],
	};
}

export interface TypedMode {
	displayName: string;
	name: string;
	placeholder: string;
}

/**
 * How a value may be typed instead of picked: a Supermetrics code, or a numeric id. The code mode
 * is not named `id`: n8n's editor labels a mode of that name "By ID" whatever its displayName.
 * Workflows saved with mode `id` for a code still run: n8n hands the value of a mode it does not
 * know through unchanged, and the node checks it as a code.
 */
const byCode = (placeholder: string): TypedMode => ({ displayName: 'By Code', name: 'code', placeholder });
export const byId = (placeholder: string): TypedMode => ({ displayName: 'By ID', name: 'id', placeholder });

/**
 * transfer_id: picked from the team's transfers (GET /teams/{team_id}/transfers) or typed. The
 * trigger's is optional: empty means every transfer.
 */
export function transferIdField(
	displayOptions?: IDisplayOptions,
	optional?: { description: string },
): INodeProperties {
	return locator(
		{
			displayName: 'Transfer',
			name: 'transferId',
			description:
				optional?.description ?? 'The transfer (transfer_id). Pick one of the team\'s transfers or type its ID.',
			required: !optional,
		},
		'searchTransfers',
		byId('36091'),
		displayOptions,
	);
}

/** destination_id: picked from the team's destinations (GET /teams/{team_id}/destinations) or typed. */
export function destinationIdField(
	displayOptions: IDisplayOptions,
	description = 'The destination (destination_id). Pick one of the team\'s destinations or type its ID.',
): INodeProperties {
	return locator(
		{ displayName: 'Destination', name: 'destinationId', description },
		'searchDestinations',
		byId('8'),
		displayOptions,
	);
}

export function dataSourceIdField(displayOptions: IDisplayOptions): INodeProperties {
	return locator(
		{
			displayName: 'Data Source',
			name: 'dataSourceId',
			description:
				'The data source to connect (data_source_id), e.g. GAWA for Google Analytics 4. Pick one or type any Supermetrics data source code.',
		},
		'searchDataSources',
		byCode('GAWA'),
		displayOptions,
	);
}

export function destinationTypeField(displayOptions: IDisplayOptions): INodeProperties {
	return locator(
		{
			displayName: 'Destination Type',
			name: 'destinationType',
			description:
				'Where the transfer will write (destination_type), e.g. DWH_SNOWFLAKE. Pick one or type any Supermetrics destination code.',
		},
		'searchDestinationTypes',
		byCode('DWH_SNOWFLAKE'),
		displayOptions,
	);
}

/**
 * ds_id of the Supermetrics API (login links): picked like Data Source (the team's available
 * sources once a Team ID is typed, common codes before) or typed; its codes may hold a-z and -.
 */
export function loginDataSourceField(displayOptions: IDisplayOptions): INodeProperties {
	return locator(
		{
			displayName: 'Data Source',
			name: 'dsId',
			description:
				'The data source to log in to (ds_id), e.g. GAWA for Google Analytics 4. Pick one (the team\'s available sources when a Team ID is given) or type any Supermetrics data source code.',
		},
		'searchDataSources',
		byCode('GAWA'),
		displayOptions,
	);
}

/** link_id: picked from Login Link → List (GET /ds/login/links) or typed. */
export function loginLinkIdField(displayOptions: IDisplayOptions): INodeProperties {
	return locator(
		{ displayName: 'Login Link', name: 'linkId', description: 'The login link (link_id). Pick one of the links or type its ID.' },
		'searchLoginLinks',
		byId('lnk_1001'),
		displayOptions,
	);
}

/** login_id: picked from Data Source Login → List (GET /ds/logins) or typed. */
export function loginIdField(displayOptions: IDisplayOptions): INodeProperties {
	return locator(
		{
			displayName: 'Data Source Login',
			name: 'loginId',
			description: 'The data source login (login_id), as a login link\'s login_id gives it. Pick one of the logins or type its ID.',
		},
		'searchLogins',
		byId('2830600'),
		displayOptions,
	);
}

/**
 * Return All, and Limit while it is off, for a list the node pages through; `max` is the most
 * either hands on (the README states each).
 */
export function returnAllFields(displayOptions: IDisplayOptions, max: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: max },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

export function displayNameField(displayOptions: IDisplayOptions, description: string): INodeProperties {
	return {
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		description,
		displayOptions,
	};
}

/** backfill_id, as Create Backfill and List Incomplete give it (transfer_backfill_id). */
export function backfillIdField(displayOptions: IDisplayOptions): INodeProperties {
	return idField(
		{
			displayName: 'Backfill ID',
			name: 'backfillId',
			placeholder: '12345',
			description: 'The backfill (transfer_backfill_id in its answers), a whole number of up to 19 digits',
		},
		displayOptions,
	);
}

/**
 * A day, typed as YYYY-MM-DD: the API takes days, and a date-and-time picker would offer a time
 * that is dropped. A date-time from an expression (or a workflow saved with the old picker) still
 * counts as its day.
 */
export function dateField(
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description'>,
	displayOptions: IDisplayOptions,
	placeholder = '2024-01-31',
): INodeProperties {
	return { ...base, type: 'string', required: true, default: '', placeholder, displayOptions };
}

/** For an API answer that reports a failed check as data: hand it on, or fail the item. */
export function failOnFalseField(
	displayOptions: IDisplayOptions,
	what: { displayName: string; description: string },
): INodeProperties {
	return { ...what, name: 'failOnFalse', type: 'boolean', default: false, displayOptions };
}

/** Settings every operation shares; read once per run. */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batching',
			name: 'batching',
			placeholder: 'Add Batching',
			type: 'fixedCollection',
			typeOptions: { multipleValues: false },
			default: { batch: {} },
			description:
				'Send many items faster, or slower to spare the rate limit. Without it, items are sent one after another. Output order and pairing always follow the input.',
			options: [
				{
					displayName: 'Batching',
					name: 'batch',
					values: [
						{
							displayName: 'Items per Batch',
							name: 'batchSize',
							type: 'number',
							typeOptions: { minValue: -1 },
							default: 50,
							description: 'Input items per batch; -1 puts all items in one batch',
						},
						{
							displayName: 'Batch Interval (Milliseconds)',
							name: 'batchInterval',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 1000,
							description: 'Pause between batches, in milliseconds',
						},
						{
							displayName: 'Max Concurrent Requests',
							name: 'concurrency',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 0,
							description:
								'Requests in flight at once within a batch; 0 sends the whole batch at once. Without Continue On Fail, items after a failing one in the same batch may already have been sent.',
						},
					],
				},
			],
		},
		{
			displayName: 'Max Rate-Limit Wait (Seconds)',
			name: 'maxRateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 3600 },
			default: 60,
			description:
				'When the API answers 429, wait its Retry-After and try again (3 tries at most) if the wait is no longer than this. A longer wait, such as the monthly row quota, fails the item at once. 0 never waits.',
		},
		{
			displayName: 'Timeout (Milliseconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description:
				'How long to wait for an answer. A create that times out is not retried: it may have been carried out.',
		},
	],
};
