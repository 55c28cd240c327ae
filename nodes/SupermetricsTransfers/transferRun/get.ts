import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idField, teamIdField } from '../descriptions';
import { idParam, teamIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { TRANSFER_RUN_ID } from '../validation';

const show = { show: { resource: ['transferRun'], operation: ['get'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	idField(
		{
			displayName: 'Transfer Run ID',
			name: 'transferRunId',
			placeholder: '12345',
			description: 'The run (id in List\'s items), a whole number of up to 19 digits. Keep it a string in expressions.',
		},
		show,
	),
];

/** GET /teams/{team_id}/transfer_runs/{transfer_run_id}: timings, row counts and query_details. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const runId = idParam.call(this, 'transferRunId', TRANSFER_RUN_ID, itemIndex);
	return dtsObject.call(
		this,
		{ method: 'GET', path: `/teams/${teamId}/transfer_runs/${runId}` },
		settings,
		itemIndex,
	);
}
