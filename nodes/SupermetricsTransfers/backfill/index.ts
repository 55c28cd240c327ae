import type { Resource } from '../types';
import * as cancel from './cancel';
import * as create from './create';
import * as get from './get';
import * as getLatest from './getLatest';
import * as listIncomplete from './listIncomplete';

export const backfill: Resource = {
	name: 'Backfill',
	value: 'backfill',
	operations: [
		{
			name: 'Cancel',
			value: 'cancel',
			description: 'Cancel a backfill that has not finished',
			action: 'Cancel a backfill',
			module: cancel,
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Re-process a transfer\'s history for a range of days',
			action: 'Create a backfill',
			module: create,
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a backfill\'s status and progress',
			action: 'Get a backfill',
			module: get,
		},
		{
			name: 'Get Latest',
			value: 'getLatest',
			description: 'Get the most recent backfill of a transfer',
			action: 'Get the latest backfill of a transfer',
			module: getLatest,
		},
		{
			name: 'List Incomplete',
			value: 'listIncomplete',
			description: 'List the team\'s backfills that are not completed or cancelled',
			action: 'List incomplete backfills',
			module: listIncomplete,
		},
	],
};
