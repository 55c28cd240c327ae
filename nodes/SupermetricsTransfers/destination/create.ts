import { teamOperation } from '../operation';
import { destinationConfiguration, destinationConfigurationFields } from './configuration';

/**
 * POST /teams/{team_id}/destinations. Not retried after a 5xx or a timeout: the destination may
 * exist already, and a second POST would make another.
 */
export const { fields, execute } = teamOperation({
	resource: 'destination',
	operation: 'create',
	fields: (show) => destinationConfigurationFields(show, { newSecret: false }),
	async call(itemIndex) {
		const { body, secrets } = await destinationConfiguration.call(this, itemIndex, { newSecret: false });
		return { method: 'POST', path: '/destinations', body, secrets };
	},
	write: { expect: ['id'], done: 'the destination was created', findIt: 'with Destination → List', again: 'create a second destination', wrapped: true, location: ['id', 'destinations'] },
	output(response, _itemIndex, _echo, data) {
		return { ...data, location: response.headers.location ?? null };
	},
});
