/**
 * Runs and backfills move on by the sandbox's clock, as the reference describes their states
 * (Backfill.status; runs QUEUED → RUNNING → final), and only when the test moves the clock.
 */
import { sleep } from 'n8n-workflow';

import { useSandboxClient } from './client';
import { createSandbox } from './server';

const START = Date.parse('2026-03-02T08:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What these tests read of a backfill and a run, named as the reference names them. */
interface Backfill {
	status: string;
	end_time: string | null;
}
interface Run {
	id: number;
	status: string;
	data_date: string;
	created_time: string;
	ended_time: string | null;
	total_rows: number | null;
}

const { holder, call } = useSandboxClient('', { clock: { start: START } });
const createBackfill = async (range_start: string, range_end: string, transfer = '36091') =>
	(await call<{ data: Backfill }>('POST', `/teams/12345/transfers/${transfer}/backfills`, { range_start, range_end })).json.data;
const getBackfill = async (id: number | string) => (await call<{ data: Backfill }>('GET', `/teams/12345/backfills/${id}`)).json.data;
const runs = async (start: string, end: string, transfer = '36091') =>
	(await call<{ data: Run[] }>('GET', `/teams/12345/transfers/${transfer}/runs?start_date=${start}&end_date=${end}&sort_field=data_date&sort_direction=ASC`)).json.data;
const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

test('the clock stands still unless moved; answers carry it in their Date header', async () => {
	const first = await call('GET', '/teams/12345/transfers');
	expect(first.date).toBe('Mon, 02 Mar 2026 08:00:00 GMT');
	expect(holder.sandbox.clock.advance(90 * MINUTE)).toBe(START + 90 * MINUTE);
	expect((await call('GET', '/teams/12345/transfers')).date).toBe('Mon, 02 Mar 2026 09:30:00 GMT');
	holder.sandbox.reset();
	expect(holder.sandbox.clock.now()).toBe(START);
});

test('a backfill: CREATED, SCHEDULED after a minute, RUNNING from two, then COMPLETED when its last run ends', async () => {
	const created = await createBackfill('2026-02-01', '2026-02-03');
	expect(created).toMatchObject({ status: 'CREATED', created_time: at(START), start_time: null, end_time: null, transfer_runs_total: 3 });
	expect((await runs('2026-02-01', '2026-02-03')).map((r) => r.status)).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);

	holder.sandbox.clock.advance(MINUTE);
	expect((await getBackfill(12345)).status).toBe('SCHEDULED');
	holder.sandbox.clock.advance(MINUTE);
	expect(await getBackfill(12345)).toMatchObject({ status: 'RUNNING', start_time: at(START + 2 * MINUTE), transfer_runs_completed: 0 });
	const [running, queued] = await runs('2026-02-01', '2026-02-03');
	expect([running.status, queued.status]).toEqual(['RUNNING', 'QUEUED']);

	holder.sandbox.clock.advance(HOUR);
	const done = await getBackfill(12345);
	const listed = await runs('2026-02-01', '2026-02-03');
	expect(listed.map((r) => r.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
	// One after another: each starts when the one before ended; the backfill ends with the last.
	expect(done).toMatchObject({ status: 'COMPLETED', transfer_runs_created: 3, transfer_runs_completed: 3, transfer_runs_failed: 0, error_report: [] });
	expect(done.end_time).toBe(listed[2].ended_time);
	expect(Date.parse(String(listed[0].ended_time))).toBeLessThan(Date.parse(String(listed[1].ended_time)));
	expect(listed.every((r) => Number(r.total_rows) > 0 && r.created_time === at(START))).toBe(true);
	expect((await call('GET', '/teams/12345/backfills')).json.data).toEqual([]);
});

test('a run for the 13th of a month fails; its backfill ends FAILED with an error report and stays listed as incomplete', async () => {
	await createBackfill('2026-02-12', '2026-02-14');
	holder.sandbox.clock.advance(HOUR);
	const backfill = await getBackfill(12345);
	expect(backfill).toMatchObject({
		status: 'FAILED',
		transfer_runs_completed: 2,
		transfer_runs_failed: 1,
		error_report: [{ transfer_run_date: '2026-02-13', error: 'Connection timeout to data source' }],
	});
	const failed = (await runs('2026-02-13', '2026-02-13'))[0];
	expect(failed).toMatchObject({ status: 'FAILED', total_rows: 0, message: 'Connection timeout to data source' });
	expect((await call('GET', `/teams/12345/transfer_runs/${failed.id}`)).json.data).toMatchObject({ failed_query_amount: 1, started_time: expect.any(String) });
	// The reference lists FAILED among the incomplete ones, and lets them be cancelled.
	expect((await call<{ data: Backfill[] }>('GET', '/teams/12345/backfills')).json.data.map((b) => b.status)).toEqual(['FAILED']);
	expect((await call<{ data: Backfill }>('PATCH', '/teams/12345/backfills/12345', { status: 'CANCELLED' })).json.data.status).toBe('CANCELLED');
});

test('cancelling: queued runs are cancelled at once, the running one finishes', async () => {
	await createBackfill('2026-02-01', '2026-02-05');
	holder.sandbox.clock.advance(2 * MINUTE + 1000);
	const cancelled = (await call('PATCH', '/teams/12345/backfills/12345', { status: 'CANCELLED' })).json.data;
	expect(cancelled).toMatchObject({ status: 'CANCELLED', end_time: at(START + 2 * MINUTE + 1000), removed_user_id: 1001 });
	let listed = await runs('2026-02-01', '2026-02-05');
	expect(listed.map((r) => r.status)).toEqual(['RUNNING', 'CANCELLED', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
	expect(listed[1].ended_time).toBe(at(START + 2 * MINUTE + 1000));
	holder.sandbox.clock.advance(HOUR);
	listed = await runs('2026-02-01', '2026-02-05');
	expect(listed[0].status).toBe('COMPLETED');
	expect((await getBackfill(12345)).status).toBe('CANCELLED');
});

test('recurring runs appear on the schedule: the seeded transfer daily at 22:00 UTC for yesterday', async () => {
	holder.sandbox.clock.advance(14 * HOUR - 1000);
	expect(await runs('2026-03-01', '2026-03-02')).toEqual([]);
	holder.sandbox.clock.advance(1000);
	const [queued] = await runs('2026-03-01', '2026-03-02');
	expect(queued).toMatchObject({ type: 'Recurring', status: 'QUEUED', data_date: '2026-03-01', created_time: '2026-03-02T22:00:00Z', ended_time: null });
	holder.sandbox.clock.advance(5 * MINUTE);
	expect((await runs('2026-03-01', '2026-03-02'))[0]).toMatchObject({ status: 'COMPLETED', ended_time: expect.stringMatching(/^2026-03-02T22:0\d:\d\dZ$/) });
	// Two days later: one run a day.
	holder.sandbox.clock.advance(48 * HOUR);
	expect((await runs('2026-03-01', '2026-03-05')).map((r) => r.data_date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
});

test('a paused transfer gets no recurring runs; a clock moved by months catches up a week only', async () => {
	await call('PUT', '/teams/12345/transfers/36091/state', { transfer_state: 'pause' });
	holder.sandbox.clock.advance(3 * 24 * HOUR);
	expect(await runs('2026-02-20', '2026-03-10')).toEqual([]);
	await call('PUT', '/teams/12345/transfers/36091/state', { transfer_state: 'unpause' });
	holder.sandbox.clock.advance(90 * 24 * HOUR);
	expect(await runs('2026-02-20', '2026-06-30')).toHaveLength(7);
});

test('addRun: a run now, with the outcome and duration asked for', async () => {
	const added = holder.sandbox.addRun({ transferId: '36091', dataDate: '2026-03-01', outcome: 'FAILED', durationMs: 10 * MINUTE });
	expect(added).toMatchObject({ transfer_id: '36091', data_date: '2026-03-01', outcome: 'FAILED', ends_at: at(START + 30_000 + 10 * MINUTE) });
	holder.sandbox.clock.advance(10 * MINUTE);
	expect((await runs('2026-03-01', '2026-03-01'))[0].status).toBe('RUNNING');
	holder.sandbox.clock.advance(MINUTE);
	expect((await runs('2026-03-01', '2026-03-01'))[0]).toMatchObject({ id: Number(added.id), status: 'FAILED' });
	expect(() => holder.sandbox.addRun({ transferId: '4242' })).toThrow();
});

test('a clock with a scale runs by itself, that many times real time', async () => {
	const before = Date.now();
	const fast = createSandbox({ clock: { start: START, scale: 1000 } });
	await sleep(20);
	const now = fast.clock.now();
	const after = Date.now();
	expect(fast.clock.scale).toBe(1000);
	// At least the 20 ms waited (timers may fire a millisecond early), at most all that passed.
	expect(now).toBeGreaterThanOrEqual(START + 19 * 1000);
	expect(now).toBeLessThanOrEqual(START + (after - before) * 1000);
});
