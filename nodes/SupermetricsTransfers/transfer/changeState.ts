import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField, transferIdField } from '../descriptions';
import { optionParam, teamIdParam, transferIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { INT32_MAX, TRANSFER_STATE } from '../validation';

const show = { show: { resource: ['transfer'], operation: ['changeState'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	transferIdField(show),
	{
		displayName: 'Action',
		name: 'transferState',
		type: 'options',
		required: true,
		options: [
			{ name: 'Pause', value: 'pause', description: 'Stop scheduled runs; the configuration is kept' },
			{ name: 'Resume', value: 'unpause', description: 'Run again from the next scheduled time' },
		],
		default: 'pause',
		description: 'What to do with the transfer (transfer_state)',
		displayOptions: show,
	},
];

/** PUT /teams/{team_id}/transfers/{transfer_id}/state; the answer is bare: {result, state}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const transferId = transferIdParam.call(this, itemIndex, INT32_MAX);
	const transferState = optionParam.call(this, 'transferState', TRANSFER_STATE, itemIndex, ['pause', 'unpause']);
	const data = await dtsObject.call(
		this,
		{
			method: 'PUT',
			path: `/teams/${teamId}/transfers/${transferId}/state`,
			body: { transfer_state: transferState },
		},
		settings,
		itemIndex,
	);
	return { transfer_id: transferId, ...data };
}
