import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField } from '../descriptions';
import { teamIdParam } from '../params';
import type { RequestSettings } from '../transport';
import { failIfInvalidField, transferConfigurationFields, validateConfiguration } from './configuration';

const show = { show: { resource: ['transfer'], operation: ['validate'] } };

export const fields: INodeProperties[] = [
	teamIdField(show),
	...transferConfigurationFields(show),
	failIfInvalidField(show),
];

/** POST /teams/{team_id}/transfers/validations: checks a new transfer, creates nothing. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	return validateConfiguration.call(this, `/teams/${teamId}/transfers/validations`, settings, itemIndex);
}
