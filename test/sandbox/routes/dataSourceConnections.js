'use strict';
/** POST /teams/{team_id}/data-source-connections, from create-data-source-connection.txt. */
const { ApiError, uuid7 } = require('../http');
const { DATA_SOURCES, DESTINATION_TYPES } = require('../catalog');
const { int64Id, jsonObject, string, CODE } = require('../validate');

module.exports = [
	{
		method: 'POST',
		path: '/teams/:team_id/data-source-connections',
		scope: 'dwh_transfers_write',
		// The only operation whose reference lists the key as a body field (api_key) too.
		bodyKey: true,
		handle({ params, body, state, baseUrl }) {
			const teamId = int64Id('team_id', params.team_id);
			const input = jsonObject(body);
			const dataSourceId = string(input, 'data_source_id', CODE);
			const destinationType = string(input, 'destination_type', CODE);
			if (!DATA_SOURCES[dataSourceId]) {
				throw new ApiError(422, { description: `Unknown data_source_id '${dataSourceId}'.` });
			}
			if (!DESTINATION_TYPES[destinationType]) {
				throw new ApiError(422, { description: `Unsupported destination_type '${destinationType}'.` });
			}
			const connection = {
				connection_id: uuid7(),
				login_url: null,
				connect_url: null,
			};
			state.connections.set(connection.connection_id, {
				...connection,
				team_id: teamId,
				data_source_id: dataSourceId,
				destination_type: destinationType,
			});
			return {
				status: 201,
				data: connection,
				headers: { Location: `${baseUrl}/teams/${teamId}/data-source-connections/${connection.connection_id}` },
			};
		},
	},
];
