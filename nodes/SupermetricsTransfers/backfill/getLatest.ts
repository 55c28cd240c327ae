import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField, transferIdField } from '../descriptions';
import { teamIdParam, transferIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { INT64_MAX } from '../validation';

const show = { show: { resource: ['backfill'], operation: ['getLatest'] } };

export const fields: INodeProperties[] = [teamIdField(show), transferIdField(show)];

/**
 * GET /teams/{team_id}/transfers/{transfer_id}/backfills/latest: the newest backfill whatever its
 * status; 404 when the transfer never had one.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const transferId = transferIdParam.call(this, itemIndex, INT64_MAX);
	return dtsObject.call(
		this,
		{ method: 'GET', path: `/teams/${teamId}/transfers/${transferId}/backfills/latest` },
		settings,
		itemIndex,
	);
}
