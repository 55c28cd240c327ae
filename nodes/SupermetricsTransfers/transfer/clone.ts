import { transferIdField } from '../pickers';
import { teamOperation } from '../operation';
import { transferIdParam } from '../params';
import { INT32_MAX } from '../validation';
import { cloneOverrides, transferConfigurationFields } from './configuration';

/**
 * POST /teams/{team_id}/transfers/{transfer_id}/clone (the newest reference): a new, independent
 * transfer like the source, with the overrides given (each replacing the source's value whole).
 * The data source is always the source's; another destination must be of the same type;
 * notification recipients are not copied unless given. Not retried after a 5xx or a timeout: the
 * clone may exist already, and a second POST would make another.
 */
export const { fields, execute } = teamOperation({
	resource: 'transfer',
	operation: 'clone',
	fields: (show) => [
		{ ...transferIdField(show), description: 'The transfer to clone (transfer_id). Pick one of the team\'s transfers or type its ID.' },
		...transferConfigurationFields(show, { clone: true }),
	],
	call(itemIndex) {
		const transferId = transferIdParam.call(this, itemIndex, INT32_MAX);
		return { method: 'POST', path: `/transfers/${transferId}/clone`, body: cloneOverrides.call(this, itemIndex), echo: { source_transfer_id: transferId } };
	},
	write: {
		expect: ['transfer_id'],
		done: 'the transfer was cloned',
		findIt: 'with Transfer → List',
		again: 'make a second clone',
		wrapped: true,
		location: ['transfer_id', 'transfers'],
	},
});
