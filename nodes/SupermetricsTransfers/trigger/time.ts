import type { IDataObject } from 'n8n-workflow';

import type { DtsResponse } from '../transport';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The API's time for one poll: the Date header of its first answer. Runs and backfills are stamped
 * by the API's clock, so cutoffs and "today" are reckoned by it too, whatever n8n's own clock says.
 * Without a readable Date header, n8n's clock stands in.
 */
export class ApiClock {
	private first: number | undefined;

	observe(response: DtsResponse): void {
		if (this.first !== undefined) return;
		const at = Date.parse(response.headers.date ?? '');
		this.first = Number.isFinite(at) ? at : Date.now();
	}

	now(): number {
		return this.first ?? Date.now();
	}
}

/** The YYYY-MM-DD day of a time, in UTC, `offsetDays` later. */
export function dayOf(ms: number, offsetDays = 0): string {
	return new Date(ms + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
	return dayOf(Date.parse(`${day}T00:00:00Z`), 1);
}

export function isDay(value: unknown): value is string {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isFinite(Date.parse(`${value}T00:00:00Z`));
}

/** A timestamp field as ms, or undefined when absent or unreadable. */
export function timeOf(record: IDataObject, field: string): number | undefined {
	const value = record[field];
	if (typeof value !== 'string') return undefined;
	const at = Date.parse(value);
	return Number.isFinite(at) ? at : undefined;
}

/** Ids compared as the integers they are (they may pass 2^53, so not as numbers). */
export function byId(a: string, b: string): number {
	const [x, y] = [BigInt(a), BigInt(b)];
	return x < y ? -1 : x > y ? 1 : 0;
}
