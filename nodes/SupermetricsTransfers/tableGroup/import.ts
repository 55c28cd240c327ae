import type { IDataObject } from 'n8n-workflow';

import { apiOperation } from '../operation';
import { modelBody, modelFields } from './model';

/**
 * POST /table/group/import: a new table group from a data model, `version` in the body (where
 * Import's schema has it, required). A create: never retried after a 5xx, a timeout or a dropped
 * connection, and a 2xx without the new group's group_id and schema_id is handed on with a notice
 * (and the group_id its Location names, if any). A 409 (TABLE_GROUP_NAME_CONFLICT) says that a
 * group of that name exists, and what to do instead.
 */
export const { fields, execute } = apiOperation({
	resource: 'tableGroup',
	operation: 'import',
	fields: (show) => modelFields(show, 'import'),
	async call(itemIndex) {
		const { body, version } = await modelBody.call(this, itemIndex, 'import');
		const name = JSON.stringify((body.group as IDataObject).group_name);
		return {
			api: 'tableGroups',
			method: 'POST',
			path: '/table/group/import',
			body: { version, ...body },
			explain: {
				409: {
					message: `A table group named ${name} already exists`,
					hint: `Import creates a new table group. To change the one named ${name}, use Table Group → Edit with its group_id (Table Group → List shows it); or import under another group_name.`,
				},
			},
		};
	},
	write: {
		expect: ['group_id', 'schema_id'],
		wrapped: true,
		done: 'the table group was created',
		findIt: 'with Table Group → List',
		again: 'be refused as a name conflict (TABLE_GROUP_NAME_CONFLICT), the group existing now',
		location: ['group_id', 'group'],
	},
});
