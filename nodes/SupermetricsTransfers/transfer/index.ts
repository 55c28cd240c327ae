import type { Resource } from '../types';
import * as changeState from './changeState';
import * as clone from './clone';
import * as create from './create';
import * as createMany from './createMany';
import * as del from './delete';
import * as get from './get';
import * as getAvailableOptions from './getAvailableOptions';
import * as getAvailableSources from './getAvailableSources';
import * as list from './list';
import * as update from './update';
import * as validate from './validate';
import * as validateUpdate from './validateUpdate';

export const transfer: Resource = {
	name: 'Transfer',
	value: 'transfer',
	operations: [
		{
			name: 'Clone',
			value: 'clone',
			description: 'Create a transfer like an existing one, with the fields you change (destination, accounts, schedule, …)',
			action: 'Clone a transfer',
			module: clone,
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Create a transfer from a data source into a destination',
			action: 'Create a transfer',
			module: create,
		},
		{
			name: 'Create Many',
			value: 'createMany',
			description: 'Create a transfer for each input item, up to 100 in one request, each created or refused on its own',
			action: 'Create many transfers',
			module: createMany,
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a transfer (a soft delete)',
			action: 'Delete a transfer',
			module: del,
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get the full configuration of a transfer',
			action: 'Get a transfer',
			module: get,
		},
		{
			name: 'Get Available Options',
			value: 'getAvailableOptions',
			description: 'Get the schedules, schemas, accounts and segments for a source and destination',
			action: 'Get available transfer options',
			module: getAvailableOptions,
		},
		{
			name: 'Get Available Sources',
			value: 'getAvailableSources',
			description: 'Get the data sources, destinations and destination types a transfer can use',
			action: 'Get available transfer sources',
			module: getAvailableSources,
		},
		{
			name: 'List',
			value: 'list',
			description: 'List the team\'s transfers',
			action: 'List transfers',
			module: list,
		},
		{
			name: 'Pause or Resume',
			value: 'changeState',
			description: 'Pause a transfer\'s scheduled runs, or resume them',
			action: 'Pause or resume a transfer',
			module: changeState,
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Replace the configuration of a transfer',
			action: 'Update a transfer',
			module: update,
		},
		{
			name: 'Validate',
			value: 'validate',
			description: 'Check the configuration of a new transfer without creating it',
			action: 'Validate a new transfer',
			module: validate,
		},
		{
			name: 'Validate Update',
			value: 'validateUpdate',
			description: 'Check a new configuration for an existing transfer without changing it',
			action: 'Validate a transfer update',
			module: validateUpdate,
		},
	],
};
