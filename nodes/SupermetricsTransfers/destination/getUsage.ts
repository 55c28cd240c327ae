import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { destinationIdField, teamIdField } from '../descriptions';
import { destinationIdParam, teamIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';

const show = { show: { resource: ['destination'], operation: ['getUsage'] } };

export const fields: INodeProperties[] = [teamIdField(show), destinationIdField(show)];

/** GET /teams/{team_id}/destinations/{destination_id}/usage: is_used and the transfers using it. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const destinationId = destinationIdParam.call(this, itemIndex);
	const data = await dtsObject.call(
		this,
		{ method: 'GET', path: `/teams/${teamId}/destinations/${destinationId}/usage` },
		settings,
		itemIndex,
	);
	return { destination_id: destinationId, ...data };
}
