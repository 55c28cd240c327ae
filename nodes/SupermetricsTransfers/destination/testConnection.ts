import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { destinationIdField, failOnFalseField, teamIdField } from '../descriptions';
import { failIfFalse } from '../outcome';
import { optionalIdParam, teamIdParam } from '../params';
import { dtsRequest, requireData } from '../transport';
import type { RequestSettings } from '../transport';
import { DESTINATION_ID, INT32_MAX } from '../validation';
import { destinationConfiguration, destinationConfigurationFields } from './configuration';

const show = { show: { resource: ['destination'], operation: ['testConnection'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	...destinationConfigurationFields(show, { newSecret: true }),
	{
		...destinationIdField(
			show,
			'Optional: an existing destination (destination_id) to test with the settings and secrets above in place of its stored ones',
		),
		required: false,
	},
	failOnFalseField(show, {
		displayName: 'Fail If Connection Fails',
		description:
			'Whether a failed test (success false) fails the item. Off: the answer, with its error, goes to the next node.',
	}),
];

/**
 * POST /teams/{team_id}/destinations/test-connection. A connection that fails is still a 200, with
 * success false and the reason in error.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const { body, secrets } = destinationConfiguration.call(this, itemIndex, { newSecret: true });
	const destinationId = optionalIdParam.call(this, 'destinationId', DESTINATION_ID, itemIndex, INT32_MAX);
	if (destinationId !== undefined) body.destination_id = Number(destinationId);
	const response = await dtsRequest.call(
		this,
		{ method: 'POST', path: `/teams/${teamId}/destinations/test-connection`, body, secrets },
		settings,
		itemIndex,
	);
	const data = requireData(this.getNode(), response, [], itemIndex);
	failIfFalse.call(
		this,
		itemIndex,
		data.success === true,
		{
			code: 'CONNECTION_FAILED',
			message: 'The destination connection test failed',
			description: typeof data.error === 'string' ? data.error : 'The API gave no reason.',
		},
		response.requestId,
	);
	return data;
}
