import type { IDataObject, INode, NodeOperationError } from 'n8n-workflow';

import { itemError } from '../itemError';
import { INT64_MAX } from './names';
import type { FieldName } from './names';

/** The checks every operation's input goes through before anything is sent. */

/** `^[A-Z0-9_]+$`, at most 50 characters: data_source_id and destination_type on the reference page. */
const CODE_PATTERN = /^[A-Z0-9_]+$/;
const CODE_MAX_LENGTH = 50;

function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (value === undefined) return 'nothing';
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

export function invalid(
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

/** A list the API bounds (maxItems): the count is named, not the whole list. */
export function checkMaxItems(node: INode, field: FieldName, list: unknown[], itemIndex: number, max: number | undefined): void {
	if (max !== undefined && list.length > max) throw invalid(node, field, `${list.length} entries`, itemIndex, `may have at most ${max} entries`);
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
