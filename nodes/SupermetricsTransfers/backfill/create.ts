import { dateField } from '../descriptions';
import { transferIdField } from '../pickers';
import { teamOperation } from '../operation';
import { withSimplify } from '../simplify';
import { dateRangeParams, transferIdParam } from '../params';
import { INT64_MAX, RANGE_END, RANGE_START } from '../validation';
import { withWait } from './wait';

/**
 * POST /teams/{team_id}/transfers/{transfer_id}/backfills, answered 200 (not 201) with the backfill
 * in status CREATED. A range overlapping an active backfill is refused. Not retried after a 5xx or
 * a timeout: the backfill may be scheduled already.
 */
const operation = teamOperation({
	resource: 'backfill',
	operation: 'create',
	fields: (show) => [
		transferIdField(show),
		dateField({ displayName: 'Range Start', name: 'rangeStart', description: 'First day to re-process, inclusive (range_start), as YYYY-MM-DD' }, show, '2024-01-01'),
		dateField({ displayName: 'Range End', name: 'rangeEnd', description: 'Last day to re-process, inclusive (range_end), as YYYY-MM-DD' }, show),
	],
	call(itemIndex) {
		const transferId = transferIdParam.call(this, itemIndex, INT64_MAX);
		const [start, end] = dateRangeParams.call(this, ['rangeStart', 'rangeEnd'], [RANGE_START, RANGE_END], itemIndex);
		return {
			method: 'POST',
			path: `/transfers/${transferId}/backfills`,
			body: { range_start: start, range_end: end },
		};
	},
	write: {
		expect: ['transfer_backfill_id'],
		wrapped: true,
		done: 'the backfill was scheduled',
		findIt: 'with Backfill → Get Latest',
		again: 'schedule a second backfill, or be refused for the overlap',
		location: ['transfer_backfill_id', 'backfills'],
	},
});

export const { fields, execute } = withSimplify(withWait(operation, 'create'), 'backfill', 'create');
