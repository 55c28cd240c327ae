import { transferIdField } from '../pickers';
import { teamOperation } from '../operation';
import { withSimplify } from '../simplify';
import { transferIdParam } from '../params';
import { INT64_MAX } from '../validation';

/**
 * GET /teams/{team_id}/transfers/{transfer_id}/backfills/latest: the newest backfill whatever its
 * status; 404 when the transfer never had one.
 */
export const { fields, execute } = withSimplify(
	teamOperation({
		resource: 'backfill',
		operation: 'getLatest',
		fields: (show) => [transferIdField(show)],
		call(itemIndex) {
			return { method: 'GET', path: `/transfers/${transferIdParam.call(this, itemIndex, INT64_MAX)}/backfills/latest` };
		},
	}),
	'backfill',
	'getLatest',
);
