import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';

import { dtsRequest, errorDetails, isObject, listRuns, requireData, requireList, unwrap } from '../transport';
import type { DtsCall, DtsResponse, RequestSettings } from '../transport';
import { PollStopped } from './budget';
import type { PollAllowance } from './budget';
import { CONCURRENCY, MAX_LISTED_LOGINS } from './limits';
import type { ApiClock } from './time';

/** What every request of one poll shares. */
export interface Poll {
	context: IPollFunctions;
	/** Empty for the login events, which are not below a team. */
	teamId: string;
	settings: RequestSettings;
	clock: ApiClock;
	/** The poll's time and the key's reserve: asked before every request. */
	allowance: PollAllowance;
}

/**
 * One GET, if the allowance lets it go: with a timeout cut to the poll's time left, and no 429
 * waited out (the poll has no time for a Retry-After: it stops and the trigger rests, see
 * RATE_LIMIT_DEFER_MS). A 429, or a cut timeout that ran out, stops the poll (PollStopped); any
 * other failure is the poll's error.
 */
async function send(poll: Poll, call: Omit<DtsCall, 'method'>): Promise<DtsResponse> {
	const { context, settings, clock, allowance } = poll;
	const timeoutMs = allowance.admit();
	let outcome: { response: DtsResponse } | { error: unknown };
	try {
		outcome = { response: await dtsRequest.call(context, { ...call, method: 'GET' }, { ...settings, timeoutMs, maxRateLimitWaitSeconds: 0 }, 0) };
	} catch (error) {
		outcome = { error };
	} finally {
		allowance.settled();
	}
	if ('response' in outcome) {
		clock.observe(outcome.response);
		return outcome.response;
	}
	const { code, http_code: status } = errorDetails(outcome.error);
	if (status === 429) allowance.stop('rateLimited');
	if (code === 'TIMEOUT' && timeoutMs < settings.timeoutMs) allowance.stop('budget');
	// The transport's own error (a NodeApiError), as it is.
	throw outcome.error;
}

/** One GET below the team. */
async function get(poll: Poll, path: string, qs?: IDataObject): Promise<DtsResponse> {
	return await send(poll, { path: `/teams/${poll.teamId}${path}`, qs });
}

/**
 * One GET of a list on the logins API (the credential's Supermetrics API URL): its entries that
 * are objects, the first MAX_LISTED_LOGINS of them. The spec lets fields be absent or null, so an
 * entry that is not an object is skipped rather than failing the poll; an answer that is not a
 * list at all fails it.
 */
export async function getLoginsList(poll: Poll, path: string): Promise<IDataObject[]> {
	const response = await send(poll, { api: 'logins', path });
	// Both lists are `{meta, data}` in the reference, each optional: a bare `{data}` counts, and
	// `{meta}` alone lists nothing (no news, and nothing forgotten: state goes by the cutoff).
	const { body } = response;
	if (isObject(body) && isObject(body.meta) && (body.data === undefined || body.data === null)) return [];
	const data = isObject(body) && Array.isArray(body.data) ? body.data : unwrap(response);
	if (!Array.isArray(data)) return requireList(poll.context.getNode(), response, 0);
	return data.slice(0, MAX_LISTED_LOGINS).filter(isObject);
}

/** GET below the team, read as a list; its Date header sets the poll's clock if first. */
export async function getList(poll: Poll, path: string, qs?: IDataObject): Promise<IDataObject[]> {
	return requireList(poll.context.getNode(), await get(poll, path, qs), 0);
}

/** One page of a transfer's runs for a day range, in whichever date form the API takes. */
export async function getRuns(poll: Poll, path: string, days: { start: string; end: string }, qs: IDataObject): Promise<IDataObject[]> {
	const { context, teamId, settings } = poll;
	return await listRuns.call(context, `/teams/${teamId}${path}`, days, qs, settings, 0, async (query) => await get(poll, path, query));
}

/** GET below the team, read as one object; undefined for a 404 (gone, or never was). */
export async function getObject(poll: Poll, path: string): Promise<IDataObject | undefined> {
	const { context } = poll;
	let failure: unknown;
	try {
		return requireData(context.getNode(), await get(poll, path), [], 0);
	} catch (error) {
		failure = error;
	}
	if (failure instanceof PollStopped) throw failure;
	if ((failure as { context?: { dts?: { http_code?: unknown } } }).context?.dts?.http_code === 404) return undefined;
	// The transport's errors are NodeApiErrors already: this hands back the same one.
	throw new NodeApiError(context.getNode(), failure as JsonObject);
}

/** The results of `eachLimited`, by entry: `done[i]` when entry i's step finished. */
export interface Stepped<R> {
	results: Array<R | undefined>;
	done: boolean[];
}

/**
 * `step` for each entry in order, CONCURRENCY at a time (at most entries.length steps). When the
 * poll stops (PollStopped) no further entry starts, those in flight settle, and the finished ones
 * come back: the caller keeps what it has. Any other failure stops new entries likewise and is
 * thrown once those in flight settle: the poll fails whole, its state unchanged.
 */
export async function eachLimited<T, R>(entries: T[], step: (entry: T) => Promise<R>): Promise<Stepped<R>> {
	const results: Array<R | undefined> = new Array<R | undefined>(entries.length).fill(undefined);
	const done: boolean[] = new Array<boolean>(entries.length).fill(false);
	let failure: { error: unknown } | undefined;
	let stopped = false;
	let next = 0;
	const worker = async () => {
		while (next < entries.length && !failure && !stopped) {
			const index = next++;
			try {
				results[index] = await step(entries[index]);
				done[index] = true;
			} catch (error) {
				if (error instanceof PollStopped) stopped = true;
				else failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, entries.length) }, worker));
	if (failure) throw failure.error;
	return { results, done };
}

/** How many entries from the first were all done: the part of a turn that can be moved past. */
export function donePrefix(done: boolean[]): number {
	const first = done.indexOf(false);
	return first === -1 ? done.length : first;
}

/** A decimal id from an answer (ids are strings end to end), or undefined when it is not one. */
export function idOf(record: IDataObject, field: string): string | undefined {
	const value = record[field];
	return typeof value === 'string' && /^[1-9][0-9]{0,18}$/.test(value) ? value : undefined;
}
