import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField } from '../descriptions';
import { teamIdParam } from '../params';
import { dtsRequest, requireData } from '../transport';
import type { RequestSettings } from '../transport';
import { transferConfiguration, transferConfigurationFields } from './configuration';

const show = { show: { resource: ['transfer'], operation: ['create'] } };

export const fields: INodeProperties[] = [teamIdField(show), ...transferConfigurationFields(show)];

/**
 * POST /teams/{team_id}/transfers. Not retried after a 5xx or a timeout: the transfer may exist
 * already, and a second POST would make another.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const body = transferConfiguration.call(this, itemIndex);
	const response = await dtsRequest.call(
		this,
		{ method: 'POST', path: `/teams/${teamId}/transfers`, body },
		settings,
		itemIndex,
	);
	return requireData(this.getNode(), response, ['transfer_id'], itemIndex);
}
