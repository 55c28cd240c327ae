import type { IPollFunctions } from 'n8n-workflow';

import { aboveReserve } from '../transport';
import type { RateLimitQuota } from '../transport';
import { POLL_BUDGET_MS, REQUEST_MIN_MS } from './limits';

/**
 * Why a poll stopped before the end of its work: its time ran short, the key's hourly limit
 * reached the reserve, or the API answered 429. None is an error: the poll emits what it found
 * and the next one carries on from there.
 */
export type StopReason = 'budget' | 'reserve' | 'rateLimited';

/** Thrown by a request the poll may not send (or whose answer came too late); caught by the poll. */
export class PollStopped extends Error {
	constructor(readonly reason: StopReason) {
		super(`poll stopped: ${reason}`);
	}
}

/**
 * The poll's time: what n8n gives it (`getPollBudgetMs()`, n8n 2.41), checked, but never more
 * than the node's own POLL_BUDGET_MS, which also stands in on an n8n without it.
 */
export function pollBudgetMs(context: IPollFunctions): number {
	const get = (context as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>).getPollBudgetMs;
	let given: unknown;
	try {
		given = typeof get === 'function' ? get.call(context) : undefined;
	} catch {
		given = undefined;
	}
	return typeof given === 'number' && Number.isFinite(given) && given > 0 ? Math.min(given, POLL_BUDGET_MS) : POLL_BUDGET_MS;
}

/**
 * What a poll may still send. Each request asks first: past the deadline (less REQUEST_MIN_MS) or
 * at the key's reserve the poll stops, once and for all; otherwise the request gets a timeout cut
 * to the time left, so that nothing in flight outlives the deadline. The requests left are the
 * fewest any answer of the poll reported: answers to requests in flight together may arrive out of
 * order, and the latest to arrive is not always the latest counted.
 */
export class PollAllowance {
	readonly deadline: number;

	private inFlight = 0;

	private fewestLeft: number | undefined;

	private stoppedBy: StopReason | undefined;

	/** Requests sent, for the log. */
	sent = 0;

	constructor(
		readonly budgetMs: number,
		private readonly quota: RateLimitQuota,
		/** The transport's own timeout, the most any one request gets. */
		private readonly timeoutMs: number,
		startedAt = Date.now(),
	) {
		this.deadline = startedAt + budgetMs;
	}

	get stopped(): StopReason | undefined {
		return this.stoppedBy;
	}

	/** Stops the poll (the first reason stays); throws so that the caller sends nothing more. */
	stop(reason: StopReason): never {
		this.stoppedBy ??= reason;
		throw new PollStopped(this.stoppedBy);
	}

	/** Before a request: its timeout, or PollStopped. The caller calls `settled()` after it. */
	admit(): number {
		if (this.stoppedBy) this.stop(this.stoppedBy);
		const left = this.deadline - Date.now();
		if (left < REQUEST_MIN_MS) this.stop('budget');
		if (!aboveReserve(this.quota.limit, this.fewestLeft, this.inFlight)) this.stop('reserve');
		this.inFlight++;
		this.sent++;
		return Math.min(this.timeoutMs, Math.floor(left));
	}

	/**
	 * Whether the answers so far put the key at its reserve: the next request would be refused. A
	 * poll of one request asks after it, so that it rests rather than spend the reserve a poll at a
	 * time.
	 */
	get atReserve(): boolean {
		return !aboveReserve(this.quota.limit, this.fewestLeft, this.inFlight);
	}

	/** After a request, answered or not: its answer's count of requests left is noted. */
	settled(): void {
		this.inFlight--;
		const left = this.quota.remaining;
		if (left !== undefined) this.fewestLeft = Math.min(this.fewestLeft ?? left, left);
	}
}
