import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';

import { runInBatches } from '../batching';
import { dtsRequest, listRuns, requireData, requireList } from '../transport';
import type { RequestSettings } from '../transport';
import { CONCURRENCY } from './limits';
import type { ApiClock } from './time';

/** What every request of one poll shares. */
export interface Poll {
	context: IPollFunctions;
	teamId: string;
	settings: RequestSettings;
	clock: ApiClock;
}

/** GET below the team, read as a list; its Date header sets the poll's clock if first. */
export async function getList(poll: Poll, path: string, qs?: IDataObject): Promise<IDataObject[]> {
	const { context, teamId, settings, clock } = poll;
	const response = await dtsRequest.call(context, { method: 'GET', path: `/teams/${teamId}${path}`, qs }, settings, 0);
	clock.observe(response);
	return requireList(context.getNode(), response, 0);
}

/** One page of a transfer's runs for a day range, in whichever date form the API takes. */
export async function getRuns(poll: Poll, path: string, days: { start: string; end: string }, qs: IDataObject): Promise<IDataObject[]> {
	const { context, teamId, settings, clock } = poll;
	return await listRuns.call(context, `/teams/${teamId}${path}`, days, qs, settings, 0, (response) => clock.observe(response));
}

/** GET below the team, read as one object; undefined for a 404 (gone, or never was). */
export async function getObject(poll: Poll, path: string): Promise<IDataObject | undefined> {
	const { context, teamId, settings, clock } = poll;
	try {
		const response = await dtsRequest.call(context, { method: 'GET', path: `/teams/${teamId}${path}` }, settings, 0);
		clock.observe(response);
		return requireData(context.getNode(), response, [], 0);
	} catch (error) {
		if ((error as { context?: { dts?: { http_code?: unknown } } }).context?.dts?.http_code === 404) return undefined;
		// The transport's errors are NodeApiErrors already: this hands back the same one.
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/**
 * `step` for each entry, CONCURRENCY at a time, results in order. The first failure stops new
 * requests, lets those in flight settle, and is thrown: a poll fails whole, its state unchanged.
 */
export async function eachLimited<T, R>(entries: T[], step: (entry: T) => Promise<R>): Promise<R[]> {
	const results: R[] = [];
	let failure: { error: unknown } | undefined;
	await runInBatches(
		entries.length,
		{ batchSize: Math.max(1, entries.length), batchIntervalMs: 0, concurrency: CONCURRENCY },
		true,
		async (index) => await step(entries[index]),
		(index, result) => {
			if (result.ok) results[index] = result.value;
			else failure ??= { error: result.error };
		},
	);
	if (failure) throw failure.error;
	return results;
}

/** A decimal id from an answer (ids are strings end to end), or undefined when it is not one. */
export function idOf(record: IDataObject, field: string): string | undefined {
	const value = record[field];
	return typeof value === 'string' && /^[1-9][0-9]{0,18}$/.test(value) ? value : undefined;
}
