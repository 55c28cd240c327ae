import { failOnFalseField } from '../descriptions';
import { destinationIdField } from '../pickers';
import { teamOperation } from '../operation';
import { failIfFalse } from '../outcome';
import { optionalIdParam } from '../params';
import { requireData } from '../transport';
import { DESTINATION_ID, INT32_MAX } from '../validation';
import { destinationConfiguration, destinationConfigurationFields } from './configuration';

/**
 * POST /teams/{team_id}/destinations/test-connection. A connection that fails is still a 200, with
 * success false and the reason in error.
 */
export const { fields, execute } = teamOperation({
	resource: 'destination',
	operation: 'testConnection',
	fields: (show) => [
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
	],
	async call(itemIndex) {
		const { body, secrets } = await destinationConfiguration.call(this, itemIndex, { newSecret: true });
		const destinationId = optionalIdParam.call(this, 'destinationId', DESTINATION_ID, itemIndex, INT32_MAX);
		if (destinationId !== undefined) body.destination_id = Number(destinationId);
		return { method: 'POST', path: '/destinations/test-connection', body, secrets };
	},
	output(response, itemIndex) {
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
	},
});
