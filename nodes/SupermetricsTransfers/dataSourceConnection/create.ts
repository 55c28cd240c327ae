import { dataSourceIdField, destinationTypeField } from '../pickers';
import { teamOperation } from '../operation';
import { codeParam } from '../params';
import { DATA_SOURCE_ID, DESTINATION_TYPE } from '../validation';

/**
 * POST /teams/{team_id}/data-source-connections. Not retried after a 5xx or a timeout: the
 * connection may exist already, and a second POST would make another. The item hands on what
 * was sent, so the next setup step can chain from it.
 */
export const { fields, execute } = teamOperation({
	resource: 'dataSourceConnection',
	operation: 'create',
	fields: (show) => [dataSourceIdField(show), destinationTypeField(show)],
	call(itemIndex, teamId) {
		const dataSourceId = codeParam.call(this, 'dataSourceId', DATA_SOURCE_ID, itemIndex);
		const destinationType = codeParam.call(this, 'destinationType', DESTINATION_TYPE, itemIndex);
		return {
			method: 'POST',
			path: '/data-source-connections',
			body: { data_source_id: dataSourceId, destination_type: destinationType },
			echo: { team_id: teamId, data_source_id: dataSourceId, destination_type: destinationType },
		};
	},
	write: { expect: ['connection_id'], done: 'the connection was created', again: 'create a second connection', wrapped: true, location: ['connection_id', 'data-source-connections'] },
	output(response, _itemIndex, sent, data) {
		return {
			connection_id: data.connection_id ?? null,
			login_url: data.login_url ?? null,
			connect_url: data.connect_url ?? null,
			request_id: response.requestId,
			location: response.headers.location ?? null,
			...sent,
		};
	},
});
