import { backfillIdField } from '../descriptions';
import { teamOperation } from '../operation';
import { withSimplify } from '../simplify';
import { idParam } from '../params';
import { BACKFILL_ID } from '../validation';
import { withWait } from './wait';

/** GET /teams/{team_id}/backfills/{backfill_id}: status and progress counts. */
const operation = teamOperation({
	resource: 'backfill',
	operation: 'get',
	fields: (show) => [backfillIdField(show)],
	call(itemIndex) {
		return { method: 'GET', path: `/backfills/${idParam.call(this, 'backfillId', BACKFILL_ID, itemIndex)}` };
	},
});

export const { fields, execute } = withSimplify(withWait(operation, 'get'), 'backfill', 'get');
