import type { IPollFunctions } from 'n8n-workflow';

import { booleanParam, optionalIdParam, optionParam, teamIdParam } from '../params';
import { EVENT, INT64_MAX, ONLY_FAILURES, TRANSFER_ID } from '../validation';

export const EVENTS = ['transferRunFinished', 'backfillFinished'] as const;
export type TriggerEvent = (typeof EVENTS)[number];

/** The trigger's parameters, checked once per poll; nothing is sent when one is bad. */
export interface TriggerParams {
	event: TriggerEvent;
	teamId: string;
	/** Undefined: every transfer of the team. */
	transferId: string | undefined;
	onlyFailures: boolean;
	/** What the saved state belongs to: change any of these and the trigger starts afresh. */
	key: string;
}

export function triggerParams(context: IPollFunctions): TriggerParams {
	const event = optionParam.call(context, 'event', EVENT, 0, EVENTS) as TriggerEvent;
	const teamId = teamIdParam.call(context, 0);
	// Run and backfill paths type transfer_id int64.
	const transferId = optionalIdParam.call(context, 'transferId', TRANSFER_ID, 0, INT64_MAX);
	const onlyFailures = booleanParam.call(context, 'onlyFailures', ONLY_FAILURES, 0, false);
	const key = [event, teamId, transferId ?? '*', onlyFailures ? 'failures' : 'all'].join('|');
	return { event, teamId, transferId, onlyFailures, key };
}
