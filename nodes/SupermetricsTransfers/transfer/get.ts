import { transferIdField } from '../pickers';
import { teamOperation } from '../operation';
import { withSimplify } from '../simplify';
import { transferIdParam } from '../params';
import { INT32_MAX } from '../validation';

/** GET /teams/{team_id}/transfers/{transfer_id}: the full configuration, a bare body. */
export const { fields, execute } = withSimplify(
	teamOperation({
		resource: 'transfer',
		operation: 'get',
		fields: (show) => [transferIdField(show)],
		call(itemIndex) {
			return { method: 'GET', path: `/transfers/${transferIdParam.call(this, itemIndex, INT32_MAX)}` };
		},
	}),
	'transfer',
	'get',
);
