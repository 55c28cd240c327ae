import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { destinationIdField, teamIdField } from '../descriptions';
import { destinationIdParam, teamIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { destinationConfiguration, destinationConfigurationFields } from './configuration';

const show = { show: { resource: ['destination'], operation: ['update'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	destinationIdField(show),
	...destinationConfigurationFields(show, { newSecret: true }),
];

/** PUT /teams/{team_id}/destinations/{destination_id}: type, display_name and fields are required. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const destinationId = destinationIdParam.call(this, itemIndex);
	const { body, secrets } = destinationConfiguration.call(this, itemIndex, { newSecret: true });
	return dtsObject.call(
		this,
		{ method: 'PUT', path: `/teams/${teamId}/destinations/${destinationId}`, body, secrets },
		settings,
		itemIndex,
	);
}
