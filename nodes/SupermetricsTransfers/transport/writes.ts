import type { IDataObject } from 'n8n-workflow';

import { isObject } from './read';
import type { DtsResponse } from './request';

/**
 * A 2xx to a write means the write was carried out, whatever its body: it is never reported as if
 * nothing happened, nor as an error a person would answer by running the item again (and so
 * creating a second connection, transfer or destination). The spec makes most fields of these
 * answers optional (Transfer Create's transfer_id, a destination's id, even its data); an answer
 * without what the node hands on becomes an item with what the API did send and a notice.
 */

export interface WriteAnswer {
	/** The answer's data object, or {} when there is none. */
	data: IDataObject;
	/** The item's additions when the answer lacks what the node expects; empty when it has it. */
	incomplete: IDataObject;
}

/** What a write did, for the notice: "created", "updated", "scheduled", … */
export interface WriteKind {
	/** E.g. "the transfer was created". */
	done: string;
	/** Where else to look it up, e.g. "with Transfer → List". */
	findIt?: string;
	/** Set for a create: what running the item again would do, e.g. "create a second transfer". */
	again?: string;
	/** The spec's answer is {meta, data}: an answer without its data object lacks something. */
	wrapped?: boolean;
	/**
	 * Where a create's `Location` names the new thing: its id field and the path's last segment
	 * before it, e.g. `['connection_id', 'data-source-connections']`. An answer without the id but
	 * with such a Location gives the id from there, and the item says so.
	 */
	location?: [field: string, collection: string];
}

/** An id as the APIs write them (UUIDs, numbers, `lnk_…`), not a query or a path of its own. */
const ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The id a Location names below `collection`, e.g. …/data-source-connections/<id>, if it names one. */
function idInLocation(location: string | undefined, collection: string): string | undefined {
	if (!location) return undefined;
	let path: string;
	try {
		path = new URL(location, 'https://location.invalid').pathname;
	} catch {
		return undefined;
	}
	const segments = path.split('/').filter(Boolean);
	const [before, id] = segments.slice(-2);
	let decoded: string;
	try {
		decoded = decodeURIComponent(id ?? '');
	} catch {
		return undefined;
	}
	return before === collection && ID.test(decoded) ? decoded : undefined;
}

const present = (data: IDataObject, key: string) => data[key] !== undefined && data[key] !== null && data[key] !== '';

/**
 * The data of a write's 2xx answer (wrapped or bare), and, when it lacks `expect` (or any readable
 * body), `missing_fields`, `notice`, `request_id` and `location`, so the item says what happened.
 */
export function writeAnswer(response: DtsResponse, call: { method: string; path: string }, expect: string[], kind: WriteKind): WriteAnswer {
	const body = response.body;
	// Wrapped or bare, whichever came: {meta, data} gives its data; a bare object is the data, less
	// any meta beside it.
	let data: IDataObject | undefined;
	if (isObject(body) && 'data' in body) data = isObject(body.data) ? body.data : undefined;
	else if (isObject(body)) data = Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'meta'));
	const unreadable = response.unreadable;
	const hasData = data !== undefined && (!kind.wrapped || Object.keys(data).length > 0);
	let found = data ?? {};
	let missing = expect.filter((key) => !present(found, key));
	const [idField, collection] = kind.location ?? [];
	const located = idField && collection && missing.includes(idField) ? idInLocation(response.headers.location, collection) : undefined;
	let taken: IDataObject = {};
	if (idField && located !== undefined) {
		found = { ...found, [idField]: located };
		missing = missing.filter((key) => key !== idField);
		taken = {
			notice: `The answer had no data.${idField}: it was taken from the answer's Location header.`,
			location: response.headers.location ?? null,
		};
	}
	if (!unreadable && missing.length === 0 && (hasData || located !== undefined || (!kind.wrapped && expect.length === 0))) {
		return { data: found, incomplete: taken };
	}
	const lacks = unreadable
		? `its answer could not be read (${unreadable})`
		: missing.length
			? `its answer has no ${missing.map((key) => `data.${key}`).join(', ')}`
			: 'its answer has no data object';
	// Bodies of a 204 (deletes) are empty by design: only an unreadable one is news there.
	return {
		data: found,
		incomplete: {
			missing_fields: missing,
			notice: `The API answered HTTP ${response.statusCode} to ${call.method} ${call.path}, so ${kind.done}, but ${lacks}.${
				kind.again ? ` Do not run this item again: it would ${kind.again}.` : ''
			} Find it in Supermetrics Hub${kind.findIt ? ` or ${kind.findIt}` : ''}.${taken.notice ? ` ${String(taken.notice)}` : ''}`,
			request_id: response.requestId,
			location: response.headers.location ?? null,
		},
	};
}
