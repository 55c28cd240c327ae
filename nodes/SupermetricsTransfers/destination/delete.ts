import { destinationIdField } from '../pickers';
import { teamOperation } from '../operation';
import { destinationIdParam } from '../params';

/**
 * DELETE /teams/{team_id}/destinations/{destination_id}: 204 with no body, or 409 while a
 * transfer still writes into it (Get Usage lists them).
 */
export const { fields, execute } = teamOperation({
	resource: 'destination',
	operation: 'delete',
	fields: (show) => [destinationIdField(show)],
	call(itemIndex) {
		const destinationId = destinationIdParam.call(this, itemIndex);
		return {
			method: 'DELETE',
			path: `/destinations/${destinationId}`,
			echo: { destination_id: destinationId, deleted: true },
		};
	},
	output: 'echo',
	write: { done: 'the destination was deleted', findIt: 'with Destination → List' },
});
