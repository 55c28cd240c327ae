import { manyOperation } from '../manyItems';
import { transferConfiguration, transferConfigurationFields } from './configuration';

/**
 * POST /teams/{team_id}/transfers/batch (the newest reference): each input item's configuration,
 * read and checked as Create's, and sent 100 to a request; each is created or refused on its own,
 * and its result (by its index in the request) becomes that item's output: the new transfer_id, or
 * its error_code, message and validation_errors. The API refuses an exact duplicate within one
 * request, per item.
 */
export const { fields, executeMany } = manyOperation({
	resource: 'transfer',
	operation: 'createMany',
	fields: transferConfigurationFields,
	async read(itemIndex) {
		return { part: transferConfiguration.call(this, itemIndex) };
	},
	request: (transfers) => ({ method: 'POST', path: '/transfers/batch', body: { transfers } }),
	resultOf: (results, _part, position) => results.find((result) => Number(result.index) === position),
	output: ({ transfer_id, transfer_name, status }) => ({ transfer_id, transfer_name, status }),
	words: { thing: 'transfer', done: 'created', findIt: 'with Transfer → List' },
});
