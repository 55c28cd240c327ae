import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dateField, teamIdField, transferIdField } from '../descriptions';
import { dateRangeParams, teamIdParam, transferIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { INT64_MAX, RANGE_END, RANGE_START } from '../validation';

const show = { show: { resource: ['backfill'], operation: ['create'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	transferIdField(show),
	dateField({ displayName: 'Range Start', name: 'rangeStart', description: 'First day to re-process, inclusive (range_start)' }, show),
	dateField({ displayName: 'Range End', name: 'rangeEnd', description: 'Last day to re-process, inclusive (range_end)' }, show),
];

/**
 * POST /teams/{team_id}/transfers/{transfer_id}/backfills, answered 200 (not 201) with the backfill
 * in status CREATED. A range overlapping an active backfill is refused. Not retried after a 5xx or
 * a timeout: the backfill may be scheduled already.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const transferId = transferIdParam.call(this, itemIndex, INT64_MAX);
	const [rangeStart, rangeEnd] = dateRangeParams.call(this, ['rangeStart', 'rangeEnd'], [RANGE_START, RANGE_END], itemIndex);
	return dtsObject.call(
		this,
		{
			method: 'POST',
			path: `/teams/${teamId}/transfers/${transferId}/backfills`,
			body: { range_start: rangeStart, range_end: rangeEnd },
		},
		settings,
		itemIndex,
	);
}
