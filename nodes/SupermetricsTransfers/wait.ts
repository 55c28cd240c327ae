import { sleep } from 'n8n-workflow';
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties, NodeOperationError } from 'n8n-workflow';

import { itemError } from './itemError';
import { booleanParam, numberParam } from './params';
import type { OperationModule } from './types';
import { aboveReserve, reserveOf } from './transport';
import type { RequestSettings } from './transport';
import { MAX_WAIT, POLL_INTERVAL } from './validation';
import type { FieldName } from './validation';

/**
 * Waiting inside an operation for what it made or read to reach an end (a backfill to finish, a
 * login link to be used): the fields and their bounds, the checked parameters and the one bounded
 * polling loop, shared by every operation that waits. Each waiting operation says only what it
 * waits on: its switch, the Get that reads it again, when it has ended and how a timeout reads.
 */

/** Bounds of every wait, as the README states them. */
export const POLL_INTERVAL_S = { min: 1, max: 3600, default: 30 };
export const MAX_WAIT_MIN = { min: 0, max: 60, default: 10 };
/**
 * While the key's hourly limit is down to the reserve the trigger keeps for the user's other
 * workflows (transport/quota.ts, RATE_LIMIT_RESERVE_SHARE), a wait asks no more often than this:
 * it waits longer instead of failing, still ending at Max Wait.
 */
export const RESERVE_POLL_INTERVAL_MS = 5 * 60_000;

export interface Wait {
	intervalMs: number;
	maxWaitMs: number;
	maxWaitMinutes: number;
	/**
	 * For the WAIT_TIMEOUT's description: the sentence (with a leading space) saying the loop slowed
	 * down for the key's reserve, '' when it did not.
	 */
	slowed: string;
}

/** What one operation waits on. */
export interface WaitFor {
	/** The switch (e.g. Wait Until Finished), as the editor shows it and errors name it. */
	toggle: FieldName & { description: string };
	/** Poll Interval's description: what is sent each time. */
	pollDescription: string;
	/** Max Wait's description: what happens past it. */
	maxWaitDescription: string;
	/** The id to wait on, read from the operation's item; undefined when it has none (a write whose answer lacks it). */
	idOf(item: IDataObject): string | undefined;
	/** Keys of the operation's own item (not in what Get answers) to keep on the item waited for. */
	carry?: string[];
	/** `succeeded` once the item has reached an end, undefined while it has not. */
	outcome(item: IDataObject): boolean | undefined;
	/** Reads the item again: one request. */
	get(this: IExecuteFunctions, itemIndex: number, settings: RequestSettings, id: string): Promise<IDataObject>;
	/** The error past Max Wait, from the last item read (see waitTimeout). */
	timeout(this: IExecuteFunctions, itemIndex: number, id: string, last: IDataObject, wait: Wait): NodeOperationError;
}

/** The switch, Poll Interval and Max Wait, the last two shown only while the switch is on. */
function waitFields(show: IDisplayOptions, waitFor: WaitFor): INodeProperties[] {
	// Named first: n8n's lint reads a default given as a name, not as a member expression.
	const pollInterval = POLL_INTERVAL_S.default;
	const maxWait = MAX_WAIT_MIN.default;
	const { apiName: toggle, displayName, description } = waitFor.toggle;
	const whenWaiting = { show: { ...show.show, [toggle]: [true] } };
	return [
		{ displayName, name: toggle, type: 'boolean', default: false, description, displayOptions: show },
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: POLL_INTERVAL_S.min, maxValue: POLL_INTERVAL_S.max },
			default: pollInterval,
			description: waitFor.pollDescription,
			displayOptions: whenWaiting,
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 0.01, maxValue: MAX_WAIT_MIN.max, numberPrecision: 2 },
			default: maxWait,
			description: waitFor.maxWaitDescription,
			displayOptions: whenWaiting,
		},
	];
}

/** The wait asked for, checked before anything is sent; undefined when off. */
function waitParams(this: IExecuteFunctions, itemIndex: number, toggle: FieldName): Wait | undefined {
	if (!booleanParam.call(this, toggle.apiName, toggle, itemIndex, false)) return undefined;
	const interval = numberParam.call(this, 'pollInterval', POLL_INTERVAL, itemIndex, POLL_INTERVAL_S);
	const maxWait = numberParam.call(this, 'maxWait', MAX_WAIT, itemIndex, { ...MAX_WAIT_MIN, minExclusive: true });
	return { intervalMs: interval * 1000, maxWaitMs: maxWait * 60_000, maxWaitMinutes: maxWait, slowed: '' };
}

/** Why the wait asked less often: the quota the last answer reported, against the reserve kept. */
function slowedSentence(quota: RequestSettings['quota']): string {
	const { limit, remaining } = quota;
	if (limit === undefined) return '';
	return ` The key's hourly request limit was down to the reserve kept for other workflows (${remaining ?? '?'} of ${limit} left, ${reserveOf(limit)} kept), so it asked every ${RESERVE_POLL_INTERVAL_MS / 60_000} minutes at most.`;
}

/**
 * The one polling loop: a Get every interval until the item has reached an end, at most
 * ⌈maxWait / interval⌉ Gets, none after Max Wait has passed (the transport waits out 429s as for
 * any call). While the answers say the key is at its reserve (settings.quota), the interval
 * stretches to RESERVE_POLL_INTERVAL_MS (cut to what is left of Max Wait, so a last Get comes at
 * Max Wait), for every wait alike. Past Max Wait the item fails with the operation's WAIT_TIMEOUT,
 * saying whether it slowed down; nothing is undone.
 */
async function pollUntilEnded(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
	first: IDataObject,
	id: string,
	wait: Wait,
	waitFor: WaitFor,
): Promise<IDataObject> {
	const deadline = Date.now() + wait.maxWaitMs;
	const maxGets = Math.ceil(wait.maxWaitMs / wait.intervalMs);
	const carried = Object.fromEntries((waitFor.carry ?? []).filter((key) => key in first).map((key) => [key, first[key]]));
	let current = first;
	let slowed = false;
	for (let gets = 0; ; gets++) {
		const succeeded = waitFor.outcome(current);
		if (succeeded !== undefined) return { ...carried, ...current, succeeded };
		const left = deadline - Date.now();
		if (gets >= maxGets || left <= 0) {
			// The quota as the last answer left it.
			throw waitFor.timeout.call(this, itemIndex, id, current, { ...wait, slowed: slowed ? slowedSentence(settings.quota) : '' });
		}
		const atReserve = !aboveReserve(settings.quota.limit, settings.quota.remaining);
		slowed ||= atReserve;
		const interval = atReserve ? Math.max(wait.intervalMs, RESERVE_POLL_INTERVAL_MS) : wait.intervalMs;
		await sleep(Math.min(interval, left), this.getExecutionCancelSignal());
		current = await waitFor.get.call(this, itemIndex, settings, id);
	}
}

/**
 * A WAIT_TIMEOUT error: its message and description, and `facts` (the id and last status) on the
 * error's details, so that Continue On Fail's error item carries them too.
 */
export function waitTimeout(
	context: IExecuteFunctions,
	itemIndex: number,
	parts: { message: string; description: string; facts: IDataObject },
): NodeOperationError {
	const error = itemError(context.getNode(), { code: 'WAIT_TIMEOUT', message: parts.message, description: parts.description, itemIndex });
	error.context.dts = { ...(error.context.dts as IDataObject), ...parts.facts };
	return error;
}

/**
 * An operation with a wait added after its own fields. The wait's settings are read first, so bad
 * ones send nothing, not even a create; an item without the id to wait on (a write whose answer
 * lacks it, with its notice) is handed on as it is.
 */
export function addWait(operation: OperationModule, show: IDisplayOptions, waitFor: WaitFor): OperationModule {
	return {
		fields: [...operation.fields, ...waitFields(show, waitFor)],
		async execute(itemIndex, settings) {
			const wait = waitParams.call(this, itemIndex, waitFor.toggle);
			const item = (await operation.execute.call(this, itemIndex, settings)) as IDataObject;
			const id = waitFor.idOf(item);
			return wait && id !== undefined ? await pollUntilEnded.call(this, itemIndex, settings, item, id, wait, waitFor) : item;
		},
	};
}
