import type { Resource } from '../types';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getUsage from './getUsage';
import * as list from './list';
import * as rotateSecrets from './rotateSecrets';
import * as testConnection from './testConnection';
import * as update from './update';

export const destination: Resource = {
	name: 'Destination',
	value: 'destination',
	operations: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a data warehouse destination',
			action: 'Create a destination',
			module: create,
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a destination no transfer uses',
			action: 'Delete a destination',
			module: del,
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a destination\'s type and settings',
			action: 'Get a destination',
			module: get,
		},
		{
			name: 'Get Usage',
			value: 'getUsage',
			description: 'Get the transfers that write into a destination',
			action: 'Get destination usage',
			module: getUsage,
		},
		{
			name: 'List',
			value: 'list',
			description: 'List the team\'s destinations',
			action: 'List destinations',
			module: list,
		},
		{
			name: 'Rotate Secrets',
			value: 'rotateSecrets',
			description: 'Give many destinations of one type a new secret (password, key or token) in one request, one input item each',
			action: 'Rotate destination secrets',
			module: rotateSecrets,
		},
		{
			name: 'Test Connection',
			value: 'testConnection',
			description: 'Check that Supermetrics can connect with these settings, without saving them',
			action: 'Test a destination connection',
			module: testConnection,
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change a destination\'s name, settings or secrets',
			action: 'Update a destination',
			module: update,
		},
	],
};
