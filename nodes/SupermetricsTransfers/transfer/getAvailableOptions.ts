import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dataSourceIdField, destinationIdField, teamIdField } from '../descriptions';
import { codeParam, destinationIdParam, teamIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { DATA_SOURCE_ID } from '../validation';

const show = { show: { resource: ['transfer'], operation: ['getAvailableOptions'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	dataSourceIdField(show),
	destinationIdField(show),
];

/**
 * GET /teams/{team_id}/transfers/available-options?source_id&destination_id: the schedules,
 * schemas, logins, accounts and segments a transfer of this source into this destination may use.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const sourceId = codeParam.call(this, 'dataSourceId', DATA_SOURCE_ID, itemIndex);
	const destinationId = destinationIdParam.call(this, itemIndex);
	return dtsObject.call(
		this,
		{
			method: 'GET',
			path: `/teams/${teamId}/transfers/available-options`,
			qs: { source_id: sourceId, destination_id: destinationId },
		},
		settings,
		itemIndex,
	);
}
