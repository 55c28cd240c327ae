import { destinationIdField } from '../pickers';
import { teamOperation } from '../operation';
import { destinationIdParam } from '../params';

/** GET /teams/{team_id}/destinations/{destination_id}/usage: is_used and the transfers using it. */
export const { fields, execute } = teamOperation({
	resource: 'destination',
	operation: 'getUsage',
	fields: (show) => [destinationIdField(show)],
	call(itemIndex) {
		const destinationId = destinationIdParam.call(this, itemIndex);
		return { method: 'GET', path: `/destinations/${destinationId}/usage`, echo: { destination_id: destinationId } };
	},
});
