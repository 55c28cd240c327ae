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
