import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { donePrefix, eachLimited, getObject, idOf } from './api';
import type { Poll } from './api';
import { finishedAt, isFinal, trackBackfills } from './backfills';
import { PollStopped } from './budget';
import type { TriggerParams } from './params';
import { closeSession, openSession, report } from './session';
import { transfersToRead } from './transfers';
import { byId } from './time';

interface Finished {
	id: string;
	at: number;
	backfill: IDataObject;
}

function backfillItem(teamId: string, backfill: IDataObject): IDataObject {
	return { ...backfill, team_id: teamId, succeeded: backfill.status === 'COMPLETED' };
}

/** The final backfills a poll saw, and which of its transfers' Get Latest it asked (`done[i]`). */
interface FinishedRead {
	found: Finished[];
	done: boolean[];
}

/**
 * The final backfills this poll saw: on the incomplete list (FAILED ones stay there), from Backfill
 * Get for watched ones that left it, and from Get Latest for each transfer of this poll, which
 * catches a backfill created and finished between two polls (those a poll that stopped early did
 * not ask, it asks next poll). Oldest first.
 */
async function finishedBackfills(poll: Poll, seen: Map<string, IDataObject>, transferIds: string[], now: number): Promise<FinishedRead> {
	const latest = await eachLimited(transferIds, async (transferId) => await getObject(poll, `/transfers/${transferId}/backfills/latest`));
	const all = new Map(seen);
	for (const backfill of latest.results) {
		const id = backfill && idOf(backfill, 'transfer_backfill_id');
		if (id && !all.has(id)) all.set(id, backfill);
	}
	const found = [...all]
		.filter(([, backfill]) => isFinal(backfill.status))
		.map(([id, backfill]) => ({ id, backfill, at: finishedAt(backfill) ?? now }))
		.sort((a, b) => a.at - b.at || byId(a.id, b.id));
	return { found, done: latest.done };
}

async function latestBackfill(poll: Poll, params: TriggerParams): Promise<IDataObject[]> {
	const turn = await transfersToRead(poll, params.transferId, null);
	const { seen } = await trackBackfills(poll, params.transferId, {});
	const read = await finishedBackfills(poll, seen, turn.transferIds, poll.clock.now());
	if (!read.done.every(Boolean)) throw new PollStopped(poll.allowance.stopped ?? 'budget');
	const found = read.found.filter(
		({ backfill }) => !params.onlyFailures || backfill.status !== 'COMPLETED',
	);
	const latest = found[found.length - 1];
	if (latest) return [backfillItem(params.teamId, latest.backfill)];
	throw new NodeOperationError(poll.context.getNode(), `No finished ${params.onlyFailures ? 'failed ' : ''}backfill to show yet`, {
		description: `Looked at the team's incomplete backfills and the latest backfill of ${params.transferId ? `transfer ${params.transferId}` : `the team's first ${turn.transferIds.length} transfers`}. Create a backfill (Supermetrics Transfers → Backfill → Create), let it finish, then fetch again.`,
	});
}

/**
 * Backfill Finished: each backfill that reached COMPLETED, FAILED or CANCELLED, once. One seen
 * unfinished is news when it turns final, whenever it finished; any other final one is news when
 * it finished after the cutoff.
 */
export async function pollBackfills(poll: Poll, params: TriggerParams, manual: boolean): Promise<IDataObject[]> {
	if (manual) return await latestBackfill(poll, params);
	const session = await openSession(poll, params, false);
	if (!session) return [];
	const read = await finishedBackfills(poll, session.backfills.seen, session.turn.transferIds, session.now);
	const items = read.found
		.filter(({ id, at, backfill }) =>
			report(session, params, { id, at, status: backfill.status, news: session.backfills.finishedNow.includes(id) }),
		)
		.map(({ backfill }) => backfillItem(params.teamId, backfill));
	// Only unfinished ones need watching: a final one has just been reported (or filtered out).
	closeSession(poll, session, donePrefix(read.done), (entry) => !isFinal(entry.status));
	return items;
}
