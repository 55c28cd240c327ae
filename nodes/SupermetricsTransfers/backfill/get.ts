import { backfillIdField } from '../descriptions';
import { teamOperation } from '../operation';
import { idParam } from '../params';
import { BACKFILL_ID } from '../validation';

/** GET /teams/{team_id}/backfills/{backfill_id}: status and progress counts. */
export const { fields, execute } = teamOperation({
	resource: 'backfill',
	operation: 'get',
	fields: (show) => [backfillIdField(show)],
	call(itemIndex) {
		return { method: 'GET', path: `/backfills/${idParam.call(this, 'backfillId', BACKFILL_ID, itemIndex)}` };
	},
});
