import { teamOperation } from '../operation';

/**
 * GET /teams/{team_id}/transfers/available-sources: one item with data_sources, destinations and
 * destination_types, a bare body.
 */
export const { fields, execute } = teamOperation({
	resource: 'transfer',
	operation: 'getAvailableSources',
	call: () => ({ method: 'GET', path: '/transfers/available-sources' }),
});
