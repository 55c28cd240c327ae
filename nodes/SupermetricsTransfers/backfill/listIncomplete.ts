import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField } from '../descriptions';
import { teamIdParam } from '../params';
import { dtsList } from '../transport';
import type { RequestSettings } from '../transport';

const show = { show: { resource: ['backfill'], operation: ['listIncomplete'] } };

export const fields: INodeProperties[] = [teamIdField(show)];

/**
 * GET /teams/{team_id}/backfills: one item per backfill not yet COMPLETED or CANCELLED, newest
 * first (at most 100, unpaged).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject[]> {
	const teamId = teamIdParam.call(this, itemIndex);
	return dtsList.call(this, { method: 'GET', path: `/teams/${teamId}/backfills` }, settings, itemIndex);
}
