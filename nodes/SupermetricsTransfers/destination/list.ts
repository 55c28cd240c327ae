import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField } from '../descriptions';
import { teamIdParam } from '../params';
import { dtsList } from '../transport';
import type { RequestSettings } from '../transport';

const show = { show: { resource: ['destination'], operation: ['list'] } };

export const fields: INodeProperties[] = [teamIdField(show)];

/** GET /teams/{team_id}/destinations: one item per destination (id, display_name, type). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject[]> {
	const teamId = teamIdParam.call(this, itemIndex);
	return dtsList.call(this, { method: 'GET', path: `/teams/${teamId}/destinations` }, settings, itemIndex);
}
