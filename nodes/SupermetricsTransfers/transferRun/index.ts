import type { Resource } from '../types';
import * as get from './get';
import * as list from './list';

export const transferRun: Resource = {
	name: 'Transfer Run',
	value: 'transferRun',
	operations: [
		{
			name: 'Get',
			value: 'get',
			description: 'Get a run\'s status, timings, row counts and query details',
			action: 'Get a transfer run',
			module: get,
		},
		{
			name: 'List',
			value: 'list',
			description: 'List a transfer\'s runs for a range of days',
			action: 'List transfer runs',
			module: list,
		},
	],
};
