import { idField } from '../descriptions';
import { teamOperation } from '../operation';
import { withSimplify } from '../simplify';
import { idParam } from '../params';
import { TRANSFER_RUN_ID } from '../validation';

/** GET /teams/{team_id}/transfer_runs/{transfer_run_id}: timings, row counts and query_details. */
export const { fields, execute } = withSimplify(
	teamOperation({
		resource: 'transferRun',
		operation: 'get',
		fields: (show) => [
			idField(
				{
					displayName: 'Transfer Run ID',
					name: 'transferRunId',
					placeholder: '12345',
					description: 'The run (id in List\'s items), a whole number of up to 19 digits. Keep it a string in expressions.',
				},
				show,
			),
		],
		call(itemIndex) {
			return { method: 'GET', path: `/transfer_runs/${idParam.call(this, 'transferRunId', TRANSFER_RUN_ID, itemIndex)}` };
		},
	}),
	'transferRun',
	'get',
);
