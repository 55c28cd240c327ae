import { getList, idOf } from './api';
import type { Poll } from './api';
import { MAX_TRANSFERS_PER_POLL } from './limits';
import { byId } from './time';

/** The transfers one poll reads, and where the turn through the team's transfers stands after it. */
export interface Turn {
	transferIds: string[];
	/** This poll read the last transfers of the turn: every transfer has been read since it began. */
	completes: boolean;
	/** The last transfer read, while the turn goes on. */
	cursor: string | null;
}

/**
 * One transfer when the trigger watches one. Otherwise the team's transfers (Transfer List), in
 * id order, MAX_TRANSFERS_PER_POLL a poll after the last one read: a large team is read in turns.
 */
export async function transfersToRead(poll: Poll, transferId: string | undefined, cursor: string | null): Promise<Turn> {
	if (transferId) return { transferIds: [transferId], completes: true, cursor: null };
	const listed = await getList(poll, '/transfers');
	const ids = [...new Set(listed.map((transfer) => idOf(transfer, 'dwh_transfer_id')).filter((id): id is string => !!id))].sort(byId);
	const after = cursor === null ? ids : ids.filter((id) => byId(id, cursor) > 0);
	const transferIds = after.slice(0, MAX_TRANSFERS_PER_POLL);
	const completes = after.length <= MAX_TRANSFERS_PER_POLL;
	return { transferIds, completes, cursor: completes ? null : transferIds[transferIds.length - 1] };
}

/**
 * The turn as far as this poll got: its first `readCount` transfers read in full. Short of all of
 * them the turn goes on after the last one read (or where it stood, `cursor`, when none was).
 */
export function cutTurn(turn: Turn, readCount: number, cursor: string | null): Turn {
	if (readCount >= turn.transferIds.length) return turn;
	const transferIds = turn.transferIds.slice(0, readCount);
	return { transferIds, completes: false, cursor: readCount ? transferIds[readCount - 1] : cursor };
}
