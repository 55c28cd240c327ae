import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField, transferIdField } from '../descriptions';
import { teamIdParam, transferIdParam } from '../params';
import type { RequestSettings } from '../transport';
import { INT32_MAX } from '../validation';
import { failIfInvalidField, transferConfigurationFields, validateConfiguration } from './configuration';

const show = { show: { resource: ['transfer'], operation: ['validateUpdate'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	transferIdField(show),
	...transferConfigurationFields(show),
	failIfInvalidField(show),
];

/** POST /teams/{team_id}/transfers/{transfer_id}/validations: checks an update, changes nothing. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const transferId = transferIdParam.call(this, itemIndex, INT32_MAX);
	return validateConfiguration.call(
		this,
		`/teams/${teamId}/transfers/${transferId}/validations`,
		settings,
		itemIndex,
	);
}
