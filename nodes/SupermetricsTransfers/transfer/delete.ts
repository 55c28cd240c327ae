import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField, transferIdField } from '../descriptions';
import { teamIdParam, transferIdParam } from '../params';
import { dtsRequest } from '../transport';
import type { RequestSettings } from '../transport';
import { INT32_MAX } from '../validation';

const show = { show: { resource: ['transfer'], operation: ['delete'] } };

export const fields: INodeProperties[] = [teamIdField(show), transferIdField(show)];

/** DELETE /teams/{team_id}/transfers/{transfer_id}: a soft delete answered 204 with no body. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const transferId = transferIdParam.call(this, itemIndex, INT32_MAX);
	await dtsRequest.call(this, { method: 'DELETE', path: `/teams/${teamId}/transfers/${transferId}` }, settings, itemIndex);
	return { transfer_id: transferId, deleted: true };
}
