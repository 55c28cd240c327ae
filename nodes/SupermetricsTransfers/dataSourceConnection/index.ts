import type { Resource } from '../types';
import * as create from './create';

export const dataSourceConnection: Resource = {
	name: 'Data Source Connection',
	value: 'dataSourceConnection',
	operations: [
		{
			name: 'Create',
			value: 'create',
			description: 'Connect a data source to a destination type, the first step of a transfer',
			action: 'Create a data source connection',
			module: create,
		},
	],
};
