import { teamOperation } from '../operation';

/**
 * GET /teams/{team_id}/backfills: one item per backfill not yet COMPLETED or CANCELLED, newest
 * first (at most 100, unpaged).
 */
export const { fields, execute } = teamOperation({
	resource: 'backfill',
	operation: 'listIncomplete',
	call: () => ({ method: 'GET', path: '/backfills' }),
	output: 'list',
});
