/**
 * The key's hourly request budget as the API reports it on its answers (X-RateLimit-Limit and
 * X-RateLimit-Remaining, documented on the spec's 4xx and 429 answers and sent by the API on
 * others too). What every request of one run (or poll) learns, so that a loop that can wait (the
 * trigger, Wait Until Finished) stops short of the limit instead of running into 429s.
 */

/** Whole numbers only, and no larger than any hourly limit could be: anything else is ignored. */
const COUNT = /^\d{1,9}$/;

function count(value: string | undefined): number | undefined {
	const text = value?.trim() ?? '';
	return COUNT.test(text) ? Number(text) : undefined;
}

export class RateLimitQuota {
	private limitSeen: number | undefined;

	private remainingSeen: number | undefined;

	/** Notes the headers of one answer; an answer without them changes nothing. */
	observe(headers: Record<string, string | undefined>): void {
		const limit = count(headers['x-ratelimit-limit']);
		const remaining = count(headers['x-ratelimit-remaining']);
		if (limit !== undefined) this.limitSeen = limit;
		if (remaining !== undefined) this.remainingSeen = remaining;
	}

	/** Requests per hour, once an answer said so. */
	get limit(): number | undefined {
		return this.limitSeen;
	}

	/** Requests left in the current hour, as of the latest answer that said so. */
	get remaining(): number | undefined {
		return this.remainingSeen;
	}
}

/**
 * The share of the key's hourly limit (X-RateLimit-Limit) left for the user's own workflows by
 * every loop that can wait: the trigger sends a request only while X-RateLimit-Remaining, less its
 * requests in flight, is above this share (rounded up), and stops its poll below it; Wait Until
 * Finished and Wait Until Used ask less often. Where the API sends no such headers, nothing is
 * held back.
 */
export const RATE_LIMIT_RESERVE_SHARE = 0.2;

/** Requests of the key's hourly limit kept for the user's own workflows. */
export function reserveOf(limit: number): number {
	return Math.ceil(limit * RATE_LIMIT_RESERVE_SHARE);
}

/**
 * Whether the key stays above its reserve with `inFlight` more requests, given the hourly limit
 * and the requests left that the answers reported; true while the API has not said.
 */
export function aboveReserve(limit: number | undefined, remaining: number | undefined, inFlight = 0): boolean {
	if (limit === undefined || remaining === undefined) return true;
	return remaining - inFlight > reserveOf(limit);
}
