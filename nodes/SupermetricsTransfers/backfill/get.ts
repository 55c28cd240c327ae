import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { backfillIdField, teamIdField } from '../descriptions';
import { idParam, teamIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { BACKFILL_ID } from '../validation';

const show = { show: { resource: ['backfill'], operation: ['get'] } };

export const fields: INodeProperties[] = [teamIdField(show), backfillIdField(show)];

/** GET /teams/{team_id}/backfills/{backfill_id}: status and progress counts. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const backfillId = idParam.call(this, 'backfillId', BACKFILL_ID, itemIndex);
	return dtsObject.call(
		this,
		{ method: 'GET', path: `/teams/${teamId}/backfills/${backfillId}` },
		settings,
		itemIndex,
	);
}
