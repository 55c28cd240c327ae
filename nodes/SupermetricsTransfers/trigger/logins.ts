import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../transport';
import { timeOf } from './time';

const DAY_MS = 24 * 3600 * 1000;

/**
 * One login event as the lists show it: `id` says what is reported once (state.reported), `at` is
 * the time held against the cutoff (login_time, expiry_time or revoked_time), `order` when it
 * became news (oldest first; Fetch Test Event shows the last).
 */
export interface LoginNews {
	id: string;
	at: number;
	order: number;
	item: IDataObject;
}

/** A string field that is there and not empty; the spec lets most be absent or null. */
function textOf(record: IDataObject, field: string): string | undefined {
	const value = record[field];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Links a client authorized through: a link_id, a login_id and a readable login_time (a link
 * without one cannot be placed against the cutoff, so it is skipped). Once per authorization: a
 * client authorizing through the link again (a renewal, the same login_id) moves its login_time
 * on, and is news again.
 */
export function usedLinks(links: IDataObject[], dsId: string | undefined): LoginNews[] {
	return links.flatMap((link): LoginNews[] => {
		const linkId = textOf(link, 'link_id');
		const loginId = textOf(link, 'login_id');
		const at = timeOf(link, 'login_time');
		if (!linkId || !loginId || at === undefined || (dsId !== undefined && link.ds_id !== dsId)) return [];
		return [{ id: `link:${linkId}:${loginId}:${at}`, at, order: at, item: { ...link } }];
	});
}

function dsIdOf(login: IDataObject): unknown {
	return isObject(login.ds_info) ? login.ds_info.ds_id : undefined;
}

/**
 * Logins to warn of: revoked ones (a readable revoked_time), once per login; and the others whose
 * expiry_time is `days` days from `now` or less and that cannot refresh themselves
 * (is_refreshable false, as given: absent says nothing), once per login and expiry, so a login
 * authorized again is reported again when its new expiry nears. `reason` says which.
 */
export function loginWarnings(logins: IDataObject[], dsId: string | undefined, days: number, now: number): LoginNews[] {
	return logins.flatMap((login): LoginNews[] => {
		const loginId = textOf(login, 'login_id');
		if (!loginId || (dsId !== undefined && dsIdOf(login) !== dsId)) return [];
		if (login.revoked_time !== undefined && login.revoked_time !== null) {
			const revoked = timeOf(login, 'revoked_time');
			return revoked === undefined ? [] : [{ id: `revoked:${loginId}`, at: revoked, order: revoked, item: { ...login, reason: 'revoked' } }];
		}
		const expiry = timeOf(login, 'expiry_time');
		if (expiry === undefined || login.is_refreshable !== false || expiry > now + days * DAY_MS) return [];
		return [{ id: `expiring:${loginId}:${expiry}`, at: expiry, order: expiry - days * DAY_MS, item: { ...login, reason: 'expiring' } }];
	});
}

/** Oldest first, ties by id. */
export function byOrder(a: LoginNews, b: LoginNews): number {
	return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
