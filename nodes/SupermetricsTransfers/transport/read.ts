import type { IDataObject } from 'n8n-workflow';

import type { Masker } from './mask';

/**
 * Reading an answer's text: JSON in one linear pass, int64 ids kept exact as strings, nesting
 * bounded so that no walk over the result can overflow the stack.
 */

/** The API nests a few levels; anything deeper than this is not one of its answers. */
export const MAX_DEPTH = 64;

export type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
const isNumberPart = (code: number) => isDigit(code) || code === 0x2e || code === 0x65 || code === 0x45 || code === 0x2b || code === MINUS;

/**
 * One pass over the text that finds, outside strings, the integer literals JSON.parse would round
 * (past 2^53) and the nesting depth. Each character is looked at once, whatever the text: a
 * cut-off string or a page of quotes costs the same as a valid answer of that size.
 */
function scan(text: string): { bigIntegers: Array<[start: number, end: number]>; depth: number } {
	const bigIntegers: Array<[number, number]> = [];
	let depth = 0;
	let deepest = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === QUOTE) {
			// Skip the string, escapes included.
			for (i++; i < text.length; i++) {
				const inner = text.charCodeAt(i);
				if (inner === BACKSLASH) i++;
				else if (inner === QUOTE) break;
			}
		} else if (code === 0x7b || code === 0x5b) {
			depth++;
			if (depth > deepest) deepest = depth;
		} else if (code === 0x7d || code === 0x5d) {
			depth--;
		} else if (isDigit(code) || code === MINUS) {
			const start = i;
			let integer = true;
			while (i + 1 < text.length && isNumberPart(text.charCodeAt(i + 1))) {
				i++;
				const part = text.charCodeAt(i);
				if (!isDigit(part)) integer = false;
			}
			const digits = i + 1 - start - (code === MINUS ? 1 : 0);
			if (integer && digits >= 16 && !Number.isSafeInteger(Number(text.slice(start, i + 1)))) {
				bigIntegers.push([start, i + 1]);
			}
		}
	}
	return { bigIntegers, depth: deepest };
}

/** JSON.parse, with integers past 2^53 read as their exact decimal strings. */
export function parseJson(raw: string): Parsed {
	// RFC 8259 lets a reader ignore a leading byte order mark, and proxies add one.
	const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
	if (text.trim() === '') return { ok: true, value: undefined };
	const { bigIntegers, depth } = scan(text);
	if (depth > MAX_DEPTH) return { ok: false, reason: `nested deeper than ${MAX_DEPTH} levels` };
	let source = text;
	if (bigIntegers.length > 0) {
		const parts: string[] = [];
		let from = 0;
		for (const [start, end] of bigIntegers) {
			parts.push(text.slice(from, start), '"', text.slice(start, end), '"');
			from = end;
		}
		parts.push(text.slice(from));
		source = parts.join('');
	}
	try {
		return { ok: true, value: JSON.parse(source) as unknown };
	} catch {
		return { ok: false, reason: 'not valid JSON' };
	}
}

/**
 * The answer as the node hands it on: every `id` and `*_id` integer as a decimal string (ids are
 * strings end to end), every string and key masked. One walk, bounded by MAX_DEPTH.
 */
export function readAnswer(value: unknown, masker: Masker): unknown {
	const walk = (inner: unknown, key?: string): unknown => {
		if (typeof inner === 'string') return masker.value(inner, key);
		if (typeof inner === 'number') {
			const isId = key !== undefined && (key === 'id' || key.endsWith('_id'));
			return isId && Number.isInteger(inner) ? String(inner) : inner;
		}
		if (Array.isArray(inner)) return inner.map((entry) => walk(entry));
		if (inner === null || typeof inner !== 'object') return inner;
		// fromEntries defines own properties: a key "__proto__" in an answer stays plain data.
		return Object.fromEntries(
			Object.entries(inner as IDataObject).map(([k, v]) => [masker.value(k), walk(v, k)]),
		);
	};
	return walk(value);
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `meta.request_id` of a wrapped answer. */
export function requestIdOf(body: unknown): string | null {
	if (!isObject(body) || !isObject(body.meta)) return null;
	const id = body.meta.request_id;
	return typeof id === 'string' ? id : null;
}

/**
 * The `data` of a wrapped `{meta, data}` answer, or the bare body where the spec has no wrapper;
 * `dataAlone`: `{data}` beside other keys but without meta counts as wrapped too (the logins
 * API's). A `{data}` with nothing else is wrapped on any API: the newest reference's backfill
 * answers may come without `meta`, and no bare answer of the references is an object of `data` alone.
 */
export function unwrapBody(body: unknown, dataAlone = false): unknown {
	if (!isObject(body) || !('data' in body)) return body;
	if (dataAlone || 'meta' in body || Object.keys(body).length === 1) return body.data;
	return body;
}
