import type { INodeProperties } from 'n8n-workflow';

import { teamIdField } from '../descriptions';
import { transferIdField } from '../pickers';
import { DEFAULT_DAYS_BEFORE_EXPIRY, MAX_DAYS_BEFORE_EXPIRY, MIN_DAYS_BEFORE_EXPIRY } from './limits';
import { LOGIN_EVENTS, TRANSFER_EVENTS } from './params';

const forTransfers = { show: { event: [...TRANSFER_EVENTS] } };
const forLogins = { show: { event: [...LOGIN_EVENTS] } };

/**
 * The trigger's parameters: the event; for the transfer events the team, transfer (optional) and
 * the failures-only filter; for the login events (the logins API, not below a team) a data source
 * filter and, for Login Expiring, how many days ahead to look.
 */
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
			{
				name: 'Login Link Used',
				value: 'loginLinkUsed',
				description: 'A client authorized through a data source login link: one item per link and login (login_id, login_username)',
			},
			{
				name: 'Login Expiring',
				value: 'loginExpiring',
				description: 'A data source login that cannot refresh itself nears its expiry_time, or was revoked: one item per login and expiry',
			},
		],
		default: 'transferRunFinished',
	},
	teamIdField(forTransfers),
	transferIdField(forTransfers, {
		description: 'The transfer to watch (transfer_id). Leave empty to watch every transfer of the team.',
	}),
	{
		displayName: 'Only Failures',
		name: 'onlyFailures',
		type: 'boolean',
		default: false,
		description: 'Whether to report only runs or backfills that did not succeed (status other than COMPLETED)',
		displayOptions: forTransfers,
	},
	{
		displayName: 'Days Before Expiry',
		name: 'daysBeforeExpiry',
		type: 'number',
		typeOptions: { minValue: MIN_DAYS_BEFORE_EXPIRY, maxValue: MAX_DAYS_BEFORE_EXPIRY, numberPrecision: 0 },
		default: DEFAULT_DAYS_BEFORE_EXPIRY,
		description: `Report a login whose expiry_time is this many days away or less (${MIN_DAYS_BEFORE_EXPIRY} to ${MAX_DAYS_BEFORE_EXPIRY}) and that is not refreshable (is_refreshable false). Revoked logins are reported whatever this says.`,
		displayOptions: { show: { event: ['loginExpiring'] } },
	},
	{
		displayName: 'Data Source',
		name: 'dsId',
		type: 'string',
		default: '',
		placeholder: 'FA',
		description: 'Only links and logins of this data source (ds_id, e.g. FA for Facebook Ads). Leave empty for all.',
		displayOptions: forLogins,
	},
];
