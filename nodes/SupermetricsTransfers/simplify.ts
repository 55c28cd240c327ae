import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { booleanParam } from './params';
import type { OperationModule } from './types';
import { SIMPLIFY } from './validation';

/**
 * What a simplified item keeps, per resource: its ids, name and status, times, counts and error.
 * n8n's guidelines ask for Simplify where an item has more than ten fields: the spec gives
 * Transfer List 11 (12 with our transfer_id), Transfer Get 11, Transfer Run Get 14 and every
 * backfill answer 16. Transfer Run List's items have 9 and stay as they are.
 */
export const SIMPLE_FIELDS = {
	// List's and Get's names together: each item keeps those of them it has.
	transfer: ['transfer_id', 'display_name', 'status', 'state', 'schedule', 'run_date', 'data_source', 'destination', 'destination_id'],
	transferRun: ['id', 'status', 'data_date', 'started_time', 'ended_time', 'total_duration', 'total_rows', 'query_amount', 'failed_query_amount', 'message'],
	backfill: [
		'transfer_backfill_id',
		'transfer_id',
		'status',
		'range_start_date',
		'range_end_date',
		'start_time',
		'end_time',
		'transfer_runs_total',
		'transfer_runs_completed',
		'transfer_runs_failed',
		'error_report',
	],
} as const;

export type SimpleResource = keyof typeof SIMPLE_FIELDS;

/**
 * What the node itself puts on an item, kept whatever the resource: Wait Until Finished's verdict,
 * and a write's notice that its 2xx lacked something (transport/writes.ts), which must not vanish.
 */
const NODE_FIELDS = ['succeeded', 'missing_fields', 'notice', 'request_id', 'location'];

function simplified(item: IDataObject, keep: readonly string[]): IDataObject {
	return Object.fromEntries(keep.filter((key) => key in item).map((key) => [key, item[key]]));
}

/**
 * An operation with Simplify added after its own fields. Off (the default), its output is
 * untouched, so workflows saved before it existed run as they did.
 */
export function withSimplify(operation: OperationModule, resource: SimpleResource, name: string): OperationModule {
	const keep = [...SIMPLE_FIELDS[resource], ...NODE_FIELDS];
	const field: INodeProperties = {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		hint: `Keeps ${SIMPLE_FIELDS[resource].join(', ')}`,
		displayOptions: { show: { resource: [resource], operation: [name] } },
	};
	return {
		fields: [...operation.fields, field],
		async execute(itemIndex, settings) {
			// Read first: a bad value sends nothing.
			const simplify = booleanParam.call(this, 'simplify', SIMPLIFY, itemIndex, false);
			const output = await operation.execute.call(this, itemIndex, settings);
			if (!simplify) return output;
			return Array.isArray(output) ? output.map((item) => simplified(item, keep)) : simplified(output, keep);
		},
	};
}
