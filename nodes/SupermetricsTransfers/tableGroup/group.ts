import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { byId, locator } from '../pickers';
import { loginsIdParam } from '../params';
import type { ParamContext } from '../params';
import type { DtsCall } from '../transport';
import { GROUP_ID } from '../validation';

/**
 * What the table group operations share: a group's path and id, the picker, the data model
 * version's bounds, and what a 404 means. The Table Groups API is the Supermetrics API's, below
 * /enterprise/v2 (transport/hosts.ts, `tableGroups`); it has no team parameter: the key's team
 * owns the groups.
 */

/** version: "Data model version", an int32 from 1 to 100 on all four operations. */
export const VERSIONS = { min: 1, max: 100 };

/** /table/group/{group_id}, below the Supermetrics API URL's /enterprise/v2. */
export const groupPath = (groupId: string) => `/table/group/${groupId}`;

/** group_id: picked from Table Group → List (GET /table/groups) or typed, e.g. tg_123. */
export function tableGroupIdField(displayOptions: IDisplayOptions, description: string): INodeProperties {
	return locator({ displayName: 'Table Group', name: 'groupId', description }, 'searchTableGroups', byId('tg_123'), displayOptions);
}

/**
 * The Table Group field's value, checked as the reference's group_id (^[A-Za-z0-9_-]+$, at most
 * 50 characters): the same rule as the Supermetrics API's other ids (link_id, login_id).
 */
export function groupIdParam(this: ParamContext, itemIndex: number): string {
	return loginsIdParam.call(this, 'groupId', GROUP_ID, itemIndex);
}

/** Export's and Edit's 404 (TABLE_GROUP_NOT_FOUND), in words that say where to look. */
export function notFound(groupId: string): DtsCall['explain'] {
	return {
		404: {
			message: `The API key's team has no table group ${groupId}`,
			hint: 'Table Group → List shows the groups the key\'s team has (the API key decides the team).',
		},
	};
}
