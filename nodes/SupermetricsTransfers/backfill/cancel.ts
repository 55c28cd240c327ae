import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { backfillIdField, teamIdField } from '../descriptions';
import { idParam, teamIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { BACKFILL_ID } from '../validation';

const show = { show: { resource: ['backfill'], operation: ['cancel'] } };

export const fields: INodeProperties[] = [teamIdField(show), backfillIdField(show)];

/**
 * PATCH /teams/{team_id}/backfills/{backfill_id} with status CANCELLED, the only change the API
 * allows. Queued runs are cancelled, running ones finish; a finished backfill answers 422.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const backfillId = idParam.call(this, 'backfillId', BACKFILL_ID, itemIndex);
	return dtsObject.call(
		this,
		{ method: 'PATCH', path: `/teams/${teamId}/backfills/${backfillId}`, body: { status: 'CANCELLED' } },
		settings,
		itemIndex,
	);
}
