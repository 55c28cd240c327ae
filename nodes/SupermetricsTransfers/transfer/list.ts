import { teamOperation } from '../operation';

/** GET /teams/{team_id}/transfers: the team's transfers that are not deleted, one item each. */
export const { fields, execute } = teamOperation({
	resource: 'transfer',
	operation: 'list',
	call: () => ({ method: 'GET', path: '/transfers' }),
	output: 'list',
});
