/**
 * Supermetrics Transfers Trigger, Transfer Run Finished: its polls through n8n-core's PollContext,
 * with what n8n keeps between polls kept the way each of its schedulers keeps it (regular: the
 * workflow's static data; durable: a stored cursor), against the sandbox on a clock the test moves.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, TEAM } from './context';
import { SCHEDULERS } from './harness';
import { API_CANARY, everythingVisible } from './support';
import type { Sandbox } from './support';
import {
	activationState,
	api,
	createBackfill,
	createTransfer,
	DAY,
	HOUR,
	ids,
	MINUTE,
	START,
	startRun,
	restartAndPoll,
	takeRequests,
	TRANSFER,
	transferConfiguration,
	trigger as triggerIn,
	useTriggerSandbox,
} from './triggerContext';

const ctx = useTriggerSandbox();
/** The days a poll reads, as sent: date-times covering them (the spec's form). */
const days = (start: string, end: string) => `start_date=${start}T00%3A00%3A00Z&end_date=${end}T23%3A59%3A59Z`;
const RECENT = days('2026-02-23', '2026-03-03');
const runList = (transfer: string, range = RECENT, offset = 0) =>
	`GET /teams/${TEAM}/transfers/${transfer}/runs?${range}&sort_field=created_time&sort_direction=DESC&limit=1000&offset=${offset}`;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe.each(SCHEDULERS)('Transfer Run Finished (%s scheduler)', (scheduler) => {
	const trigger = (sandbox: Sandbox, parameters: Record<string, unknown> = {}, apiKey?: string) => triggerIn(sandbox, parameters, apiKey, { scheduler });

	test('activation records where things stand and emits nothing old; a poll is one backfill list and one run list', async () => {
		startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		const t = trigger(ctx.sandbox);
		const activated = await t.activate();
		expect(activated.error).toBeUndefined();
		expect(activated.items).toEqual([]);
		expect(takeRequests(ctx.sandbox)).toEqual([`GET /teams/${TEAM}/backfills`, runList(TRANSFER)]);
		// The cutoff is the API's time (the sandbox's clock, by its Date header), not n8n's.
		expect(activationState(t)).toMatchObject({ cutoff: START + 5 * MINUTE, reported: {}, since: START + 5 * MINUTE });
		expect((await t.poll()).items).toEqual([]);
		expect(takeRequests(ctx.sandbox)).toHaveLength(2);
	});

	test('a run is emitted once, when it has finished: the run as the API gives it plus team_id, transfer_id, succeeded', async () => {
		const t = trigger(ctx.sandbox);
		await t.activate();
		const run = startRun(ctx.sandbox, { durationMs: 2 * MINUTE });
		expect((await t.poll()).items).toEqual([]);
		ctx.sandbox.clock.advance(MINUTE);
		expect((await t.poll()).items).toEqual([]);
		ctx.sandbox.clock.advance(2 * MINUTE);
		const { items } = await t.poll();
		expect(items).toEqual([
			{
				id: run.id,
				status: 'COMPLETED',
				created_time: iso(START),
				ended_time: iso(START + 30_000 + 2 * MINUTE),
				type: 'Recurring',
				total_duration: 120,
				total_rows: expect.any(Number),
				data_date: '2026-03-01',
				message: '',
				team_id: TEAM,
				transfer_id: TRANSFER,
				succeeded: true,
			},
		]);
		expect(run.id).toBe('9007199254740993');
		ctx.sandbox.clock.advance(HOUR);
		expect((await t.poll()).items).toEqual([]);
	});

	test('over forty polls, each run that finished is emitted exactly once, oldest first', async () => {
		const t = trigger(ctx.sandbox);
		await t.activate();
		const started: string[] = [];
		const emitted: IDataObject[] = [];
		for (let step = 0; step < 40; step++) {
			if (step % 3 === 0) started.push(startRun(ctx.sandbox, { durationMs: ((step % 4) + 1) * 3 * MINUTE, outcome: step % 2 ? 'FAILED' : undefined }).id);
			ctx.sandbox.clock.advance(2 * MINUTE);
			const { items, error } = await t.poll();
			expect(error).toBeUndefined();
			const ended = items.map((item) => item.ended_time);
			expect(ended).toEqual([...ended].sort());
			emitted.push(...items);
		}
		ctx.sandbox.clock.advance(HOUR);
		emitted.push(...(await t.poll()).items);
		expect(ids(emitted).sort()).toEqual([...started].sort());
		expect(new Set(ids(emitted)).size).toBe(emitted.length);
		expect(emitted.filter((item) => !item.succeeded).every((item) => item.status === 'FAILED' && item.message === 'Connection timeout to data source')).toBe(true);
		expect(emitted.some((item) => !item.succeeded)).toBe(true);
	});

	test('a three-hour run is emitted when it ends, not before', async () => {
		const t = trigger(ctx.sandbox);
		await t.activate();
		const run = startRun(ctx.sandbox, { durationMs: 3 * HOUR });
		for (let i = 0; i < 6; i++) {
			ctx.sandbox.clock.advance(30 * MINUTE);
			expect((await t.poll()).items).toEqual([]);
		}
		ctx.sandbox.clock.advance(MINUTE);
		expect(ids((await t.poll()).items)).toEqual([run.id]);
		expect((await t.poll()).items).toEqual([]);
	});

	test('runs that finished between two polls all come in the next, oldest first by ended_time', async () => {
		const t = trigger(ctx.sandbox);
		await t.activate();
		const slow = startRun(ctx.sandbox, { durationMs: 30 * MINUTE });
		const fast = startRun(ctx.sandbox, { durationMs: 10 * MINUTE });
		const middle = startRun(ctx.sandbox, { durationMs: 20 * MINUTE });
		ctx.sandbox.clock.advance(HOUR);
		expect(ids((await t.poll()).items)).toEqual([fast.id, middle.id, slow.id]);
	});

	test('restart: resumes from what n8n kept; nothing repeats or is missed', async () => {
		const t = trigger(ctx.sandbox);
		await t.activate();
		const first = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([first.id]);
		const savedAfterEmit = t.saved();
		expect(savedAfterEmit?.supermetricsTransfersTrigger?.reported).toEqual({ [first.id]: Date.parse(first.ends_at) });
		// Polls that emit nothing: the cutoff moves on and the reported id is dropped; the regular
		// scheduler keeps that in memory only, the durable one commits it.
		for (let i = 0; i < 3; i++) {
			ctx.sandbox.clock.advance(2 * HOUR);
			expect((await t.poll()).items).toEqual([]);
		}
		if (scheduler === 'regular') expect(t.saved()).toEqual(savedAfterEmit);
		else expect(t.saved()?.supermetricsTransfersTrigger?.reported).toEqual({});

		// n8n stops; a run finishes meanwhile; n8n starts again from what it kept.
		const meanwhile = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		const restarted = await restartAndPoll(t);
		expect(restarted.error).toBeUndefined();
		expect(ids(restarted.items)).toEqual([meanwhile.id]);
		expect((await t.poll()).items).toEqual([]);
		// And once more with nothing new: a restart emits nothing.
		expect((await restartAndPoll(t)).items).toEqual([]);
	});

	test('days without n8n: what finished meanwhile (in the week of data dates it looks at) is emitted once at restart', async () => {
		const t = trigger(ctx.sandbox);
		await t.activate();
		// The seeded transfer runs daily at 22:00 UTC for the day before.
		ctx.sandbox.clock.advance(3 * DAY);
		const { items } = await restartAndPoll(t);
		expect(items.map((item) => item.data_date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
		expect(items.every((item) => item.type === 'Recurring' && item.succeeded)).toBe(true);
		expect((await t.poll()).items).toEqual([]);
	});

	test('Only Failures: FAILED and CANCELLED runs are emitted (succeeded false), COMPLETED ones not', async () => {
		const t = trigger(ctx.sandbox, { onlyFailures: true });
		await t.activate();
		startRun(ctx.sandbox);
		const failed = startRun(ctx.sandbox, { outcome: 'FAILED' });
		await createBackfill(ctx.sandbox, '2025-06-01', '2025-06-04');
		expect((await t.poll()).items).toEqual([]);
		ctx.sandbox.clock.advance(2 * MINUTE + 10_000);
		await api(ctx.sandbox, 'PATCH', `/teams/${TEAM}/backfills/12345`, { status: 'CANCELLED' });
		const { items } = await t.poll();
		expect(items.map((item) => [item.status, item.data_date, item.succeeded])).toEqual([
			['FAILED', '2026-03-01', false],
			['CANCELLED', '2025-06-02', false],
			['CANCELLED', '2025-06-03', false],
			['CANCELLED', '2025-06-04', false],
		]);
		expect(items[0].id).toBe(failed.id);
		// The backfill's running run completes: not a failure.
		ctx.sandbox.clock.advance(HOUR);
		expect((await t.poll()).items).toEqual([]);
	});

	test('every transfer: the transfer list, then each transfer\'s runs; one transfer: its own only', async () => {
		const other = await createTransfer(ctx.sandbox, 'Second');
		const every = trigger(ctx.sandbox, { transferId: { __rl: true, mode: 'list', value: '' } });
		const one = trigger(ctx.sandbox);
		await every.activate();
		await one.activate();
		takeRequests(ctx.sandbox);
		const mine = startRun(ctx.sandbox);
		const theirs = startRun(ctx.sandbox, { transferId: other });
		ctx.sandbox.clock.advance(5 * MINUTE);

		const all = await every.poll();
		expect(all.items.map((item) => [item.id, item.transfer_id])).toEqual([
			[mine.id, TRANSFER],
			[theirs.id, other],
		]);
		const sent = takeRequests(ctx.sandbox);
		expect(sent.slice(0, 2)).toEqual([`GET /teams/${TEAM}/transfers`, `GET /teams/${TEAM}/backfills`]);
		expect(sent.slice(2).sort()).toEqual([runList(TRANSFER), runList(other)].sort());
		expect(ids((await one.poll()).items)).toEqual([mine.id]);
	});

	test('every transfer: a transfer cloned and two created in one batch after the activation are watched like any other, each run once', async () => {
		const every = trigger(ctx.sandbox, { transferId: { __rl: true, mode: 'list', value: '' } });
		await every.activate();
		const { data: cloned } = await api<{ data: { transfer_id: number } }>(ctx.sandbox, 'POST', `/teams/${TEAM}/transfers/${TRANSFER}/clone`, {});
		const { data: batch } = await api<{ data: { has_errors: boolean; results: Array<{ transfer_id: number }> } }>(ctx.sandbox, 'POST', `/teams/${TEAM}/transfers/batch`, {
			transfers: [transferConfiguration('Batch A'), transferConfiguration('Batch B')],
		});
		expect(batch.has_errors).toBe(false);
		const made = [cloned.transfer_id, ...batch.results.map((result) => result.transfer_id)].map(String);
		const runs = made.map((transferId) => startRun(ctx.sandbox, { transferId }));
		ctx.sandbox.clock.advance(5 * MINUTE);

		const first = await every.poll();
		expect(first.items.map((item) => [item.id, item.transfer_id]).sort()).toEqual(runs.map((run, i) => [run.id, made[i]]).sort());
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect((await every.poll()).items).toEqual([]);
	});

	test('a backfill of last year\'s dates: its runs are emitted as they finish, the last ones after it completed between polls', async () => {
		const t = trigger(ctx.sandbox);
		await t.activate();
		const backfill = await createBackfill(ctx.sandbox, '2025-01-01', '2025-01-05');
		takeRequests(ctx.sandbox);
		expect((await t.poll()).items).toEqual([]);
		const range = days('2025-01-01', '2025-01-05');
		expect(takeRequests(ctx.sandbox)).toEqual([`GET /teams/${TEAM}/backfills`, runList(TRANSFER, range), runList(TRANSFER)]);

		ctx.sandbox.clock.advance(6 * MINUTE);
		const early = (await t.poll()).items;
		expect(early.length).toBeGreaterThan(0);
		expect(early.length).toBeLessThan(5);
		expect(early.every((item) => item.type === 'Backfill')).toBe(true);
		takeRequests(ctx.sandbox);

		// It completes between polls and leaves the incomplete list: Backfill Get says so, and its
		// range is read once more.
		ctx.sandbox.clock.advance(HOUR);
		const late = (await t.poll()).items;
		expect(takeRequests(ctx.sandbox)).toEqual([
			`GET /teams/${TEAM}/backfills`,
			`GET /teams/${TEAM}/backfills/${backfill}`,
			runList(TRANSFER, range),
			runList(TRANSFER),
		]);
		const all = [...early, ...late];
		expect(all.map((item) => item.data_date).sort()).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05']);
		expect(new Set(ids(all)).size).toBe(5);
		// Done with it: later polls read the recent dates only.
		expect((await t.poll()).items).toEqual([]);
		expect(takeRequests(ctx.sandbox)).toEqual([`GET /teams/${TEAM}/backfills`, runList(TRANSFER)]);
	});

	test('a FAILED backfill (it stays on the incomplete list) has its runs read until they are done, then no more', async () => {
		const t = trigger(ctx.sandbox);
		await t.activate();
		await createBackfill(ctx.sandbox, '2025-01-12', '2025-01-14');
		await t.poll();
		ctx.sandbox.clock.advance(HOUR);
		const { items } = await t.poll();
		expect(items.map((item) => [item.data_date, item.status])).toEqual([
			['2025-01-12', 'COMPLETED'],
			['2025-01-13', 'FAILED'],
			['2025-01-14', 'COMPLETED'],
		]);
		takeRequests(ctx.sandbox);
		expect((await t.poll()).items).toEqual([]);
		expect(takeRequests(ctx.sandbox)).toEqual([`GET /teams/${TEAM}/backfills`, runList(TRANSFER)]);
	});

	test('more transfers than a poll reads: twenty a poll, in turns; a run of the last is emitted in its turn, once', async () => {
		const created: string[] = [];
		for (let i = 0; i < 21; i++) created.push(await createTransfer(ctx.sandbox, `Transfer ${i}`));
		const last = created[created.length - 1];
		const t = trigger(ctx.sandbox, { transferId: '' });
		await t.activate();
		let sent = takeRequests(ctx.sandbox);
		expect(sent).toHaveLength(2 + 20);
		expect(sent).not.toContain(runList(last));
		expect(activationState(t)?.cursor).toBe(created[created.length - 3]);

		const run = startRun(ctx.sandbox, { transferId: last });
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([run.id]);
		sent = takeRequests(ctx.sandbox);
		expect(sent.slice(2).sort()).toEqual([runList(created[19]), runList(last)].sort());
		// A new turn: the first twenty again, and the run is not emitted twice.
		expect((await t.poll()).items).toEqual([]);
		expect((await t.poll()).items).toEqual([]);
	});

	test('an API error fails the poll with the API\'s code, status and request id, never the key, and loses nothing', async () => {
		const t = trigger(ctx.sandbox);
		await t.activate();
		const run = startRun(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		ctx.sandbox.queueFault({ status: 500, path: '/runs' });
		const failed = await t.poll();
		const requestId = ctx.sandbox.requests.at(-1)?.requestId;
		expect(failed.items).toEqual([]);
		expect(failed.error?.message).toContain('INTERNAL_SERVER_ERROR');
		expect(failed.error?.httpCode).toBe('500');
		expect(failed.error?.description).toContain(`[HTTP 500, code INTERNAL_SERVER_ERROR, request_id ${requestId}]`);
		expect(failed.error?.context.dts).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', http_code: 500, request_id: requestId });
		expect(everythingVisible({ run: failed.saved, error: failed.error, output: failed.items })).not.toContain(API_CANARY);
		// Bearer on every path, as the newest reference declares.
		for (const r of ctx.sandbox.requests) expect([r.path, r.headers.authorization]).toEqual([r.path, `Bearer ${API_CANARY}`]);
		expect(ids((await t.poll()).items)).toEqual([run.id]);
	});

	test('a wrong key fails activation with API_KEY_INVALID and the key nowhere; bad input sends nothing', async () => {
		const wrongCanary = 'canary_WRONG_9d2e_do_not_leak';
		const refused = await trigger(ctx.sandbox, {}, wrongCanary).activate();
		expect(refused.error?.httpCode).toBe('401');
		expect(refused.error?.message).toContain('API_KEY_INVALID');
		expect(refused.saved?.supermetricsTransfersTrigger).toBeUndefined();
		expect(everythingVisible({ run: refused.saved, error: refused.error, output: refused.items })).not.toContain(wrongCanary);
		takeRequests(ctx.sandbox);

		const badTeam = await trigger(ctx.sandbox, { teamId: 'abc' }).activate();
		expect(badTeam.error?.message).toContain('Invalid Team ID "abc"');
		const badTransfer = await trigger(ctx.sandbox, { transferId: byId('12.5') }).activate();
		expect(badTransfer.error?.message).toContain('Invalid Transfer "12.5"');
		const badFilter = await trigger(ctx.sandbox, { onlyFailures: '={{ "maybe" }}' }).activate();
		expect(badFilter.error?.message).toContain('Invalid Only Failures "maybe"');
		expect(takeRequests(ctx.sandbox)).toEqual([]);
	});

	test('changing the team, transfer, event or filter starts afresh: nothing old is emitted', async () => {
		const t = trigger(ctx.sandbox);
		await t.activate();
		startRun(ctx.sandbox, { outcome: 'FAILED' });
		ctx.sandbox.clock.advance(5 * MINUTE);
		// Edited (n8n keeps the node's static data, or its cursor, across edits) and polled again.
		t.node.parameters.onlyFailures = true;
		expect((await restartAndPoll(t)).items).toEqual([]);
		expect(t.saved()?.supermetricsTransfersTrigger?.key).toBe(`transferRunFinished|${TEAM}|${TRANSFER}|failures`);
		const next = startRun(ctx.sandbox, { outcome: 'FAILED' });
		ctx.sandbox.clock.advance(5 * MINUTE);
		expect(ids((await t.poll()).items)).toEqual([next.id]);
	});

	describe('Fetch Test Event', () => {
		test('no finished run yet: a clear message, nothing saved', async () => {
			const t = trigger(ctx.sandbox);
			const { error, items } = await t.fetchTestEvent();
			expect(items).toEqual([]);
			expect(error?.message).toBe('No finished transfer run to show yet');
			expect(error?.description).toContain(`transfer ${TRANSFER} dated 2026-02-23 to 2026-03-03`);
			expect(t.saved()).toBeNull();
		});

		test('the most recent finished run at once; with Only Failures the most recent failure', async () => {
			const failed = startRun(ctx.sandbox, { outcome: 'FAILED', durationMs: MINUTE });
			const later = startRun(ctx.sandbox, { durationMs: 5 * MINUTE });
			startRun(ctx.sandbox, { durationMs: HOUR });
			ctx.sandbox.clock.advance(10 * MINUTE);
			const { items, error } = await trigger(ctx.sandbox).fetchTestEvent();
			expect(error).toBeUndefined();
			expect(items).toEqual([expect.objectContaining({ id: later.id, status: 'COMPLETED', team_id: TEAM, transfer_id: TRANSFER, succeeded: true })]);
			const failures = await trigger(ctx.sandbox, { onlyFailures: true }).fetchTestEvent();
			expect(failures.items).toEqual([expect.objectContaining({ id: failed.id, status: 'FAILED', succeeded: false })]);
		});

		test('it leaves the active trigger\'s state alone', async () => {
			const t = trigger(ctx.sandbox);
			await t.activate();
			const run = startRun(ctx.sandbox);
			ctx.sandbox.clock.advance(5 * MINUTE);
			expect(ids((await t.fetchTestEvent()).items)).toEqual([run.id]);
			expect(ids((await t.poll()).items)).toEqual([run.id]);
		});
	});
});
