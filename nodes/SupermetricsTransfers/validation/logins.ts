import type { INode } from 'n8n-workflow';

import { checkText, invalid } from './checks';
import type { FieldName } from './names';

/** The logins API's own rules: its ids and codes, a link's expiry time, a redirect URL. */

/**
 * The logins API's ids and data source codes (ds_id, link_id, login_id): `^[A-Za-z0-9_-]+$`, at
 * most 50 characters, wider than DTS's codes. A login_id also comes as DTS's int32 (Get Available
 * Options' logins and accounts): a whole number is taken and sent as its decimal string.
 */
const LOGINS_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const LOGINS_ID_MAX_LENGTH = 50;

export function checkLoginsId(node: INode, field: FieldName, value: unknown, itemIndex: number): string {
	const rule = `may contain only A-Z, a-z, 0-9, _ and - (pattern ^[A-Za-z0-9_-]+$), at most ${LOGINS_ID_MAX_LENGTH} characters`;
	if (value === undefined || value === null) throw invalid(node, field, value, itemIndex, 'is required');
	if (typeof value === 'number' && !Number.isSafeInteger(value)) throw invalid(node, field, value, itemIndex, rule);
	if (typeof value !== 'string' && typeof value !== 'number') throw invalid(node, field, value, itemIndex, `${rule}, given as text`);
	const text = String(value).trim();
	if (text === '') throw invalid(node, field, value, itemIndex, 'is required');
	if (text.length > LOGINS_ID_MAX_LENGTH) {
		throw invalid(node, field, value, itemIndex, `must be at most ${LOGINS_ID_MAX_LENGTH} characters (it has ${text.length})`);
	}
	if (!LOGINS_ID_PATTERN.test(text)) throw invalid(node, field, value, itemIndex, rule);
	return text;
}

/** RFC 3339 (what format date-time means): a date, a time and a zone, Z or ±hh:mm. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;
/** As the reference's description words it: "10 hours", a count and a unit, singular or plural. */
const RELATIVE_TIME = /^\+?\s*(\d{1,6})\s*(second|minute|hour|day|week|month|year)s?$/i;
const UNIT_MS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };
/** The last instant with a four-digit year: RFC 3339 has no other. */
const LAST_DATE_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** The instant of an RFC 3339 date-time that really exists (no 2026-02-30T25:00:00Z), or undefined. */
function dateTimeMs(text: string): number | undefined {
	const m = DATE_TIME.exec(text);
	if (!m) return undefined;
	const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
	const [offsetHours, offsetMinutes] = m[9] ? [Number(m[10]), Number(m[11])] : [0, 0];
	if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
	const local = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(Number(m[7] ?? 0) * 1000);
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
	const sign = m[9] === '-' ? -1 : 1;
	return local - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** The instant "N units" from `now` means; months and years by the calendar (UTC). */
function relativeMs(text: string, now: number): number | undefined {
	const m = RELATIVE_TIME.exec(text);
	if (!m) return undefined;
	const count = Number(m[1]);
	const unit = m[2].toLowerCase();
	if (unit !== 'month' && unit !== 'year') return now + count * UNIT_MS[unit];
	const date = new Date(now);
	date.setUTCMonth(date.getUTCMonth() + count * (unit === 'year' ? 12 : 1));
	return date.getTime();
}

/**
 * expiry_time, as the reference's description allows it: an ISO 8601 date-time with a zone, or a
 * relative time such as "10 hours" (from now, on n8n's clock). Either is returned as the UTC
 * RFC 3339 date-time it means (e.g. 2026-03-01T21:59:59Z): the schema's format is date-time, so
 * that is taken under every reading, and the instant checked is the one sent. It must lie after
 * `now`. A date-time without a zone is refused: it would mean another instant on every server.
 * Luxon's DateTime or a Date from an expression counts as the instant it holds.
 */
export function checkExpiryTime(node: INode, field: FieldName, value: unknown, itemIndex: number, now = Date.now()): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const rule = 'must be a date-time with a zone, such as 2026-03-01T23:59:59Z, or a relative time such as "10 hours"';
	let at: number | undefined;
	if (value instanceof Date) at = value.getTime();
	else if (typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		at = (value as { toMillis: () => number }).toMillis();
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		if (text.length > 50) throw invalid(node, field, value, itemIndex, `must be at most 50 characters (it has ${text.length})`);
		at = dateTimeMs(text) ?? relativeMs(text, now);
	}
	if (at === undefined || !Number.isFinite(at) || at > LAST_DATE_TIME_MS) throw invalid(node, field, value, itemIndex, rule);
	if (at <= now) {
		throw invalid(node, field, value, itemIndex, `must be in the future: it is ${iso(at)}, and now is ${iso(now)}`);
	}
	return iso(at);
}

/** RFC 3339 in UTC, in whole seconds (rounded up, so that an instant after now stays after it). */
const iso = (ms: number) => new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** An http(s) URL (format uri, maxLength as the API gives it), sent as typed but for spaces around it. */
export function checkHttpUrl(node: INode, field: FieldName, value: unknown, itemIndex: number, maxLength: number): string | undefined {
	const text = checkText(node, field, value, itemIndex, { maxLength, required: false });
	if (text === undefined) return undefined;
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !/^https?:\/\/[^/\s]/i.test(text) || /\s/.test(text)) {
		throw invalid(node, field, value, itemIndex, 'must be an http:// or https:// URL, such as https://example.com/connected');
	}
	return text;
}
