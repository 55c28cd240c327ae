import type { IDataObject } from 'n8n-workflow';

import { getRuns, idOf } from './api';
import type { Poll } from './api';
import { MAX_PAGES, PAGE_SIZE, RECENT_DAYS_AHEAD, RECENT_DAYS_BACK } from './limits';
import { dayOf, nextDay, timeOf } from './time';

/** Statuses of a run that has not finished; the spec does not list run statuses, so any other
 * status with an ended_time counts as finished, as do these three. */
const RUN_FINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];
const RUN_PENDING = ['CREATED', 'QUEUED', 'SCHEDULED', 'PENDING', 'RUNNING'];

export function isFinished(run: IDataObject): boolean {
	const { status } = run;
	if (typeof status !== 'string') return false;
	return RUN_FINAL.includes(status) || (!RUN_PENDING.includes(status) && timeOf(run, 'ended_time') !== undefined);
}

/** When a finished run finished: its ended_time, else (none given) its created_time. */
export function runFinishedAt(run: IDataObject): number | undefined {
	return timeOf(run, 'ended_time') ?? timeOf(run, 'created_time');
}

export type DayRange = [start: string, end: string];

/** Data dates of recurring runs worth a look: a week back from the API's today, a day ahead. */
export function recentRange(now: number): DayRange {
	return [dayOf(now, -RECENT_DAYS_BACK), dayOf(now, RECENT_DAYS_AHEAD)];
}

/** Overlapping or touching day ranges joined, so no day is read twice. */
export function mergeRanges(ranges: DayRange[]): DayRange[] {
	const merged: DayRange[] = [];
	for (const [start, end] of [...ranges].sort((a, b) => a[0].localeCompare(b[0]))) {
		const last = merged[merged.length - 1];
		if (last && start <= nextDay(last[1])) {
			if (end > last[1]) last[1] = end;
		} else merged.push([start, end]);
	}
	return merged;
}

/** A run as the trigger hands it on. */
export interface ReadRun {
	id: string;
	transferId: string;
	run: IDataObject;
}

/**
 * Transfer Run List over each range, newest created first, PAGE_SIZE a page, at most MAX_PAGES a
 * range. Newest first so that runs created while paging push older ones into the next page
 * (read twice, counted once) instead of past it; and so that past the bound what is left unread is
 * the oldest-created runs, long finished.
 */
export async function readRuns(poll: Poll, transferId: string, ranges: DayRange[]): Promise<ReadRun[]> {
	const runs = new Map<string, ReadRun>();
	for (const [start, end] of mergeRanges(ranges)) {
		for (let page = 0; page < MAX_PAGES; page++) {
			const qs = { sort_field: 'created_time', sort_direction: 'DESC', limit: PAGE_SIZE, offset: page * PAGE_SIZE };
			const listed = await getRuns(poll, `/transfers/${transferId}/runs`, { start, end }, qs);
			for (const run of listed) {
				const id = idOf(run, 'id');
				if (id) runs.set(id, { id, transferId, run });
			}
			if (listed.length < PAGE_SIZE) break;
			if (page === MAX_PAGES - 1) {
				poll.context.logger.warn(
					`Supermetrics Transfers Trigger: transfer ${transferId} has more than ${MAX_PAGES * PAGE_SIZE} runs dated ${start} to ${end}; the oldest-created were not read`,
				);
			}
		}
	}
	return [...runs.values()];
}
