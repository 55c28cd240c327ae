import type { Resource } from '../types';
import * as edit from './edit';
import * as exportGroup from './export';
import * as importGroup from './import';
import * as list from './list';

/**
 * The Supermetrics API's table groups (/table/group*, on the credential's Supermetrics API URL
 * below /enterprise/v2): the data models a transfer writes into, by their schema_id.
 */
export const tableGroup: Resource = {
	name: 'Table Group',
	value: 'tableGroup',
	operations: [
		{
			name: 'Edit',
			value: 'edit',
			description: 'Replace a table group\'s definition (its group, tables and fields) with a data model',
			action: 'Edit a table group',
			module: edit,
		},
		{
			name: 'Export',
			value: 'export',
			description: 'Get a table group\'s data model as JSON and as a file',
			action: 'Export a table group',
			module: exportGroup,
		},
		{
			name: 'Import',
			value: 'import',
			description: 'Create a table group from a data model (JSON or a file)',
			action: 'Import a table group',
			module: importGroup,
		},
		{
			name: 'List',
			value: 'list',
			description: 'List the team\'s table groups, with the schema_id a transfer takes',
			action: 'List table groups',
			module: list,
		},
	],
};
