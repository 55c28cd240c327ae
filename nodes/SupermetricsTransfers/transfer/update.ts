import { transferIdField } from '../pickers';
import { teamOperation } from '../operation';
import { transferIdParam } from '../params';
import { INT32_MAX } from '../validation';
import { transferConfiguration, transferConfigurationFields } from './configuration';

/**
 * PUT /teams/{team_id}/transfers/{transfer_id}: the whole configuration replaces the old one. The
 * bare answer's fields are all optional, so the item starts with the transfer_id that was sent.
 */
export const { fields, execute } = teamOperation({
	resource: 'transfer',
	operation: 'update',
	fields: (show) => [transferIdField(show), ...transferConfigurationFields(show)],
	call(itemIndex) {
		const transferId = transferIdParam.call(this, itemIndex, INT32_MAX);
		return { method: 'PUT', path: `/transfers/${transferId}`, body: transferConfiguration.call(this, itemIndex), echo: { transfer_id: transferId } };
	},
	write: { done: 'the transfer was updated', findIt: 'with Transfer → Get' },
});
