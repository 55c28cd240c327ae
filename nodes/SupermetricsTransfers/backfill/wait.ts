import { sleep } from 'n8n-workflow';
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../itemError';
import { booleanParam, numberParam, teamIdParam } from '../params';
import type { OperationModule } from '../types';
import { dtsObject } from '../transport';
import type { RequestSettings } from '../transport';
import { MAX_WAIT, POLL_INTERVAL, WAIT_UNTIL_FINISHED } from '../validation';

/** Statuses after which a backfill changes no more (FAILED may still be cancelled, but has ended). */
const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** Bounds of the wait, as the README states them. */
export const POLL_INTERVAL_S = { min: 1, max: 3600, default: 30 };
export const MAX_WAIT_MIN = { min: 0, max: 60, default: 10 };

function waitFields(show: IDisplayOptions): INodeProperties[] {
	// Named first: n8n's lint reads a default given as a name, not as a member expression.
	const pollInterval = POLL_INTERVAL_S.default;
	const maxWait = MAX_WAIT_MIN.default;
	const whenWaiting = { show: { ...show.show, waitUntilFinished: [true] } };
	return [
		{
			displayName: 'Wait Until Finished',
			name: 'waitUntilFinished',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until the backfill is COMPLETED, FAILED or CANCELLED and output it then, with succeeded. The item holds an n8n execution slot while it waits; for waits over an hour use the Supermetrics Transfers Trigger (Backfill Finished).',
			displayOptions: show,
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: POLL_INTERVAL_S.min, maxValue: POLL_INTERVAL_S.max },
			default: pollInterval,
			description: 'Seconds between two Backfill Get calls while waiting (at least 1)',
			displayOptions: whenWaiting,
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 0.01, maxValue: MAX_WAIT_MIN.max, numberPrecision: 2 },
			default: maxWait,
			description:
				'Minutes to wait at most (above 0, at most 60; decimals allowed, e.g. 0.5). Past it the item fails with WAIT_TIMEOUT and the backfill goes on.',
			displayOptions: whenWaiting,
		},
	];
}

interface Wait {
	intervalMs: number;
	maxWaitMs: number;
	maxWaitMinutes: number;
}

/** The wait asked for, checked before anything is sent; undefined when off. */
function waitParams(this: IExecuteFunctions, itemIndex: number): Wait | undefined {
	if (!booleanParam.call(this, 'waitUntilFinished', WAIT_UNTIL_FINISHED, itemIndex, false)) return undefined;
	const interval = numberParam.call(this, 'pollInterval', POLL_INTERVAL, itemIndex, POLL_INTERVAL_S);
	const maxWait = numberParam.call(this, 'maxWait', MAX_WAIT, itemIndex, { ...MAX_WAIT_MIN, minExclusive: true });
	return { intervalMs: interval * 1000, maxWaitMs: maxWait * 60_000, maxWaitMinutes: maxWait };
}

/**
 * Backfill Get every interval until the backfill is finished: at most ⌈maxWait / interval⌉ Gets,
 * none after Max Wait has passed (the transport waits out 429s as for any call). Past it the item
 * fails with WAIT_TIMEOUT, the backfill id and its last status; the backfill is left running.
 */
async function waitUntilFinished(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
	backfill: IDataObject,
	wait: Wait,
): Promise<IDataObject> {
	const teamId = teamIdParam.call(this, itemIndex);
	const id = String(backfill.transfer_backfill_id);
	const deadline = Date.now() + wait.maxWaitMs;
	const maxGets = Math.ceil(wait.maxWaitMs / wait.intervalMs);
	let current = backfill;
	for (let gets = 0; !FINISHED.includes(String(current.status)); gets++) {
		const left = deadline - Date.now();
		if (gets >= maxGets || left <= 0) throw timeout(this, itemIndex, id, current.status, wait);
		await sleep(Math.min(wait.intervalMs, left), this.getExecutionCancelSignal());
		current = await dtsObject.call(this, { method: 'GET', path: `/teams/${teamId}/backfills/${id}` }, settings, itemIndex);
	}
	return { ...current, succeeded: current.status === 'COMPLETED' };
}

function timeout(context: IExecuteFunctions, itemIndex: number, id: string, status: unknown, wait: Wait) {
	const error = itemError(context.getNode(), {
		code: 'WAIT_TIMEOUT',
		message: `Backfill ${id} did not finish within ${wait.maxWaitMinutes} minutes (last status ${String(status)})`,
		description:
			'The backfill goes on in Supermetrics: nothing was cancelled. Check it later with Backfill → Get, or start a workflow when it finishes with the Supermetrics Transfers Trigger (Backfill Finished), the better tool for waits over an hour.',
		itemIndex,
	});
	// Under Continue On Fail these come out on the error item too.
	error.context.dts = { ...(error.context.dts as IDataObject), transfer_backfill_id: id, status: status as string };
	return error;
}

/** A backfill operation (Create, Get) with Wait Until Finished added after its own fields. */
export function withWait(operation: OperationModule, name: 'create' | 'get'): OperationModule {
	const show: IDisplayOptions = { show: { resource: ['backfill'], operation: [name] } };
	return {
		fields: [...operation.fields, ...waitFields(show)],
		async execute(itemIndex, settings) {
			// Read first: bad wait settings send nothing, not even the create.
			const wait = waitParams.call(this, itemIndex);
			const backfill = (await operation.execute.call(this, itemIndex, settings)) as IDataObject;
			// A create answered without the backfill's id cannot be waited for: its notice says so.
			const waitable = typeof backfill.transfer_backfill_id === 'string';
			return wait && waitable ? await waitUntilFinished.call(this, itemIndex, settings, backfill, wait) : backfill;
		},
	};
}
