import { dataSourceIdField, destinationIdField } from '../pickers';
import { teamOperation } from '../operation';
import { codeParam, destinationIdParam } from '../params';
import { DATA_SOURCE_ID } from '../validation';

/**
 * GET /teams/{team_id}/transfers/available-options?source_id&destination_id: the schedules,
 * schemas, logins, accounts and segments a transfer of this source into this destination may use.
 */
export const { fields, execute } = teamOperation({
	resource: 'transfer',
	operation: 'getAvailableOptions',
	fields: (show) => [dataSourceIdField(show), destinationIdField(show)],
	call(itemIndex) {
		const qs = {
			source_id: codeParam.call(this, 'dataSourceId', DATA_SOURCE_ID, itemIndex),
			destination_id: destinationIdParam.call(this, itemIndex),
		};
		return { method: 'GET', path: '/transfers/available-options', qs };
	},
});
