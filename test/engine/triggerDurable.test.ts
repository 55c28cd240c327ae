/**
 * What n8n 2.41's durable poll scheduler changes, and the trigger's exactly-once through it: the
 * activation's state that n8n drops, leases lost, ticks abandoned, deactivation and edits. The
 * harness runs the trigger as trigger-execution-context.factory.js and poll-trigger-task-handler.js
 * do (see pollingTrigger in harness.js); regular-scheduler counterparts run alongside.
 */
import { sleep } from 'n8n-workflow';

import { TEAM } from './context';
import { SCHEDULERS } from './harness';
import type { PollingTrigger } from './harness';
import { activationState, ids, MINUTE, START, startRun, takeRequests, TRANSFER, trigger, useTriggerSandbox } from './triggerContext';

const ctx = useTriggerSandbox();
const durable = (parameters: Record<string, unknown> = {}) => trigger(ctx.sandbox, parameters, undefined, { scheduler: 'durable' });
const COPY = (t: PollingTrigger) => `supermetricsTransfersTrigger:${t.node.id}`;

/** Resolves once `count` requests wait at the gate (a bounded wait: 30 s). */
async function held(gate: { held: number }, count: number): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (gate.held < count) {
		if (Date.now() > deadline) throw new Error(`${gate.held} requests at the gate, not ${count}`);
		await sleep(10);
	}
}

describe('the durable scheduler', () => {
	test('n8n drops the activation poll\'s state; the first tick takes up its copy and reports what finished in between, once', async () => {
		const t = durable();
		expect(await t.activate()).toMatchObject({ items: [], error: undefined });
		// The cursor row exists (n8n made it before the poll) but holds nothing the poll left.
		expect(t.saved()).toEqual({});
		expect(t.global()?.[COPY(t)]).toEqual({ name: t.node.name, state: expect.objectContaining({ cutoff: START, since: START }) });

		const between = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([between.id]);
		expect(t.saved()?.supermetricsTransfersTrigger).toMatchObject({ since: START, reported: { [between.id]: Date.parse(between.ends_at) } });
		expect((await t.poll()).items).toEqual([]);
		// Its own state is there: the copy has served, and goes with the next save n8n makes.
		const next = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([next.id]);
		expect(t.global()?.[COPY(t)]).toBeUndefined();
	});

	test('a lost lease on a tick that emits: no execution and nothing committed; the next tick reports the run, once', async () => {
		const t = durable();
		await t.activate();
		await t.poll();
		const run = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		const before = t.saved();
		const lost = await t.poll({ leaseLost: true });
		expect(lost.items).toEqual([]);
		expect(ids(lost.dropped ?? [])).toEqual([run.id]);
		expect(t.saved()).toEqual(before);
		expect(ids((await t.poll()).items)).toEqual([run.id]);
		expect((await t.poll()).items).toEqual([]);
	});

	test('a lost lease on a quiet tick: its state is not committed, and nothing is lost', async () => {
		const t = durable({ transferId: '' });
		await t.activate();
		await t.poll();
		const before = t.saved();
		ctx.sandbox.clock.advance(2 * 60 * MINUTE);
		expect((await t.poll({ leaseLost: true })).items).toEqual([]);
		expect(t.saved()).toEqual(before);
		const run = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([run.id]);
	});

	test('an abandoned tick (the API holds its answer past the engine\'s timeout): nothing committed, its late result goes nowhere, and the overlapping next tick reports the run once', async () => {
		const t = durable();
		await t.activate();
		await t.poll();
		const run = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		const before = t.saved();
		const gate = ctx.sandbox.hold({ path: '/runs' });
		const abandoned = await t.poll({ abandonAfterMs: 200 });
		expect(abandoned).toMatchObject({ abandoned: true, items: [] });
		expect(t.saved()).toEqual(before);
		// The next tick starts while the abandoned poll still waits for its answer.
		const next = t.poll();
		await held(gate, 2);
		gate.release();
		expect(ids((await next).items)).toEqual([run.id]);
		await abandoned.settled;
		expect((await t.poll()).items).toEqual([]);
		expect(t.saved()?.supermetricsTransfersTrigger?.reported).toEqual({ [run.id]: Date.parse(run.ends_at) });
	});

	test('n8n killed during a tick, then started: the tick left nothing; the next reports the run once', async () => {
		const t = durable();
		await t.activate();
		await t.poll();
		const run = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		const gate = ctx.sandbox.hold({ path: '/runs' });
		// A killed process commits nothing: as a tick abandoned at once.
		const killed = await t.poll({ abandonAfterMs: 0 });
		expect(killed.abandoned).toBe(true);
		gate.release();
		await killed.settled;
		expect((await t.restart()).items).toEqual([]);
		expect(ids((await t.poll()).items)).toEqual([run.id]);
		expect((await t.poll()).items).toEqual([]);
	});

	test('deactivated, edited and activated again: a fresh baseline, newer than the state the cursor holds, taken up by the first tick', async () => {
		const t = durable();
		await t.activate();
		await t.poll();
		t.deactivate();
		t.node.parameters.onlyFailures = true;
		ctx.sandbox.clock.advance(MINUTE);
		expect((await t.activate()).items).toEqual([]);
		expect(t.saved()?.supermetricsTransfersTrigger?.key).toBe(`transferRunFinished|${TEAM}|${TRANSFER}|all`);
		const failed = startRun(ctx.sandbox, { outcome: 'FAILED' });
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([failed.id]);
		expect(t.saved()?.supermetricsTransfersTrigger?.key).toBe(`transferRunFinished|${TEAM}|${TRANSFER}|failures`);
	});

	test('edited while active and back: an older activation copy is never taken up again, so nothing is reported twice', async () => {
		const t = durable();
		await t.activate();
		const first = startRun(ctx.sandbox, { outcome: 'FAILED' });
		ctx.sandbox.clock.advance(5 * MINUTE);
		// The tick that takes up the copy reports the run; the copy stays in the database.
		expect(ids((await t.poll()).items)).toEqual([first.id]);
		expect(t.global()?.[COPY(t)]).toBeDefined();
		// Edited while active: n8n's job is unchanged, so no activation poll; the tick starts afresh.
		t.node.parameters.onlyFailures = true;
		ctx.sandbox.clock.advance(MINUTE);
		expect((await t.poll()).items).toEqual([]);
		// And edited back: the copy is older than the cursor's state, so this starts afresh too.
		t.node.parameters.onlyFailures = false;
		ctx.sandbox.clock.advance(MINUTE);
		expect((await t.poll()).items).toEqual([]);
		expect(t.saved()?.supermetricsTransfersTrigger?.since).toBe(START + 7 * MINUTE);
		const later = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([later.id]);
	});
});

describe.each(SCHEDULERS)('deactivation (%s scheduler)', (scheduler) => {
	test('what finished while the workflow was inactive is reported once, at activation; nothing twice after', async () => {
		const t = trigger(ctx.sandbox, {}, undefined, { scheduler });
		await t.activate();
		const before = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([before.id]);
		t.deactivate();
		const meanwhile = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.activate()).items)).toEqual([meanwhile.id]);
		expect((await t.poll()).items).toEqual([]);
		expect((await t.poll()).items).toEqual([]);
		expect(takeRequests(ctx.sandbox).filter((r) => r.includes('/runs'))).toHaveLength(5);
	});
});

describe('the regular scheduler', () => {
	test('the activation copy is not taken up under another name: a renamed trigger starts afresh, as n8n keys its static data by name', async () => {
		const t = trigger(ctx.sandbox, {}, undefined, { scheduler: 'regular', name: 'Runs' });
		await t.activate();
		expect(activationState(t)?.since).toBe(START);
		startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		t.node.name = 'Renamed';
		expect((await t.restart()).items).toEqual([]);
		expect(t.saved()?.supermetricsTransfersTrigger?.since).toBe(START + 5 * MINUTE);
	});
});
