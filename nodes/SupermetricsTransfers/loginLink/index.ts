import type { Resource } from '../types';
import * as close from './close';
import * as create from './create';
import * as get from './get';
import * as list from './list';
import * as update from './update';

/** The Supermetrics API's data source login links (/ds/login/link*), on the credential's Supermetrics API URL. */
export const loginLink: Resource = {
	name: 'Login Link',
	value: 'loginLink',
	operations: [
		{
			name: 'Close',
			value: 'close',
			description: 'Stop a login link from taking new logins',
			action: 'Close a login link',
			module: close,
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Create a link a client opens to log in to a data source',
			action: 'Create a login link',
			module: create,
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a login link\'s status and, once used, its login',
			action: 'Get a login link',
			module: get,
		},
		{
			name: 'List',
			value: 'list',
			description: 'List the login links',
			action: 'List login links',
			module: list,
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change a login link\'s description',
			action: 'Update a login link',
			module: update,
		},
	],
};
