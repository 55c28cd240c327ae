import { transferIdField } from '../pickers';
import { teamOperation } from '../operation';
import { transferIdParam } from '../params';
import { INT32_MAX } from '../validation';

/** DELETE /teams/{team_id}/transfers/{transfer_id}: a soft delete answered 204 with no body. */
export const { fields, execute } = teamOperation({
	resource: 'transfer',
	operation: 'delete',
	fields: (show) => [transferIdField(show)],
	call(itemIndex) {
		const transferId = transferIdParam.call(this, itemIndex, INT32_MAX);
		return { method: 'DELETE', path: `/transfers/${transferId}`, echo: { transfer_id: transferId, deleted: true } };
	},
	output: 'echo',
	write: { done: 'the transfer was deleted', findIt: 'with Transfer → List' },
});
