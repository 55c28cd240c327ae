import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { destinationIdField, teamIdField } from '../descriptions';
import { destinationIdParam, teamIdParam } from '../params';
import { dtsRequest } from '../transport';
import type { RequestSettings } from '../transport';

const show = { show: { resource: ['destination'], operation: ['delete'] } };

export const fields: INodeProperties[] = [teamIdField(show), destinationIdField(show)];

/**
 * DELETE /teams/{team_id}/destinations/{destination_id}: 204 with no body, or 409 while a
 * transfer still writes into it (Get Usage lists them).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const destinationId = destinationIdParam.call(this, itemIndex);
	await dtsRequest.call(
		this,
		{ method: 'DELETE', path: `/teams/${teamId}/destinations/${destinationId}` },
		settings,
		itemIndex,
	);
	return { destination_id: destinationId, deleted: true };
}
