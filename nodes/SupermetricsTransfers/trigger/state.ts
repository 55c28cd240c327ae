import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { MARGIN_MS, MAX_LOGIN_EVENTS_KEPT, MAX_REPORTED_IDS } from './limits';

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
 * What the trigger keeps in the node's static data. Every saved version must be safe to resume
 * from, however old: only `reported` says what was emitted, and an older version differs from a
 * newer one only by an older cutoff, more ids and an earlier turn, none of which makes anything
 * report twice or be skipped. n8n keeps it in one of two ways:
 * - regular scheduler: in the workflow, written to the database at activation and when a poll
 *   emits items; a poll that emits nothing keeps its changes in memory only.
 * - durable scheduler (n8n 2.41, N8N_POLLER_DURABLE_CURSORS_ENABLED): each poll gets a deep copy
 *   of a stored cursor; what it leaves there is committed with the execution it emits, or alone
 *   after a poll that emits nothing, and not at all when the poll loses its lease or is abandoned.
 *   The activation poll's copy is never committed when it emits nothing (an n8n 2.41 defect, see
 *   docs/trigger.md): so a first poll also leaves its baseline in the workflow's global static
 *   data, which n8n does save at activation (activationCopy below).
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
	/** API time of the first poll of this configuration (absent in states saved before it was kept). */
	since?: number;
	/**
	 * n8n's time (ms) until which polls send nothing: set when a poll stopped at the key's reserve
	 * or met a 429 (RATE_LIMIT_DEFER_MS). n8n's clock, since it is read before any answer.
	 */
	deferredUntil?: number;
}

const STATE_KEY = 'supermetricsTransfersTrigger';

const optionalTime = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isFinite(value));

function isState(value: unknown, key: string): value is TriggerState {
	const state = value as TriggerState;
	return (
		typeof state === 'object' &&
		state !== null &&
		state.version === 1 &&
		state.key === key &&
		Number.isFinite(state.cutoff) &&
		typeof state.reported === 'object' &&
		state.reported !== null &&
		typeof state.backfills === 'object' &&
		state.backfills !== null &&
		optionalTime(state.since) &&
		optionalTime(state.deferredUntil)
	);
}

/** When a saved state (of any configuration) was begun, if it says so. */
function sinceOf(value: unknown): number {
	const since = (value as { since?: unknown } | null)?.since;
	return typeof since === 'number' && Number.isFinite(since) ? since : -Infinity;
}

const copyOf = (state: TriggerState) => JSON.parse(JSON.stringify(state)) as TriggerState;

/**
 * Where a first poll leaves its baseline in the workflow's global static data: by node id (what
 * the durable cursor is stored by), and holding the node's name, which keys the node's static
 * data in the regular scheduler, so that a renamed node never takes up a copy of its old self.
 */
interface ActivationCopy {
	name: string;
	state: TriggerState;
}

function copyKey(context: IPollFunctions): string {
	const node = context.getNode();
	return `${STATE_KEY}:${node.id || node.name}`;
}

function activationCopy(context: IPollFunctions, key: string): TriggerState | undefined {
	const copy = context.getWorkflowStaticData('global')[copyKey(context)] as unknown as ActivationCopy | undefined;
	if (typeof copy !== 'object' || copy === null || copy.name !== context.getNode().name) return undefined;
	return isState(copy.state, key) && copy.state.since !== undefined ? copyOf(copy.state) : undefined;
}

/**
 * The saved state for this configuration, as a plain copy; undefined on a first poll. The node's
 * static data holds it, or, after an activation poll whose state n8n's durable scheduler dropped,
 * the activation copy: taken up when newer than whatever the node's static data holds (a state of
 * another configuration that the activation replaced). Once the node's own state is there, the
 * copy has served and goes (saved whenever n8n next saves the workflow's static data).
 */
export function loadState(context: IPollFunctions, key: string): TriggerState | undefined {
	const saved = context.getWorkflowStaticData('node')[STATE_KEY];
	const global = context.getWorkflowStaticData('global');
	const name = copyKey(context);
	if (isState(saved, key)) {
		if (global[name] !== undefined) delete global[name];
		return copyOf(saved);
	}
	const copy = activationCopy(context, key);
	return copy && (copy.since ?? -Infinity) > sinceOf(saved) ? copy : undefined;
}

/** Written once, at the end of a poll that succeeded: a failed poll changes nothing. */
export function saveState(context: IPollFunctions, state: TriggerState): void {
	context.getWorkflowStaticData('node')[STATE_KEY] = state as unknown as IDataObject;
}

/** A first poll's state also goes where n8n saves it at activation in either scheduler. */
export function saveActivationCopy(context: IPollFunctions, state: TriggerState): void {
	const copy: ActivationCopy = { name: context.getNode().name, state: copyOf(state) };
	context.getWorkflowStaticData('global')[copyKey(context)] = copy as unknown as IDataObject;
}

/** A first poll: everything finished before now is old. */
export function baseline(key: string, now: number): TriggerState {
	return { version: 1, key, cutoff: now, reported: {}, backfills: {}, cursor: null, turnStartedAt: null, since: now };
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

/**
 * After a login event's poll, which read its whole list: anything that happened more than the
 * margin before it has been seen, so the cutoff moves up to there and older events are dropped (a
 * dropped one is older than the cutoff and so never news again). Past MAX_LOGIN_EVENTS_KEPT, those
 * not in this poll's list (`listed`) go, oldest first: a superseded expiry (the login was
 * authorized again) can only come back as news if it is dropped that way.
 */
export function advanceLogins(state: TriggerState, now: number, listed: Set<string>): void {
	state.cutoff = Math.max(state.cutoff, now - MARGIN_MS);
	const entries = Object.entries(state.reported).filter(([, at]) => at >= state.cutoff);
	const unlisted = entries.filter(([id]) => !listed.has(id)).sort((a, b) => b[1] - a[1]);
	const room = Math.max(0, MAX_LOGIN_EVENTS_KEPT - (entries.length - unlisted.length));
	const dropped = new Set(unlisted.slice(room).map(([id]) => id));
	state.reported = Object.fromEntries(entries.filter(([id]) => !dropped.has(id)));
}
