import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dataSourceIdField, destinationTypeField, teamIdField } from '../descriptions';
import { codeParam, teamIdParam } from '../params';
import { dtsRequest, requireData } from '../transport';
import type { RequestSettings } from '../transport';
import { DATA_SOURCE_ID, DESTINATION_TYPE } from '../validation';

const show = { show: { resource: ['dataSourceConnection'], operation: ['create'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	dataSourceIdField(show),
	destinationTypeField(show),
];

/**
 * POST /teams/{team_id}/data-source-connections. Not retried after a 5xx or a timeout: the
 * connection may exist already, and a second POST would make another.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const dataSourceId = codeParam.call(this, 'dataSourceId', DATA_SOURCE_ID, itemIndex);
	const destinationType = codeParam.call(this, 'destinationType', DESTINATION_TYPE, itemIndex);

	const response = await dtsRequest.call(
		this,
		{
			method: 'POST',
			path: `/teams/${teamId}/data-source-connections`,
			body: { data_source_id: dataSourceId, destination_type: destinationType },
		},
		settings,
		itemIndex,
	);
	const data = requireData(this.getNode(), response, ['connection_id'], itemIndex);

	return {
		connection_id: data.connection_id,
		login_url: data.login_url ?? null,
		connect_url: data.connect_url ?? null,
		request_id: response.requestId,
		location: response.headers.location ?? null,
		team_id: teamId,
		data_source_id: dataSourceId,
		destination_type: destinationType,
	};
}
