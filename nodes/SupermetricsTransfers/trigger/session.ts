import type { Poll } from './api';
import { trackBackfills } from './backfills';
import type { BackfillNews } from './backfills';
import { PollStopped } from './budget';
import type { StopReason } from './budget';
import { RATE_LIMIT_DEFER_MS } from './limits';
import type { TriggerParams } from './params';
import { advance, baseline, isNew, loadState, saveActivationCopy, saveState } from './state';
import type { TriggerState, WatchedBackfill } from './state';
import { cutTurn, transfersToRead } from './transfers';
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

/** Whether an earlier poll asked the trigger to rest (bounded by RATE_LIMIT_DEFER_MS, whatever n8n's clock did). */
export function resting(state: TriggerState | undefined, now = Date.now()): boolean {
	const until = state?.deferredUntil;
	return until !== undefined && until > now && until - now <= RATE_LIMIT_DEFER_MS;
}

/** A poll stopped by the key's limit: the trigger sends nothing for RATE_LIMIT_DEFER_MS. */
export function rests(reason: StopReason | undefined): boolean {
	return reason === 'reserve' || reason === 'rateLimited';
}

/** Says why the poll stopped early and what is left: `left` completes "… next poll reads …". */
export function logStop(poll: Poll, reason: StopReason, left: string): void {
	const { limit, remaining } = poll.settings.quota;
	const quota = limit === undefined ? '' : ` (the key has ${remaining ?? '?'} of its ${limit} requests an hour left)`;
	const rest = `the trigger sends nothing for ${RATE_LIMIT_DEFER_MS / 60000} minutes, then reads ${left}`;
	const message = {
		budget: `Supermetrics Transfers Trigger: the poll's time (${poll.allowance.budgetMs} ms) ran short after ${poll.allowance.sent} requests; the next poll reads ${left}`,
		reserve: `Supermetrics Transfers Trigger: the key's hourly limit is down to the reserve kept for other workflows${quota}; ${rest}`,
		rateLimited: `Supermetrics Transfers Trigger: the API answered 429 Too Many Requests${quota}; ${rest}`,
	}[reason];
	if (reason === 'budget') poll.context.logger.info(message);
	else poll.context.logger.warn(message);
}

/**
 * The saved state, this poll's transfers and its backfill news; undefined when the poll is to
 * send nothing more (resting after the key's limit, or stopped before the two lists were read):
 * then the saved state stands, with the rest noted when the key's limit stopped it.
 * `watchFailed`: also watch FAILED backfills that finished since the cutoff (Transfer Run Finished
 * reads their runs).
 */
export async function openSession(poll: Poll, params: TriggerParams, watchFailed: boolean): Promise<Session | undefined> {
	const saved = loadState(poll.context, params.key);
	if (resting(saved)) return undefined;
	let failure: unknown;
	try {
		const turn = await transfersToRead(poll, params.transferId, saved?.cursor ?? null);
		const backfills = await trackBackfills(poll, params.transferId, saved?.backfills ?? {}, watchFailed ? saved?.cutoff : undefined);
		const now = poll.clock.now();
		return { fresh: !saved, state: saved ?? baseline(params.key, now), turn, backfills, now };
	} catch (error) {
		failure = error;
	}
	// An API error fails the poll as it is; a stop does not.
	if (!(failure instanceof PollStopped)) throw failure;
	logStop(poll, failure.reason, 'what this one could not');
	if (saved && rests(failure.reason)) saveState(poll.context, { ...saved, deferredUntil: Date.now() + RATE_LIMIT_DEFER_MS });
	return undefined;
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
 * Moves the turn on past the transfers read in full (`readCount` of them, from the turn's first)
 * and the cutoff up when that completes the turn, keeps the watched backfills that `keep` (given
 * the new cutoff) wants, and saves: the only write of a poll, after all went well. A first poll's
 * state also goes to its activation copy.
 */
export function closeSession(
	poll: Poll,
	session: Session,
	readCount: number,
	keep: (entry: WatchedBackfill, cutoff: number) => boolean,
): void {
	const { state } = session;
	const turn = cutTurn(session.turn, readCount, state.cursor);
	const turnStart = state.turnStartedAt ?? session.now;
	state.cursor = turn.cursor;
	state.turnStartedAt = turn.completes ? null : turnStart;
	advance(state, turn.completes ? turnStart : null);
	state.backfills = Object.fromEntries(
		Object.entries(session.backfills.watched).filter(([, entry]) => keep(entry, state.cutoff)),
	);
	const stopped = poll.allowance.stopped;
	if (stopped) logStop(poll, stopped, readCount ? `the turn on from after transfer ${turn.cursor ?? session.turn.transferIds[readCount - 1]}` : 'the transfers this one could not');
	if (rests(stopped)) state.deferredUntil = Date.now() + RATE_LIMIT_DEFER_MS;
	else delete state.deferredUntil;
	saveState(poll.context, state);
	if (session.fresh) saveActivationCopy(poll.context, state);
}
