import type { INode, IPollFunctions } from 'n8n-workflow';

import { itemError } from '../itemError';
import { booleanParam, integerParam, optionalIdParam, optionParam, teamIdParam, textParam } from '../params';
import { EVENT, INT64_MAX, ONLY_FAILURES, TRANSFER_ID } from '../validation';
import type { FieldName } from '../validation';
import { MAX_DAYS_BEFORE_EXPIRY, MIN_DAYS_BEFORE_EXPIRY } from './limits';

/** Events about transfers (the DTS API, below the team) and about logins (the logins API). */
export const TRANSFER_EVENTS = ['transferRunFinished', 'backfillFinished'] as const;
export const LOGIN_EVENTS = ['loginLinkUsed', 'loginExpiring'] as const;
export const EVENTS = [...TRANSFER_EVENTS, ...LOGIN_EVENTS] as const;
export type TriggerEvent = (typeof EVENTS)[number];
export type LoginEvent = (typeof LOGIN_EVENTS)[number];

export const isLoginEvent = (event: TriggerEvent): event is LoginEvent => (LOGIN_EVENTS as readonly string[]).includes(event);

const DS_ID: FieldName = { displayName: 'Data Source', apiName: 'ds_id' };
const DAYS_BEFORE_EXPIRY: FieldName = { displayName: 'Days Before Expiry', apiName: 'daysBeforeExpiry' };
/** ds_id as the logins API types it (maxLength 50, pattern ^[A-Za-z0-9_-]+$). */
const DS_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const DS_ID_MAX_LENGTH = 50;

/** The trigger's parameters, checked once per poll; nothing is sent when one is bad. */
export interface TriggerParams {
	event: TriggerEvent;
	/** Empty for the login events: the logins API is not below a team. */
	teamId: string;
	/** Undefined: every transfer of the team. */
	transferId: string | undefined;
	onlyFailures: boolean;
	/** Login events: only links and logins of this data source (ds_id); undefined: all. */
	dsId: string | undefined;
	/** Login Expiring: how many days before its expiry_time a login is reported. */
	daysBeforeExpiry: number;
	/** What the saved state belongs to: change any of these and the trigger starts afresh. */
	key: string;
}

function checkDsId(node: INode, value: string | undefined): string | undefined {
	if (value === undefined || DS_ID_PATTERN.test(value)) return value;
	throw itemError(node, {
		code: 'INVALID_INPUT',
		message: `Invalid ${DS_ID.displayName} ${JSON.stringify(value)} in item 0: may contain only A-Z, a-z, 0-9, _ and - (pattern ^[A-Za-z0-9_-]+$)`,
		description: `Field: ${DS_ID.displayName} (${DS_ID.apiName}). Nothing was sent.`,
		itemIndex: 0,
	});
}

function loginParams(context: IPollFunctions, event: LoginEvent): TriggerParams {
	const dsId = checkDsId(context.getNode(), textParam.call(context, 'dsId', DS_ID, 0, { maxLength: DS_ID_MAX_LENGTH, required: false }));
	const daysBeforeExpiry =
		event === 'loginExpiring' ? integerParam.call(context, 'daysBeforeExpiry', DAYS_BEFORE_EXPIRY, 0, MIN_DAYS_BEFORE_EXPIRY, MAX_DAYS_BEFORE_EXPIRY) : 0;
	const key = [event, dsId ?? '*', ...(event === 'loginExpiring' ? [`${daysBeforeExpiry}d`] : [])].join('|');
	return { event, teamId: '', transferId: undefined, onlyFailures: false, dsId, daysBeforeExpiry, key };
}

export function triggerParams(context: IPollFunctions): TriggerParams {
	const event = optionParam.call(context, 'event', EVENT, 0, EVENTS) as TriggerEvent;
	if (isLoginEvent(event)) return loginParams(context, event);
	const teamId = teamIdParam.call(context, 0);
	// Run and backfill paths type transfer_id int64.
	const transferId = optionalIdParam.call(context, 'transferId', TRANSFER_ID, 0, INT64_MAX);
	const onlyFailures = booleanParam.call(context, 'onlyFailures', ONLY_FAILURES, 0, false);
	const key = [event, teamId, transferId ?? '*', onlyFailures ? 'failures' : 'all'].join('|');
	return { event, teamId, transferId, onlyFailures, dsId: undefined, daysBeforeExpiry: 0, key };
}
