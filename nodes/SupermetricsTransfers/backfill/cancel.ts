import { backfillIdField } from '../descriptions';
import { teamOperation } from '../operation';
import { withSimplify } from '../simplify';
import { idParam } from '../params';
import { BACKFILL_ID } from '../validation';

/**
 * PATCH /teams/{team_id}/backfills/{backfill_id} with status CANCELLED, the only change the API
 * allows. Queued runs are cancelled, running ones finish; a finished backfill answers 422.
 */
export const { fields, execute } = withSimplify(
	teamOperation({
		resource: 'backfill',
		operation: 'cancel',
		fields: (show) => [backfillIdField(show)],
		call(itemIndex) {
			const backfillId = idParam.call(this, 'backfillId', BACKFILL_ID, itemIndex);
			return { method: 'PATCH', path: `/backfills/${backfillId}`, body: { status: 'CANCELLED' }, echo: { transfer_backfill_id: backfillId } };
		},
		write: { done: 'the backfill was cancelled', findIt: 'with Backfill → Get', wrapped: true },
	}),
	'backfill',
	'cancel',
);
