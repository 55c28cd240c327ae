import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField, transferIdField } from '../descriptions';
import { teamIdParam, transferIdParam } from '../params';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { INT32_MAX } from '../validation';

const show = { show: { resource: ['transfer'], operation: ['get'] } };

export const fields: INodeProperties[] = [teamIdField(show), transferIdField(show)];

/** GET /teams/{team_id}/transfers/{transfer_id}: the full configuration, a bare body. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const transferId = transferIdParam.call(this, itemIndex, INT32_MAX);
	return dtsObject.call(this, { method: 'GET', path: `/teams/${teamId}/transfers/${transferId}` }, settings, itemIndex);
}
