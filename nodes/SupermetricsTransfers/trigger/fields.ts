import type { INodeProperties } from 'n8n-workflow';

import { teamIdField, transferIdField } from '../descriptions';

/** The trigger's parameters: event, team, transfer (optional) and the failures-only filter. */
export const triggerFields: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Transfer Run Finished',
				value: 'transferRunFinished',
				description: 'A run completed, failed or was cancelled: one item per run, oldest first',
			},
			{
				name: 'Backfill Finished',
				value: 'backfillFinished',
				description: 'A backfill completed, failed or was cancelled: one item per backfill',
			},
		],
		default: 'transferRunFinished',
	},
	teamIdField(),
	transferIdField(undefined, {
		description: 'The transfer to watch (transfer_id). Leave empty to watch every transfer of the team.',
	}),
	{
		displayName: 'Only Failures',
		name: 'onlyFailures',
		type: 'boolean',
		default: false,
		description: 'Whether to report only runs or backfills that did not succeed (status other than COMPLETED)',
	},
];
