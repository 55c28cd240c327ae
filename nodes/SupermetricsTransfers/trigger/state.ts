import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { MARGIN_MS, MAX_REPORTED_IDS } from './limits';

/** A backfill the trigger has seen unfinished, kept until it is done with (backfills.ts). */
export interface WatchedBackfill {
	transfer_id: string;
	range_start_date: string;
	range_end_date: string;
	status: string;
	/** When it finished (end_time, or its stand-in), once final. */
	finished_at: number | null;
	/** Its date range was read after it was final and held no unfinished run. */
	done: boolean;
}

/**
 * What the trigger keeps in the workflow's static data. n8n saves it at activation and when a poll
 * emits items; a poll that emits nothing keeps its changes in memory only. So every saved version
 * must be safe to resume from: only `reported` says what was emitted, and a version from before a
 * restart differs from the lost one only by an older cutoff, more ids and an earlier turn, none of
 * which makes anything report twice or be skipped.
 */
export interface TriggerState {
	version: 1;
	/** Event, team, transfer and filter the state belongs to; another key starts afresh. */
	key: string;
	/** Finished before this (API time, ms) is never reported. */
	cutoff: number;
	/** Ids reported, with the time they finished; pruned below the cutoff. */
	reported: Record<string, number>;
	backfills: Record<string, WatchedBackfill>;
	/** The last transfer read in the current turn through the team's transfers, if one is under way. */
	cursor: string | null;
	/** API time of the poll that began the current turn. */
	turnStartedAt: number | null;
}

const STATE_KEY = 'supermetricsTransfersTrigger';

function isState(value: unknown, key: string): value is TriggerState {
	const state = value as TriggerState;
	return (
		typeof state === 'object' &&
		state !== null &&
		state.version === 1 &&
		state.key === key &&
		Number.isFinite(state.cutoff) &&
		typeof state.reported === 'object' &&
		typeof state.backfills === 'object'
	);
}

/** The saved state for this configuration, as a plain copy; undefined on a first poll. */
export function loadState(context: IPollFunctions, key: string): TriggerState | undefined {
	const saved = context.getWorkflowStaticData('node')[STATE_KEY];
	if (!isState(saved, key)) return undefined;
	return JSON.parse(JSON.stringify(saved)) as TriggerState;
}

/** Written once, at the end of a poll that succeeded: a failed poll changes nothing. */
export function saveState(context: IPollFunctions, state: TriggerState): void {
	context.getWorkflowStaticData('node')[STATE_KEY] = state as unknown as IDataObject;
}

/** A first poll: everything finished before now is old. */
export function baseline(key: string, now: number): TriggerState {
	return { version: 1, key, cutoff: now, reported: {}, backfills: {}, cursor: null, turnStartedAt: null };
}

/** Whether a finished record is news: finished since the cutoff and not reported yet. */
export function isNew(state: TriggerState, id: string, finishedAt: number): boolean {
	return finishedAt >= state.cutoff && state.reported[id] === undefined;
}

/**
 * After a complete turn through the transfers that began at `turnStart`, anything finished more
 * than the margin before it has been seen: the cutoff moves up and older ids are dropped. Past the
 * bound on ids, the oldest go too and the cutoff rises past them, so none comes back.
 */
export function advance(state: TriggerState, turnStart: number | null): void {
	if (turnStart !== null) state.cutoff = Math.max(state.cutoff, turnStart - MARGIN_MS);
	let entries = Object.entries(state.reported).filter(([, at]) => at >= state.cutoff);
	if (entries.length > MAX_REPORTED_IDS) {
		entries.sort((a, b) => b[1] - a[1]);
		// Past the newest dropped one, so no dropped id (nor one finished with it) is news again.
		state.cutoff = Math.max(state.cutoff, entries[MAX_REPORTED_IDS][1] + 1);
		entries = entries.filter(([, at]) => at >= state.cutoff);
	}
	state.reported = Object.fromEntries(entries);
}
