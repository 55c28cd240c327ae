import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { donePrefix, eachLimited } from './api';
import type { Poll } from './api';
import { isFinal, trackBackfills } from './backfills';
import { PollStopped } from './budget';
import { FINISHED_BACKFILL_READ_MS } from './limits';
import type { TriggerParams } from './params';
import { isFinished, readRuns, recentRange, runFinishedAt } from './runs';
import type { DayRange, ReadRun } from './runs';
import { closeSession, openSession, report } from './session';
import type { WatchedBackfill } from './state';
import { transfersToRead } from './transfers';
import { byId } from './time';

/** The run as the API gave it, with where it belongs and whether it succeeded. */
function runItem(teamId: string, { run, transferId }: ReadRun): IDataObject {
	return { ...run, team_id: teamId, transfer_id: transferId, succeeded: run.status === 'COMPLETED' };
}

/** Finished runs, oldest first (ties by id), each with when it finished. */
function finished(runs: ReadRun[]): Array<ReadRun & { at: number }> {
	return runs
		.filter((read) => isFinished(read.run))
		.map((read) => ({ ...read, at: runFinishedAt(read.run) as number }))
		.filter((read) => Number.isFinite(read.at))
		.sort((a, b) => a.at - b.at || byId(a.id, b.id));
}

/** The runs of the transfers read in full (`done[i]` for transferIds[i]); a poll that stops early reads fewer. */
interface TurnRead {
	runs: ReadRun[];
	done: boolean[];
}

/**
 * Reads the runs of this poll's transfers: for each, the recent data dates and the date range of
 * each backfill of it that is watched and not done with (so backfill runs dated last year are
 * found), merged. When the poll stops early, the transfers it did not read in full are left out.
 */
async function readTurn(poll: Poll, transferIds: string[], watched: Record<string, WatchedBackfill>, now: number): Promise<TurnRead> {
	const rangesOf = (transferId: string): DayRange[] => [
		recentRange(now),
		...Object.values(watched)
			.filter((entry) => entry.transfer_id === transferId && !entry.done)
			.map((entry): DayRange => [entry.range_start_date, entry.range_end_date]),
	];
	const { results, done } = await eachLimited(transferIds, async (transferId) => await readRuns(poll, transferId, rangesOf(transferId)));
	return { runs: results.flatMap((runs) => runs ?? []), done };
}

/**
 * A finished backfill is done with once a read after it finished shows none of its runs
 * unfinished; one finished longer ago than FINISHED_BACKFILL_READ_MS is given up.
 */
function retire(watched: Record<string, WatchedBackfill>, finalBefore: Set<string>, readIds: string[], runs: ReadRun[], now: number): void {
	for (const [id, entry] of Object.entries(watched)) {
		if (!finalBefore.has(id)) continue;
		if (entry.finished_at !== null && entry.finished_at < now - FINISHED_BACKFILL_READ_MS) {
			delete watched[id];
			continue;
		}
		if (!readIds.includes(entry.transfer_id)) continue;
		const unfinished = runs.some(
			({ run, transferId }) =>
				transferId === entry.transfer_id &&
				run.type !== 'Recurring' &&
				!isFinished(run) &&
				typeof run.data_date === 'string' &&
				run.data_date >= entry.range_start_date &&
				run.data_date <= entry.range_end_date,
		);
		if (!unfinished) entry.done = true;
	}
}

/** Fetch Test Event: the most recent finished run at once, or a message saying there is none. */
async function latestRun(poll: Poll, params: TriggerParams): Promise<IDataObject[]> {
	const turn = await transfersToRead(poll, params.transferId, null);
	const { watched } = await trackBackfills(poll, params.transferId, {}, -Infinity);
	const now = poll.clock.now();
	const read = await readTurn(poll, turn.transferIds, watched, now);
	if (!read.done.every(Boolean)) throw new PollStopped(poll.allowance.stopped ?? 'budget');
	const runs = finished(read.runs).filter(
		(read) => !params.onlyFailures || read.run.status !== 'COMPLETED',
	);
	const latest = runs[runs.length - 1];
	if (latest) return [runItem(params.teamId, latest)];
	const [from, to] = recentRange(now);
	throw new NodeOperationError(poll.context.getNode(), `No finished ${params.onlyFailures ? 'failed ' : ''}transfer run to show yet`, {
		description: `Looked at the runs of ${params.transferId ? `transfer ${params.transferId}` : `the team's first ${turn.transferIds.length} transfers`} dated ${from} to ${to} and in the ranges of the team's incomplete backfills. Start a run or a backfill in Supermetrics (or pick another transfer), then fetch again.`,
	});
}

/**
 * Transfer Run Finished. The first poll records where things stand and emits nothing; each later
 * one emits the runs that finished since, oldest first, each once (state.ts says why restarts and
 * lost polls cannot change that). A poll that stops early (its time, the key's reserve) emits the
 * runs of the transfers it read in full; the turn goes on after the first unread one next poll.
 */
export async function pollRuns(poll: Poll, params: TriggerParams, manual: boolean): Promise<IDataObject[]> {
	if (manual) return await latestRun(poll, params);
	const session = await openSession(poll, params, true);
	if (!session) return [];
	const { watched } = session.backfills;
	const { transferIds } = session.turn;
	const finalBefore = new Set(Object.keys(watched).filter((id) => isFinal(watched[id].status)));
	const read = await readTurn(poll, transferIds, watched, session.now);
	retire(watched, finalBefore, transferIds.filter((_, i) => read.done[i]), read.runs, session.now);

	const items = finished(read.runs)
		.filter((run) => report(session, params, { id: run.id, at: run.at, status: run.run.status }))
		.map((run) => runItem(params.teamId, run));
	// A backfill done with stays listed (it may be FAILED) until the cutoff passes its end.
	closeSession(poll, session, donePrefix(read.done), (entry, cutoff) => !(entry.done && (entry.finished_at ?? -Infinity) < cutoff));
	return items;
}
