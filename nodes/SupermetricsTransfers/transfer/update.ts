import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField, transferIdField } from '../descriptions';
import { teamIdParam, transferIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { INT32_MAX } from '../validation';
import { transferConfiguration, transferConfigurationFields } from './configuration';

const show = { show: { resource: ['transfer'], operation: ['update'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	transferIdField(show),
	...transferConfigurationFields(show),
];

/** PUT /teams/{team_id}/transfers/{transfer_id}: the whole configuration replaces the old one. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const transferId = transferIdParam.call(this, itemIndex, INT32_MAX);
	const body = transferConfiguration.call(this, itemIndex);
	return dtsObject.call(
		this,
		{ method: 'PUT', path: `/teams/${teamId}/transfers/${transferId}`, body },
		settings,
		itemIndex,
	);
}
