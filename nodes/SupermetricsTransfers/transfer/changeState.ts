import { transferIdField } from '../pickers';
import { teamOperation } from '../operation';
import { optionParam, transferIdParam } from '../params';
import { INT32_MAX, TRANSFER_STATE } from '../validation';

/** PUT /teams/{team_id}/transfers/{transfer_id}/state; the answer is bare: {result, state}. */
export const { fields, execute } = teamOperation({
	resource: 'transfer',
	operation: 'changeState',
	fields: (show) => [
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
	],
	call(itemIndex) {
		const transferId = transferIdParam.call(this, itemIndex, INT32_MAX);
		const state = optionParam.call(this, 'transferState', TRANSFER_STATE, itemIndex, ['pause', 'unpause']);
		return {
			method: 'PUT',
			path: `/transfers/${transferId}/state`,
			body: { transfer_state: state },
			echo: { transfer_id: transferId },
		};
	},
	write: { done: 'the state change was made', findIt: 'with Transfer → Get' },
});
