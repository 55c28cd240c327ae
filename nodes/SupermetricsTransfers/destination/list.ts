import { teamOperation } from '../operation';

/** GET /teams/{team_id}/destinations: one item per destination (id, display_name, type). */
export const { fields, execute } = teamOperation({
	resource: 'destination',
	operation: 'list',
	call: () => ({ method: 'GET', path: '/destinations' }),
	output: 'list',
});
