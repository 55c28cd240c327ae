import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, JsonObject } from 'n8n-workflow';

import { amendDescription } from './errors';
import { dtsRequest, requireList } from './request';
import type { DtsResponse } from './request';
import type { Context, RequestSettings } from './settings';

/**
 * Transfer Run List's start_date and end_date, whichever form the API takes. The DTS reference
 * types them `format: date-time` while its own example is a day (2024-01-01), and Supermetrics'
 * SDK sends 2026-01-01T00:00:00+00:00: the node sends the spec's form first and, when the API
 * refuses it (400 or 422), the day once, for this read only. The form that worked is kept per DTS
 * URL for the life of the process, so later pages, items and polls send it at once; should the API
 * change its mind, the same one fallback finds the other form again.
 */
export type RunDateForm = 'date-time' | 'day';

/** At most this many DTS URLs remembered (one per proxy or sandbox; the oldest goes first). */
const MAX_REMEMBERED = 100;
const remembered = new Map<string, RunDateForm>();

function remember(baseUrl: string, form: RunDateForm): void {
	remembered.delete(baseUrl);
	remembered.set(baseUrl, form);
	if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
}

/**
 * A day (YYYY-MM-DD) as sent in that form: a date-time covers the whole day, from its first to its
 * last second in UTC, whether the API compares dates or times.
 */
export function runDate(day: string, form: RunDateForm, edge: 'start' | 'end'): string {
	if (form === 'day') return day;
	return `${day}T${edge === 'start' ? '00:00:00' : '23:59:59'}Z`;
}

type Attempt = { ok: true; runs: IDataObject[] } | { ok: false; error: unknown };

const attempt = async (pending: Promise<IDataObject[]>): Promise<Attempt> =>
	await pending.then(
		(runs): Attempt => ({ ok: true, runs }),
		(error: unknown): Attempt => ({ ok: false, error }),
	);

/**
 * The runs, or the error as it came: the transport's own, or the sender's (the trigger's, when its
 * poll has to stop); an error that is neither is made a NodeApiError.
 */
function settle(context: Context, result: Attempt): IDataObject[] {
	if (result.ok) return result.runs;
	if (result.error instanceof Error) throw result.error;
	throw new NodeApiError(context.getNode(), result.error as JsonObject);
}

const refused = (error: unknown) => {
	const status = (error as { context?: { dts?: { http_code?: unknown } } }).context?.dts?.http_code;
	return status === 400 || status === 422;
};

/** One page of GET …/transfers/{transfer_id}/runs for the days `start` to `end`, as the API takes them. */
export async function listRuns(
	this: Context,
	path: string,
	days: { start: string; end: string },
	qs: IDataObject,
	settings: RequestSettings,
	itemIndex: number,
	/** Sends the GET with this query (the trigger's keeps to its poll's time and the key's reserve). */
	send: (query: IDataObject) => Promise<DtsResponse> = async (query) =>
		await dtsRequest.call(this, { method: 'GET', path, qs: query }, settings, itemIndex),
): Promise<IDataObject[]> {
	const base = settings.hosts.dts;
	const first = remembered.get(base) ?? 'date-time';
	const page = async (form: RunDateForm) => {
		const dates = { start_date: runDate(days.start, form, 'start'), end_date: runDate(days.end, form, 'end') };
		return requireList(this.getNode(), await send({ ...dates, ...qs }), itemIndex);
	};
	const tried = await attempt(page(first));
	if (tried.ok || !refused(tried.error)) return settle(this, tried);
	const other: RunDateForm = first === 'day' ? 'date-time' : 'day';
	const retried = await attempt(page(other));
	if (retried.ok) remember(base, other);
	if (retried.ok || !refused(retried.error)) return settle(this, retried);
	const form = (f: RunDateForm) => `${f === 'day' ? 'days' : 'date-times'} (${runDate(days.start, f, 'start')})`;
	amendDescription(tried.error, `The node sent start_date and end_date as ${form(first)}, then as ${form(other)}; the API refused both.`);
	return settle(this, tried);
}
