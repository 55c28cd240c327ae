import { destinationIdField } from '../pickers';
import { teamOperation } from '../operation';
import { destinationIdParam } from '../params';

/** GET /teams/{team_id}/destinations/{destination_id}: its type and edit_settings. */
export const { fields, execute } = teamOperation({
	resource: 'destination',
	operation: 'get',
	fields: (show) => [destinationIdField(show)],
	call(itemIndex) {
		return { method: 'GET', path: `/destinations/${destinationIdParam.call(this, itemIndex)}` };
	},
});
