import { teamOperation } from '../operation';
import { withSimplify } from '../simplify';

/**
 * GET /teams/{team_id}/backfills: one item per backfill not yet COMPLETED or CANCELLED, newest
 * first (at most 100, unpaged).
 */
export const { fields, execute } = withSimplify(
	teamOperation({
		resource: 'backfill',
		operation: 'listIncomplete',
		call: () => ({ method: 'GET', path: '/backfills' }),
		output: 'list',
	}),
	'backfill',
	'listIncomplete',
);
