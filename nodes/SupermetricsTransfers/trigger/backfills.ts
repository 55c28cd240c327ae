import type { IDataObject } from 'n8n-workflow';

import { eachLimited, getList, getObject, idOf } from './api';
import type { Poll } from './api';
import { MAX_BACKFILL_GETS, MAX_WATCHED_BACKFILLS } from './limits';
import type { WatchedBackfill } from './state';
import { byId, isDay, timeOf } from './time';

/** Final for the trigger: COMPLETED and CANCELLED leave the incomplete list, FAILED stays on it. */
export const BACKFILL_FINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];

export const isFinal = (status: unknown): boolean => typeof status === 'string' && BACKFILL_FINAL.includes(status);

/** When a final backfill finished: end_time, else the cancel's removed_time, else its creation. */
export function finishedAt(backfill: IDataObject): number | undefined {
	return timeOf(backfill, 'end_time') ?? timeOf(backfill, 'removed_time') ?? timeOf(backfill, 'created_time');
}

function watchEntry(backfill: IDataObject, transferId: string): WatchedBackfill | undefined {
	const { range_start_date: start, range_end_date: end, status } = backfill;
	if (!isDay(start) || !isDay(end) || typeof status !== 'string') return undefined;
	return {
		transfer_id: transferId,
		range_start_date: start,
		range_end_date: end,
		status,
		finished_at: isFinal(status) ? (finishedAt(backfill) ?? null) : null,
		done: false,
	};
}

/** What one poll learnt of the team's backfills. */
export interface BackfillNews {
	/** Every backfill seen this poll, as the API gave it, by id. */
	seen: Map<string, IDataObject>;
	/** The watch list after this poll's answers. */
	watched: Record<string, WatchedBackfill>;
	/** Watched ones found final this poll: they were seen unfinished, so their end is news. */
	finishedNow: string[];
}

/**
 * List Incomplete Backfills (one request; for one transfer, its backfills only), then Backfill Get
 * for watched ones that left the list without being seen final (at most MAX_BACKFILL_GETS a poll,
 * lowest id first; the rest next poll, as are those a poll stopped early did not ask): so a
 * backfill that completed between two polls is still seen final, with its last status. Unfinished
 * ones are watched; with `watchFailedSince`, so is a FAILED one that finished since then (the
 * trigger must still read its runs).
 */
export async function trackBackfills(
	poll: Poll,
	transferId: string | undefined,
	previous: Record<string, WatchedBackfill>,
	watchFailedSince?: number,
): Promise<BackfillNews> {
	const seen = new Map<string, IDataObject>();
	const watched = { ...previous };
	const finishedNow: string[] = [];
	const note = (id: string, backfill: IDataObject) => {
		seen.set(id, backfill);
		const entry = watched[id];
		if (!entry) return;
		const wasFinal = isFinal(entry.status);
		const update = watchEntry(backfill, entry.transfer_id);
		if (update) watched[id] = { ...update, done: entry.done };
		if (!wasFinal && isFinal(backfill.status)) finishedNow.push(id);
	};

	for (const backfill of await getList(poll, '/backfills')) {
		const id = idOf(backfill, 'transfer_backfill_id');
		const transfer = idOf(backfill, 'transfer_id');
		if (!id || !transfer || (transferId && transfer !== transferId)) continue;
		const failedSince = watchFailedSince !== undefined && backfill.status === 'FAILED' && (finishedAt(backfill) ?? -Infinity) >= watchFailedSince;
		if (!watched[id] && (!isFinal(backfill.status) || failedSince)) {
			const entry = watchEntry(backfill, transfer);
			if (entry) watched[id] = entry;
		}
		note(id, backfill);
	}

	const left = Object.keys(watched)
		.filter((id) => !seen.has(id) && !isFinal(watched[id].status))
		.sort(byId)
		.slice(0, MAX_BACKFILL_GETS);
	// Those not asked before the poll stopped are asked next poll, as those past the bound are.
	const answers = await eachLimited(left, async (id) => await getObject(poll, `/backfills/${id}`));
	left.forEach((id, i) => {
		if (!answers.done[i]) return;
		const backfill = answers.results[i];
		if (backfill) note(id, backfill);
		else delete watched[id];
	});

	// Bounded: finished ones done with go first, then the oldest.
	const ids = Object.keys(watched).sort((a, b) => Number(watched[a].done) - Number(watched[b].done) || byId(b, a));
	for (const id of ids.slice(MAX_WATCHED_BACKFILLS)) delete watched[id];
	return { seen, watched, finishedNow };
}
