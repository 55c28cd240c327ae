import { teamOperation } from '../operation';
import { transferConfiguration, transferConfigurationFields } from './configuration';

/**
 * POST /teams/{team_id}/transfers. Not retried after a 5xx or a timeout: the transfer may exist
 * already, and a second POST would make another.
 */
export const { fields, execute } = teamOperation({
	resource: 'transfer',
	operation: 'create',
	fields: transferConfigurationFields,
	call(itemIndex) {
		return { method: 'POST', path: '/transfers', body: transferConfiguration.call(this, itemIndex) };
	},
	write: { expect: ['transfer_id'], done: 'the transfer was created', findIt: 'with Transfer → List', again: 'create a second transfer', wrapped: true, location: ['transfer_id', 'transfers'] },
});
