import { destinationIdField } from '../pickers';
import { teamOperation } from '../operation';
import { destinationIdParam } from '../params';
import { destinationConfiguration, destinationConfigurationFields } from './configuration';

/** PUT /teams/{team_id}/destinations/{destination_id}: type, display_name and fields are required. */
export const { fields, execute } = teamOperation({
	resource: 'destination',
	operation: 'update',
	fields: (show) => [destinationIdField(show), ...destinationConfigurationFields(show, { newSecret: true })],
	async call(itemIndex) {
		const destinationId = destinationIdParam.call(this, itemIndex);
		const { body, secrets } = await destinationConfiguration.call(this, itemIndex, { newSecret: true });
		return { method: 'PUT', path: `/destinations/${destinationId}`, body, secrets, echo: { destination_id: destinationId } };
	},
	write: { done: 'the destination was updated', findIt: 'with Destination → Get', wrapped: true },
});
