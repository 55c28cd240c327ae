import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { getLoginsList } from './api';
import type { Poll } from './api';
import { PollStopped } from './budget';
import { RATE_LIMIT_DEFER_MS } from './limits';
import { byOrder, loginWarnings, usedLinks } from './logins';
import type { LoginNews } from './logins';
import type { TriggerParams } from './params';
import { logStop, resting, rests } from './session';
import { advanceLogins, baseline, isNew, loadState, saveActivationCopy, saveState } from './state';

/** The event's list (one request) read into events, oldest first. */
async function readNews(poll: Poll, params: TriggerParams): Promise<LoginNews[]> {
	if (params.event === 'loginLinkUsed') return usedLinks(await getLoginsList(poll, '/ds/login/links'), params.dsId).sort(byOrder);
	const logins = await getLoginsList(poll, '/ds/logins');
	// "Within N days" of the API's time, read from this answer's Date header.
	return loginWarnings(logins, params.dsId, params.daysBeforeExpiry, poll.clock.now()).sort(byOrder);
}

const filtered = (params: TriggerParams) => (params.dsId ? ` of data source ${params.dsId}` : '');

/** Fetch Test Event: the most recent event at once, or a message saying there is none. */
async function latestNews(poll: Poll, params: TriggerParams): Promise<IDataObject[]> {
	const news = await readNews(poll, params);
	const latest = news[news.length - 1];
	if (latest) return [latest.item];
	const [message, description] =
		params.event === 'loginLinkUsed'
			? [`No used login link${filtered(params)} to show yet`, 'Looked at the data source login links (GET /ds/login/links) for one with a login_id. Create a login link (Supermetrics Transfers → Login Link → Create), authorize through it, then fetch again.']
			: [
					`No login${filtered(params)} expiring within ${params.daysBeforeExpiry} days or revoked to show yet`,
					'Looked at the data source logins (GET /ds/logins) for one that is revoked, or not refreshable with its expiry_time within the days set. Raise Days Before Expiry to see one further ahead, then fetch again.',
				];
	throw new NodeOperationError(poll.context.getNode(), message, { description });
}

/**
 * Login Link Used and Login Expiring: one list a poll, each event emitted once (oldest first) by
 * the same rules as the transfer events (state.ts): the first poll records the cutoff and emits
 * nothing; an event is news when its time is not before the cutoff and it was not reported; the
 * cutoff trails each poll by MARGIN_MS. A poll stopped (its time, a 429) changes nothing but the
 * rest after a 429; one whose answer puts the key at its reserve emits what it read, then rests.
 */
export async function pollLogins(poll: Poll, params: TriggerParams, manual: boolean): Promise<IDataObject[]> {
	if (manual) return await latestNews(poll, params);
	const { context } = poll;
	const saved = loadState(context, params.key);
	if (resting(saved)) return [];
	let read: { news: LoginNews[] } | { failure: unknown };
	try {
		read = { news: await readNews(poll, params) };
	} catch (error) {
		read = { failure: error };
	}
	if ('failure' in read) {
		// An API error fails the poll as the transport made it; a stop does not.
		if (!(read.failure instanceof PollStopped)) throw read.failure;
		logStop(poll, read.failure.reason, 'the list again');
		if (saved && rests(read.failure.reason)) saveState(context, { ...saved, deferredUntil: Date.now() + RATE_LIMIT_DEFER_MS });
		return [];
	}
	const { news } = read;
	const now = poll.clock.now();
	const state = saved ?? baseline(params.key, now);
	const items = news
		.filter(({ id, at }) => {
			if (!isNew(state, id, at)) return false;
			state.reported[id] = at;
			return !!saved;
		})
		.map(({ item }) => item);
	advanceLogins(state, now, new Set(news.map(({ id }) => id)));
	if (poll.allowance.atReserve) {
		logStop(poll, 'reserve', 'the list again');
		state.deferredUntil = Date.now() + RATE_LIMIT_DEFER_MS;
	} else delete state.deferredUntil;
	saveState(context, state);
	if (!saved) saveActivationCopy(context, state);
	return items;
}
