/** Supermetrics Transfers Trigger, Backfill Finished: through n8n-core's PollContext against the sandbox, in both of n8n's schedulers. */
import type { IDataObject } from 'n8n-workflow';

import { TEAM } from './context';
import { SCHEDULERS } from './harness';
import { API_CANARY, everythingVisible } from './support';
import { api, createBackfill, createTransfer, HOUR, MINUTE, restartAndPoll, takeRequests, TRANSFER, trigger, useTriggerSandbox } from './triggerContext';

const ctx = useTriggerSandbox();
const LATEST = `GET /teams/${TEAM}/transfers/${TRANSFER}/backfills/latest`;
const INCOMPLETE = `GET /teams/${TEAM}/backfills`;
const backfillIds = (items: IDataObject[]) => items.map((item) => item.transfer_backfill_id);

describe.each(SCHEDULERS)('Backfill Finished (%s scheduler)', (scheduler) => {
	const backfillTrigger = (parameters: Record<string, unknown> = {}) => trigger(ctx.sandbox, { event: 'backfillFinished', ...parameters }, undefined, { scheduler });

	test('activation: the seeded COMPLETED backfill is old news; a poll is the incomplete list and Get Latest', async () => {
		const t = backfillTrigger();
		const activated = await t.activate();
		expect(activated.error).toBeUndefined();
		expect(activated.items).toEqual([]);
		expect(takeRequests(ctx.sandbox)).toEqual([INCOMPLETE, LATEST]);
		expect((await t.poll()).items).toEqual([]);
	});

	test('a backfill seen running is emitted once when it completes: the API\'s backfill plus team_id and succeeded', async () => {
		const t = backfillTrigger();
		await t.activate();
		const id = await createBackfill(ctx.sandbox, '2025-01-01', '2025-01-03');
		expect((await t.poll()).items).toEqual([]);
		ctx.sandbox.clock.advance(4 * MINUTE);
		expect((await t.poll()).items).toEqual([]);
		ctx.sandbox.clock.advance(HOUR);
		const { items } = await t.poll();
		expect(items).toEqual([
			{
				transfer_backfill_id: id,
				transfer_id: TRANSFER,
				range_start_date: '2025-01-01',
				range_end_date: '2025-01-03',
				created_time: '2026-03-02T08:00:00Z',
				created_user_id: '1001',
				removed_time: null,
				removed_user_id: null,
				start_time: '2026-03-02T08:02:00Z',
				end_time: expect.stringMatching(/^2026-03-02T08:\d\d:\d\dZ$/),
				status: 'COMPLETED',
				transfer_runs_total: 3,
				transfer_runs_created: 3,
				transfer_runs_completed: 3,
				transfer_runs_failed: 0,
				error_report: [],
				team_id: TEAM,
				succeeded: true,
			},
		]);
		// It left the incomplete list, so Backfill Get said it was final.
		expect(ctx.sandbox.requests.map((r) => r.path)).toContain(`/teams/${TEAM}/backfills/${id}`);
		expect((await t.poll()).items).toEqual([]);
		expect((await restartAndPoll(t)).items).toEqual([]);
	});

	test('one created and finished between two polls is still emitted, by Get Latest', async () => {
		const t = backfillTrigger();
		await t.activate();
		const id = await createBackfill(ctx.sandbox, '2025-02-01', '2025-02-02');
		ctx.sandbox.clock.advance(HOUR);
		expect(backfillIds((await t.poll()).items)).toEqual([id]);
		expect((await t.poll()).items).toEqual([]);
	});

	test('FAILED: emitted once, though it stays on the incomplete list; its error report comes with it', async () => {
		const t = backfillTrigger();
		await t.activate();
		const id = await createBackfill(ctx.sandbox, '2025-01-12', '2025-01-14');
		await t.poll();
		ctx.sandbox.clock.advance(HOUR);
		const { items } = await t.poll();
		expect(items).toEqual([
			expect.objectContaining({
				transfer_backfill_id: id,
				status: 'FAILED',
				succeeded: false,
				transfer_runs_failed: 1,
				error_report: [{ transfer_run_date: '2025-01-13', error: 'Connection timeout to data source' }],
			}),
		]);
		for (let i = 0; i < 3; i++) {
			ctx.sandbox.clock.advance(2 * HOUR);
			expect((await t.poll()).items).toEqual([]);
		}
		expect((await api<{ data: Array<{ status: string }> }>(ctx.sandbox, 'GET', `/teams/${TEAM}/backfills`)).data.map((b) => b.status)).toEqual(['FAILED']);
	});

	test('Only Failures: a cancelled and a failed one, not the completed one', async () => {
		const other = await createTransfer(ctx.sandbox, 'Second');
		const t = backfillTrigger({ onlyFailures: true, transferId: '' });
		await t.activate();
		const completed = await createBackfill(ctx.sandbox, '2025-03-01', '2025-03-02');
		const cancelled = await createBackfill(ctx.sandbox, '2025-04-01', '2025-04-05', other);
		const failed = await createBackfill(ctx.sandbox, '2025-05-13', '2025-05-13');
		await t.poll();
		ctx.sandbox.clock.advance(3 * MINUTE);
		await api(ctx.sandbox, 'PATCH', `/teams/${TEAM}/backfills/${cancelled}`, { status: 'CANCELLED' });
		ctx.sandbox.clock.advance(HOUR);
		const { items } = await t.poll();
		expect(items.map((item) => [item.transfer_backfill_id, item.status, item.succeeded, item.transfer_id])).toEqual([
			[cancelled, 'CANCELLED', false, other],
			[failed, 'FAILED', false, TRANSFER],
		]);
		expect(items.map((item) => item.transfer_backfill_id)).not.toContain(completed);
		expect((await t.poll()).items).toEqual([]);
	});

	test('every transfer: the transfer list, the incomplete list and each transfer\'s latest backfill', async () => {
		const other = await createTransfer(ctx.sandbox, 'Second');
		const t = backfillTrigger({ transferId: '' });
		await t.activate();
		const sent = takeRequests(ctx.sandbox);
		expect(sent.slice(0, 2)).toEqual([`GET /teams/${TEAM}/transfers`, INCOMPLETE]);
		// In flight together, so in either order.
		expect(sent.slice(2).sort()).toEqual([LATEST, `GET /teams/${TEAM}/transfers/${other}/backfills/latest`].sort());
		const id = await createBackfill(ctx.sandbox, '2025-02-01', '2025-02-01', other);
		ctx.sandbox.clock.advance(HOUR);
		expect((await t.poll()).items.map((item) => [item.transfer_backfill_id, item.transfer_id])).toEqual([[id, other]]);
	});

	test('an API error fails the poll with its code and request id, never the key; the next poll loses nothing', async () => {
		const t = backfillTrigger();
		await t.activate();
		const id = await createBackfill(ctx.sandbox, '2025-02-01', '2025-02-01');
		ctx.sandbox.clock.advance(HOUR);
		ctx.sandbox.queueFault({ status: 503, path: '/backfills/latest' });
		const failed = await t.poll();
		expect(failed.error?.httpCode).toBe('503');
		expect(failed.error?.description).toContain(`code SERVICE_UNAVAILABLE, request_id ${ctx.sandbox.requests.at(-1)?.requestId}]`);
		expect(everythingVisible({ run: failed.saved, error: failed.error, output: failed.items })).not.toContain(API_CANARY);
		expect(backfillIds((await t.poll()).items)).toEqual([id]);
	});

	describe('Fetch Test Event', () => {
		test('the most recent finished backfill at once', async () => {
			const { items, error } = await backfillTrigger().fetchTestEvent();
			expect(error).toBeUndefined();
			expect(items).toEqual([expect.objectContaining({ transfer_backfill_id: '12344', status: 'COMPLETED', team_id: TEAM, succeeded: true })]);
		});

		test('none yet: a clear message', async () => {
			const other = await createTransfer(ctx.sandbox, 'Second');
			const { items, error } = await backfillTrigger({ transferId: other }).fetchTestEvent();
			expect(items).toEqual([]);
			expect(error?.message).toBe('No finished backfill to show yet');
			expect(error?.description).toContain(`latest backfill of transfer ${other}`);
			const failures = await backfillTrigger({ onlyFailures: true }).fetchTestEvent();
			expect(failures.error?.message).toBe('No finished failed backfill to show yet');
		});
	});
});
