/**
 * The trigger keeps to its poll's time (n8n's getPollBudgetMs, or its own bound) and to the key's
 * hourly limit (X-RateLimit-Remaining above a reserve): it stops sending, emits what it read in
 * full, and the next poll carries on, nothing lost or reported twice. The sandbox's clock stands
 * still; real time passes only where a budget is the point (a budget of 2.4 s, a latency of
 * 250 ms), and n8n's own clock is moved by Jest (Date only) where the trigger rests for minutes.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { pollBudgetMs } from '../../nodes/SupermetricsTransfers/trigger/budget';
import { POLL_BUDGET_MS, RATE_LIMIT_DEFER_MS } from '../../nodes/SupermetricsTransfers/trigger/limits';
import { SCHEDULERS } from './harness';
import { API_CANARY, useSandbox } from './support';
import type { Sandbox } from './support';
import { createTransfer, holdNow, HOUR, ids, later, MINUTE, START, startRun, takeRequests, TRANSFER, trigger } from './triggerContext';

const plain = useSandbox({ clock: { start: START } });
const slow = useSandbox({ clock: { start: START }, latencyMs: 250 });
/** 40 requests an hour: the reserve, a fifth, is 8. */
const LIMIT = 40;
const RESERVE = 8;
const limited = useSandbox({ clock: { start: START }, rateLimit: { limit: LIMIT } });

/** `count` more transfers of the team, created together; with the seeded one, in id order. */
async function team(sandbox: Sandbox, count: number): Promise<string[]> {
	const created = await Promise.all(Array.from({ length: count }, (_, i) => createTransfer(sandbox, `Transfer ${i}`)));
	return [TRANSFER, ...created];
}

afterEach(() => jest.useRealTimers());

describe('the poll budget', () => {
	test.each([
		['n8n 2.41 durable (36 s)', () => 36_000, 36_000],
		['a small one', () => 2_400, 2_400],
		['n8n 2.41 regular (5 minutes): the node\'s own bound', () => 300_000, POLL_BUDGET_MS],
		['an older n8n without getPollBudgetMs: the node\'s own bound', undefined, POLL_BUDGET_MS],
		['not a number', () => 'soon', POLL_BUDGET_MS],
		['zero', () => 0, POLL_BUDGET_MS],
		['NaN', () => NaN, POLL_BUDGET_MS],
		['a throwing one', () => {
			throw new Error('no');
		}, POLL_BUDGET_MS],
	])('%s', (_, getPollBudgetMs, expected) => {
		expect(pollBudgetMs({ getPollBudgetMs } as unknown as IPollFunctions)).toBe(expected);
	});

	test('a small budget and a slow API: every poll stops in time, emits what it read in full, and the next carries on; every run once', async () => {
		const budgetMs = 2_400;
		const transfers = await team(slow.sandbox, 39);
		const t = trigger(slow.sandbox, { transferId: '' }, undefined, { scheduler: 'durable', budgetMs });
		// n8n's activation poll has no budget but the node's own: the first twenty, in full.
		expect((await t.activate()).error).toBeUndefined();
		expect(takeRequests(slow.sandbox)).toHaveLength(22);
		const started = transfers.map((transferId) => startRun(slow.sandbox, { transferId }).id);
		slow.sandbox.clock.advance(5 * MINUTE);

		const emitted: IDataObject[] = [];
		const polls: Array<{ requests: number; items: number }> = [];
		for (let i = 0; i < 20 && emitted.length < started.length; i++) {
			// n8n abandons a tick at its poll timeout, at least 5 s past the budget it gives.
			const polled = await t.poll({ abandonAfterMs: budgetMs + 5_000 });
			expect(polled.abandoned).toBeUndefined();
			expect(polled.error).toBeUndefined();
			polls.push({ requests: takeRequests(slow.sandbox).length, items: polled.items.length });
			emitted.push(...polled.items);
		}
		expect(ids(emitted).sort()).toEqual([...started].sort());
		expect(new Set(ids(emitted)).size).toBe(emitted.length);
		// A whole poll is 22 requests (two lists, twenty transfers). No request starts with less than
		// 1 s left and each takes 250 ms at least, so the two lists and four rounds of four at most.
		expect(Math.max(...polls.map((p) => p.requests))).toBeLessThanOrEqual(2 + 16);
		expect(polls.some((p) => p.items > 0)).toBe(true);
		// Another full turn (three polls of at most sixteen transfers): nothing twice.
		for (let i = 0; i < 3; i++) expect((await t.poll({ abandonAfterMs: budgetMs + 5_000 })).items).toEqual([]);
	}, 120_000);

	test('a request still unanswered at the deadline is cut off by its own timeout: the poll ends without an error, the next reads the run', async () => {
		const t = trigger(plain.sandbox, {}, undefined, { scheduler: 'durable', budgetMs: 2_000 });
		await t.activate();
		const run = startRun(plain.sandbox);
		plain.sandbox.clock.advance(5 * MINUTE);
		const gate = plain.sandbox.hold({ path: '/runs' });
		const held = await t.poll({ abandonAfterMs: 7_000 });
		expect(held).toMatchObject({ items: [], error: undefined });
		expect(held.abandoned).toBeUndefined();
		expect(gate.held).toBe(1);
		gate.release();
		expect(ids((await t.poll()).items)).toEqual([run.id]);
		expect((await t.poll()).items).toEqual([]);
	});

	test('an n8n without getPollBudgetMs: the node\'s own bound, and polls as ever', async () => {
		const t = trigger(plain.sandbox, {}, undefined, { scheduler: 'durable', budgetMs: 'absent' });
		await t.activate();
		const run = startRun(plain.sandbox);
		plain.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([run.id]);
	});
});

describe.each(SCHEDULERS)('the key\'s hourly limit (%s scheduler)', (scheduler) => {
	test('at the reserve a poll stops and emits what it read; the trigger rests, never meets a 429, and reports every run once', async () => {
		holdNow();
		const transfers = await team(limited.sandbox, 39);
		const t = trigger(limited.sandbox, { transferId: '' }, undefined, { scheduler });
		await t.activate();
		takeRequests(limited.sandbox);
		const started = transfers.map((transferId) => startRun(limited.sandbox, { transferId }).id);
		limited.sandbox.clock.advance(5 * MINUTE);

		const emitted: IDataObject[] = [];
		const polls: Array<{ requests: number; items: number }> = [];
		for (let i = 0; i < 12 && emitted.length < started.length; i++) {
			const polled = await t.poll();
			expect(polled.error).toBeUndefined();
			const requests = takeRequests(limited.sandbox).length;
			polls.push({ requests, items: polled.items.length });
			emitted.push(...polled.items);
			// The key's own count this hour: the trigger never spends the reserve.
			expect(limited.sandbox.windows.get(API_CANARY)?.count).toBeLessThanOrEqual(LIMIT - RESERVE);
			// Resting (it sent nothing): an hour on, the API's window starts again.
			if (requests === 0) later(HOUR + MINUTE);
		}
		expect(ids(emitted).sort()).toEqual([...started].sort());
		expect(new Set(ids(emitted)).size).toBe(emitted.length);
		// The activation spent 22 of 40: the next poll read what the reserve left (8 transfers)
		// and emitted their runs, then the trigger rested.
		expect(polls[0]).toEqual({ requests: 2 + 8, items: 8 });
		expect(polls[1]).toEqual({ requests: 0, items: 0 });
		expect((await t.poll()).items).toEqual([]);
	});

	test('a 429 (another client spent the key) stops the poll without an error; the trigger rests 5 minutes, then reports the run once', async () => {
		holdNow();
		const t = trigger(plain.sandbox, {}, undefined, { scheduler });
		await t.activate();
		const run = startRun(plain.sandbox);
		plain.sandbox.clock.advance(5 * MINUTE);
		plain.sandbox.queueFault({ status: 429, retryAfter: 3600, path: '/runs' });
		takeRequests(plain.sandbox);
		expect(await t.poll()).toMatchObject({ items: [], error: undefined });
		expect(takeRequests(plain.sandbox)).toHaveLength(2);
		later(RATE_LIMIT_DEFER_MS - MINUTE);
		expect((await t.poll()).items).toEqual([]);
		expect(takeRequests(plain.sandbox)).toEqual([]);
		later(2 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([run.id]);
		expect((await t.poll()).items).toEqual([]);
	});

	test('Fetch Test Event at a 429 says so, and changes nothing', async () => {
		const t = trigger(plain.sandbox, {}, undefined, { scheduler });
		await t.activate();
		const before = t.saved();
		plain.sandbox.queueFault({ status: 429, retryAfter: 3600, path: '/runs' });
		const { items, error } = await t.fetchTestEvent();
		expect(items).toEqual([]);
		expect(error?.message).toBe("The Supermetrics API answered 429 Too Many Requests: the key's hourly request limit is used up");
		expect(t.saved()).toEqual(before);
	});
});
