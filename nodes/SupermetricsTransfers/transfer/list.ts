import { teamOperation } from '../operation';
import { withSimplify } from '../simplify';
import { requireList } from '../transport';

/**
 * GET /teams/{team_id}/transfers: the team's transfers that are not deleted, one item each. The
 * list calls the id dwh_transfer_id; every other answer and every Transfer field chains on
 * transfer_id, so each item carries that too, with the same value.
 */
export const { fields, execute } = withSimplify(
	teamOperation({
		resource: 'transfer',
		operation: 'list',
		call: () => ({ method: 'GET', path: '/transfers' }),
		output(response, itemIndex) {
			return requireList(this.getNode(), response, itemIndex).map(({ dwh_transfer_id, ...rest }) => ({
				dwh_transfer_id,
				transfer_id: dwh_transfer_id,
				...rest,
			}));
		},
	}),
	'transfer',
	'list',
);
