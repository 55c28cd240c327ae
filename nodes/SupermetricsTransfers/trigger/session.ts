import type { Poll } from './api';
import { trackBackfills } from './backfills';
import type { BackfillNews } from './backfills';
import type { TriggerParams } from './params';
import { advance, baseline, isNew, loadState, saveState } from './state';
import type { TriggerState, WatchedBackfill } from './state';
import { transfersToRead } from './transfers';
import type { Turn } from './transfers';

/** One poll of either event: what it starts from, and what it reports. */
export interface Session {
	/** A first poll (or a changed configuration): record where things stand, emit nothing. */
	fresh: boolean;
	state: TriggerState;
	turn: Turn;
	backfills: BackfillNews;
	/** The API's time at the poll's first answer. */
	now: number;
}

/**
 * The saved state, this poll's transfers and its backfill news. `watchFailed`: also watch FAILED
 * backfills that finished since the cutoff (Transfer Run Finished reads their runs).
 */
export async function openSession(poll: Poll, params: TriggerParams, watchFailed: boolean): Promise<Session> {
	const saved = loadState(poll.context, params.key);
	const turn = await transfersToRead(poll, params.transferId, saved?.cursor ?? null);
	const backfills = await trackBackfills(poll, params.transferId, saved?.backfills ?? {}, watchFailed ? saved?.cutoff : undefined);
	const now = poll.clock.now();
	return { fresh: !saved, state: saved ?? baseline(params.key, now), turn, backfills, now };
}

/**
 * Whether a finished run or backfill is to be emitted now, recording it if so. On a first poll it
 * is only recorded; filtered out by Only Failures, it is not recorded (the filter is part of the
 * state's key, so it cannot change under it).
 */
export function report(session: Session, params: TriggerParams, record: { id: string; at: number; status: unknown; news?: boolean }): boolean {
	const { state } = session;
	if (!record.news && !isNew(state, record.id, record.at)) return false;
	if (record.news && state.reported[record.id] !== undefined) return false;
	if (!session.fresh && params.onlyFailures && record.status === 'COMPLETED') return false;
	state.reported[record.id] = record.at;
	return !session.fresh;
}

/**
 * Moves the turn on and the cutoff up when the turn is complete, keeps the watched backfills that
 * `keep` (given the new cutoff) wants, and saves: the only write of a poll, after all went well.
 */
export function closeSession(poll: Poll, session: Session, keep: (entry: WatchedBackfill, cutoff: number) => boolean): void {
	const { state, turn } = session;
	const turnStart = state.turnStartedAt ?? session.now;
	state.cursor = turn.cursor;
	state.turnStartedAt = turn.completes ? null : turnStart;
	advance(state, turn.completes ? turnStart : null);
	state.backfills = Object.fromEntries(
		Object.entries(session.backfills.watched).filter(([, entry]) => keep(entry, state.cutoff)),
	);
	saveState(poll.context, state);
}
