import { teamOperation } from '../operation';
import { requireData } from '../transport';
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
	output(response, itemIndex) {
		return requireData(this.getNode(), response, ['transfer_id'], itemIndex);
	},
});
