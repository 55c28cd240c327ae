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
