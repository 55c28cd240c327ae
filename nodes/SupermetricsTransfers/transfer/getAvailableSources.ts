import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField } from '../descriptions';
import { teamIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';

const show = { show: { resource: ['transfer'], operation: ['getAvailableSources'] } };

export const fields: INodeProperties[] = [teamIdField(show)];

/**
 * GET /teams/{team_id}/transfers/available-sources: one item with data_sources, destinations and
 * destination_types, a bare body.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	return dtsObject.call(
		this,
		{ method: 'GET', path: `/teams/${teamId}/transfers/available-sources` },
		settings,
		itemIndex,
	);
}
