import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { destinationIdField, teamIdField } from '../descriptions';
import { destinationIdParam, teamIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';

const show = { show: { resource: ['destination'], operation: ['get'] } };

export const fields: INodeProperties[] = [teamIdField(show), destinationIdField(show)];

/** GET /teams/{team_id}/destinations/{destination_id}: its type and edit_settings. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const destinationId = destinationIdParam.call(this, itemIndex);
	return dtsObject.call(
		this,
		{ method: 'GET', path: `/teams/${teamId}/destinations/${destinationId}` },
		settings,
		itemIndex,
	);
}
