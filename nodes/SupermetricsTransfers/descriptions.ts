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
				'Your Supermetrics team ID, a whole number of up to 19 digits. In expressions keep it a string: ids past 2^53 lose digits as JavaScript numbers.',
		},
		displayOptions,
	);
}

const CODE_REGEX = '^[A-Z0-9_]{1,50}$';
const ID_REGEX = '^[1-9][0-9]{0,18}$';

/** A picker loaded from the API that still takes a typed value or an expression. */
function locator(
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description'> & { required?: boolean },
	searchListMethod: string,
	typed: { displayName: string; placeholder: string; regex: string; errorMessage: string },
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
			{
				displayName: typed.displayName,
				name: 'id',
				type: 'string',
				placeholder: typed.placeholder,
				validation: [
					{ type: 'regex', properties: { regex: typed.regex, errorMessage: typed.errorMessage } },
				],
			},
		],
	};
}

/** How a value may be typed instead of picked: a Supermetrics code, or a numeric id. */
const byCode = (placeholder: string) => ({
	displayName: 'By Code',
	placeholder,
	regex: CODE_REGEX,
	errorMessage: 'Use upper-case letters, digits and _ (at most 50), e.g. ' + placeholder,
});
const byId = (placeholder: string) => ({
	displayName: 'By ID',
	placeholder,
	regex: ID_REGEX,
	errorMessage: 'Use a whole number, e.g. ' + placeholder,
});

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

/** A day; the picker's time of day is ignored, and a typed YYYY-MM-DD is taken as it is. */
export function dateField(
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description'>,
	displayOptions: IDisplayOptions,
): INodeProperties {
	return { ...base, type: 'dateTime', required: true, default: '', displayOptions };
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
							displayName: 'Batch Interval (Ms)',
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
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description:
				'How long to wait for an answer. A create that times out is not retried: it may have been carried out.',
		},
	],
};
