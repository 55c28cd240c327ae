import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField } from '../descriptions';
import { teamIdParam } from '../params';
import { dtsRequest, requireData } from '../transport';
import type { RequestSettings } from '../transport';
import { destinationConfiguration, destinationConfigurationFields } from './configuration';

const show = { show: { resource: ['destination'], operation: ['create'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	...destinationConfigurationFields(show, { newSecret: false }),
];

/**
 * POST /teams/{team_id}/destinations. Not retried after a 5xx or a timeout: the destination may
 * exist already, and a second POST would make another.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const { body, secrets } = destinationConfiguration.call(this, itemIndex, { newSecret: false });
	const response = await dtsRequest.call(
		this,
		{ method: 'POST', path: `/teams/${teamId}/destinations`, body, secrets },
		settings,
		itemIndex,
	);
	const data = requireData(this.getNode(), response, ['id'], itemIndex);
	return { ...data, location: response.headers.location ?? null };
}
