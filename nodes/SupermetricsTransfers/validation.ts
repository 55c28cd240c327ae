import type { IDataObject, INode, NodeOperationError } from 'n8n-workflow';

import { itemError } from './itemError';

/** The API's int64 maximum; ids are kept as strings because a JS number loses digits past 2^53. */
export const INT64_MAX = 9223372036854775807n;
/** destination_id is an int32 in the spec. */
export const INT32_MAX = 2147483647n;

/** `^[A-Z0-9_]+$`, at most 50 characters: data_source_id and destination_type on the reference page. */
const CODE_PATTERN = /^[A-Z0-9_]+$/;
const CODE_MAX_LENGTH = 50;

/** A user-facing name and the API's own name for a field, so an error can say both. */
export interface FieldName {
	displayName: string;
	apiName: string;
}

export const TEAM_ID: FieldName = { displayName: 'Team ID', apiName: 'team_id' };
export const DATA_SOURCE_ID: FieldName = { displayName: 'Data Source', apiName: 'data_source_id' };
export const DESTINATION_TYPE: FieldName = {
	displayName: 'Destination Type',
	apiName: 'destination_type',
};
export const TRANSFER_ID: FieldName = { displayName: 'Transfer', apiName: 'transfer_id' };
export const DESTINATION_ID: FieldName = { displayName: 'Destination', apiName: 'destination_id' };
export const TRANSFER_RUN_ID: FieldName = { displayName: 'Transfer Run ID', apiName: 'transfer_run_id' };
export const BACKFILL_ID: FieldName = { displayName: 'Backfill ID', apiName: 'backfill_id' };
export const SCHEMA_ID: FieldName = { displayName: 'Schema ID', apiName: 'schema_id' };
export const DISPLAY_NAME: FieldName = { displayName: 'Display Name', apiName: 'display_name' };
export const AUTH_METHOD: FieldName = { displayName: 'Auth Method', apiName: 'auth_method' };
export const RANGE_START: FieldName = { displayName: 'Range Start', apiName: 'range_start' };
export const RANGE_END: FieldName = { displayName: 'Range End', apiName: 'range_end' };
export const START_DATE: FieldName = { displayName: 'Start Date', apiName: 'start_date' };
export const END_DATE: FieldName = { displayName: 'End Date', apiName: 'end_date' };
export const NOTIFICATION_RECIPIENTS: FieldName = {
	displayName: 'Notification Recipients',
	apiName: 'notification_recipients',
};
export const SCHEDULE: FieldName = { displayName: 'Schedule', apiName: 'schedule' };
export const TRANSFER_TYPE: FieldName = { displayName: 'Transfer Type', apiName: 'transfer_type' };
export const TRANSFER_STATE: FieldName = { displayName: 'Action', apiName: 'transfer_state' };
export const SETTING_NAME: FieldName = { displayName: 'Setting Name', apiName: 'fields' };
export const SECRETS_SOURCE: FieldName = { displayName: 'Secrets From', apiName: 'secretsSource' };
export const NEW_PASSWORD: FieldName = { displayName: 'New Secret', apiName: 'new_password' };
export const LIMIT: FieldName = { displayName: 'Limit', apiName: 'limit' };
export const RETURN_ALL: FieldName = { displayName: 'Return All', apiName: 'returnAll' };
export const SORT_FIELD: FieldName = { displayName: 'Sort By', apiName: 'sort_field' };
export const SORT_DIRECTION: FieldName = { displayName: 'Sort Direction', apiName: 'sort_direction' };
/** The node's own options: not sent to the API, so their "API name" is where they live. */
export const TIMEOUT: FieldName = { displayName: 'Timeout', apiName: 'options.timeout' };
export const MAX_RATE_LIMIT_WAIT: FieldName = { displayName: 'Max Rate-Limit Wait', apiName: 'options.maxRateLimitWait' };
export const BATCH_SIZE: FieldName = { displayName: 'Items per Batch', apiName: 'options.batching.batch.batchSize' };
export const BATCH_INTERVAL: FieldName = { displayName: 'Batch Interval', apiName: 'options.batching.batch.batchInterval' };
export const CONCURRENCY: FieldName = { displayName: 'Max Concurrent Requests', apiName: 'options.batching.batch.concurrency' };

/** The Supermetrics API's (login links and logins) fields, named as its reference names them. */
export const DS_ID: FieldName = { displayName: 'Data Source', apiName: 'ds_id' };
export const LINK_ID: FieldName = { displayName: 'Login Link', apiName: 'link_id' };
export const LOGIN_ID: FieldName = { displayName: 'Data Source Login', apiName: 'login_id' };
export const EXPIRY_TIME: FieldName = { displayName: 'Expiry Time', apiName: 'expiry_time' };
export const LINK_DESCRIPTION: FieldName = { displayName: 'Description', apiName: 'description' };
export const REQUIRE_USERNAME: FieldName = { displayName: 'Require Username', apiName: 'require_username' };
export const REDIRECT_URL: FieldName = { displayName: 'Redirect URL', apiName: 'redirect_url' };
export const OFFSET: FieldName = { displayName: 'Offset', apiName: 'offset' };


function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (value === undefined) return 'nothing';
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

function invalid(
	node: INode,
	field: FieldName,
	value: unknown,
	itemIndex: number,
	rule: string,
	hint?: string,
): NodeOperationError {
	const description = [`Field: ${field.displayName} (${field.apiName}). Nothing was sent for this item.`, hint]
		.filter(Boolean)
		.join(' ');
	return itemError(node, { code: 'INVALID_INPUT', message: `Invalid ${field.displayName} ${show(value)} in item ${itemIndex}: ${rule}`, description, itemIndex });
}

/**
 * A positive integer id (team, transfer, run, backfill: int64; destination: int32), returned as its
 * canonical decimal string. Numbers are accepted only while exact; past 2^53 they must be strings.
 */
export function checkId(
	node: INode,
	field: FieldName,
	value: unknown,
	itemIndex: number,
	max: bigint = INT64_MAX,
): string {
	const rule = `must be a whole number from 1 to ${max}`;
	let text: string;
	if (value === undefined || value === null) {
		// An expression that found nothing, e.g. {{ $json.transfer_id }} on an item without one.
		throw invalid(node, field, value, itemIndex, 'is required');
	} else if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) {
			const hint = Number.isInteger(value)
				? 'This number is past 2^53, where JavaScript numbers lose digits, so it may already differ from the real id. Pass the id as a string: quote it in the source JSON or type it into the field.'
				: undefined;
			throw invalid(node, field, value, itemIndex, rule, hint);
		}
		text = String(value);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else if (typeof value === 'bigint') {
		text = value.toString();
	} else {
		throw invalid(node, field, value, itemIndex, `${rule}, given as a string`);
	}
	if (text === '') {
		throw invalid(node, field, value, itemIndex, 'is required');
	}
	if (!/^[1-9][0-9]*$/.test(text) || text.length > 19 || BigInt(text) > max) {
		throw invalid(node, field, value, itemIndex, rule);
	}
	return text;
}

/** A calendar date in the API's YYYY-MM-DD form that really exists (no 2024-02-30). */
export function checkDate(node: INode, field: FieldName, value: unknown, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text !== 'string' || text === '') {
		throw invalid(node, field, value, itemIndex, 'must be a date in the form YYYY-MM-DD');
	}
	// n8n's date picker gives an ISO timestamp; only its date part is meant.
	const date = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	const day = date ? new Date(Date.UTC(+date[1], +date[2] - 1, +date[3])) : undefined;
	if (!date || !day || day.getUTCMonth() !== +date[2] - 1 || day.getUTCDate() !== +date[3]) {
		throw invalid(node, field, value, itemIndex, 'must be a real date in the form YYYY-MM-DD');
	}
	return `${date[1]}-${date[2]}-${date[3]}`;
}

/** A day range whose end is not before its start, checked as dates (already YYYY-MM-DD). */
export function checkDateOrder(
	node: INode,
	end: FieldName,
	start: string,
	endValue: string,
	itemIndex: number,
): void {
	if (endValue < start) {
		throw invalid(node, end, endValue, itemIndex, `must not be before ${start}`);
	}
}

/** One of the values the spec's enum allows; an expression may give anything. */
export function checkOption<T extends string>(
	node: INode,
	field: FieldName,
	value: unknown,
	itemIndex: number,
	allowed: readonly T[],
): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw invalid(node, field, value, itemIndex, `must be one of ${allowed.join(', ')}`);
}

/** A list the API requires at least one entry of. */
export function checkNotEmpty(node: INode, field: FieldName, list: unknown[], itemIndex: number): void {
	if (list.length === 0) throw invalid(node, field, list, itemIndex, 'needs at least one entry');
}

/** A value the API requires, from wherever it may come (a form field, a list of names, a secret). */
export function checkPresent(node: INode, field: FieldName, value: unknown, itemIndex: number): void {
	if (value === undefined || value === null || value === '') throw invalid(node, field, value, itemIndex, 'is required');
}

/**
 * An entry a multi-select's list gave (an object as JSON text), or the object itself from an
 * expression. The text is bounded before it is parsed; JSON.parse reads it in linear time.
 */
export function checkJsonObject(node: INode, field: FieldName, value: unknown, itemIndex: number, rule: string): IDataObject {
	let parsed = value;
	if (typeof value === 'string' && value.length <= 2000) {
		try {
			parsed = JSON.parse(value);
		} catch {
			parsed = undefined;
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid(node, field, value, itemIndex, rule);
	return parsed as IDataObject;
}

/** Free text such as display_name: trimmed, and within the API's maxLength. */
export function checkText(
	node: INode,
	field: FieldName,
	value: unknown,
	itemIndex: number,
	{ maxLength, required = true }: { maxLength: number; required?: boolean },
): string | undefined {
	if (value === undefined || value === null || value === '') {
		if (required) throw invalid(node, field, value, itemIndex, 'is required');
		return undefined;
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw invalid(node, field, value, itemIndex, 'must be text');
	}
	const text = String(value).trim();
	if (text === '') {
		if (required) throw invalid(node, field, value, itemIndex, 'is required');
		return undefined;
	}
	if (text.length > maxLength) {
		throw invalid(node, field, value, itemIndex, `must be at most ${maxLength} characters (it has ${text.length})`);
	}
	return text;
}

/** An address for notification_recipients: format email, maxLength 255. */
export function checkEmail(node: INode, field: FieldName, value: unknown, itemIndex: number): string {
	const text = checkText(node, field, value, itemIndex, { maxLength: 255 }) as string;
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
		throw invalid(node, field, value, itemIndex, 'must be an email address such as name@example.com');
	}
	return text;
}

/**
 * A whole number within the API's (or the option's) minimum and maximum, e.g. run_hour 0 to 23.
 * Text must be plain decimal digits: Number() would also read "0x10", "1e1" or "0b11".
 */
export function checkInteger(
	node: INode,
	field: FieldName,
	value: unknown,
	itemIndex: number,
	min: number,
	max: number,
): number {
	const text = typeof value === 'string' ? value.trim() : undefined;
	const number = text !== undefined && /^-?\d{1,16}$/.test(text) ? Number(text) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw invalid(node, field, value, itemIndex, `must be a whole number from ${min} to ${max}`);
	}
	return number;
}

/** Names that would reach an object's prototype rather than be data. */
const NOT_DATA = new Set(['__proto__', 'constructor', 'prototype']);

/** A key of a `fields` object: plain data, and given once (`seen` collects the names so far). */
export function checkSettingName(node: INode, field: FieldName, name: string, itemIndex: number, seen: Set<string>): void {
	if (NOT_DATA.has(name)) {
		throw invalid(node, field, name, itemIndex, 'is not allowed as a setting name');
	}
	if (seen.has(name)) {
		throw invalid(node, field, name, itemIndex, 'is given twice (a secret counts as a setting too)');
	}
	seen.add(name);
}

/** A Supermetrics code such as data_source_id "GA" or destination_type "DWH_SNOWFLAKE". */
export function checkCode(node: INode, field: FieldName, value: unknown, itemIndex: number): string {
	if (typeof value !== 'string') {
		throw invalid(node, field, value, itemIndex, 'must be a text code such as "GA"');
	}
	const text = value.trim();
	if (text === '') {
		throw invalid(node, field, value, itemIndex, 'is required');
	}
	if (text.length > CODE_MAX_LENGTH) {
		throw invalid(node, field, value, itemIndex, `must be at most ${CODE_MAX_LENGTH} characters (it has ${text.length})`);
	}
	if (!CODE_PATTERN.test(text)) {
		const upper = text.toUpperCase();
		const hint = CODE_PATTERN.test(upper) ? `Codes are upper case: did you mean "${upper}"?` : undefined;
		throw invalid(node, field, value, itemIndex, 'may contain only A-Z, 0-9 and _ (pattern ^[A-Z0-9_]+$)', hint);
	}
	return text;
}

/** Fields of the trigger and of Wait Until Finished: the node's own, so named by their parameter. */
export const EVENT: FieldName = { displayName: 'Event', apiName: 'event' };
export const ONLY_FAILURES: FieldName = { displayName: 'Only Failures', apiName: 'onlyFailures' };
export const WAIT_UNTIL_FINISHED: FieldName = { displayName: 'Wait Until Finished', apiName: 'waitUntilFinished' };
export const POLL_INTERVAL: FieldName = { displayName: 'Poll Interval', apiName: 'pollInterval' };
export const MAX_WAIT: FieldName = { displayName: 'Max Wait', apiName: 'maxWait' };
export const SIMPLIFY: FieldName = { displayName: 'Simplify', apiName: 'simplify' };
export const WAIT_UNTIL_USED: FieldName = { displayName: 'Wait Until Used', apiName: 'waitUntilUsed' };

/** true or false; an expression may also give the text "true" or "false". */
export function checkBoolean(node: INode, field: FieldName, value: unknown, itemIndex: number): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw invalid(node, field, value, itemIndex, 'must be true or false');
}

/** A finite number within bounds, decimals allowed (e.g. 0.5 minutes). Text must be plain decimal. */
export function checkNumber(
	node: INode,
	field: FieldName,
	value: unknown,
	itemIndex: number,
	{ min, max, minExclusive = false }: { min: number; max: number; minExclusive?: boolean },
): number {
	const text = typeof value === 'string' ? value.trim() : undefined;
	const number = text !== undefined && /^\d{1,15}(\.\d{1,15})?$/.test(text) ? Number(text) : value;
	const low = minExclusive ? `more than ${min}` : `${min}`;
	if (
		typeof number !== 'number' ||
		!Number.isFinite(number) ||
		(minExclusive ? number <= min : number < min) ||
		number > max
	) {
		throw invalid(node, field, value, itemIndex, `must be a number from ${low} to ${max}`);
	}
	return number;
}

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
