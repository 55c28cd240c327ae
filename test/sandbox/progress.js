'use strict';
/**
 * How runs and backfills move on in the sandbox, by its clock (clock.js):
 * - a run is QUEUED when created, RUNNING from its planned start, then COMPLETED after one to three
 *   minutes, or FAILED when its data date is the 13th of a month (the sandbox's one failure rule,
 *   so a test knows which runs fail; a control call may plan another outcome);
 * - a backfill is CREATED, SCHEDULED a minute later, RUNNING from two minutes while its runs run one
 *   after another in date order, then COMPLETED, or FAILED when one of its runs failed; a PATCH
 *   cancels it (its queued runs with it, running ones finish);
 * - an active transfer gets recurring runs on its schedule: hourly for the day, otherwise one per
 *   day of its refresh window (yesterday and back), at run_hour UTC.
 * Nothing runs in the background: each request first settles everything up to the clock's now, so
 * a test that moves the clock sees exactly what happened meanwhile, whatever the real time.
 */
const { iso, day } = require('./clock');
const { addRun } = require('./store');

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SCHEDULED_AFTER_MS = MINUTE;
const RUNNING_AFTER_MS = 2 * MINUTE;
const RECURRING_START_MS = 30 * SECOND;
/** Schedules missed by more than this (a clock moved on by months) are skipped, as a real scheduler skips a backlog. */
const CATCH_UP_MS = 7 * DAY;
const FAILURE_MESSAGE = 'Connection timeout to data source';

/** One to three minutes, by the run's id. */
function durationOf(id) {
	return MINUTE + Number(BigInt(id) % 5n) * 30 * SECOND;
}

function outcomeFor(dataDate) {
	return typeof dataDate === 'string' && dataDate.endsWith('-13') ? 'FAILED' : 'COMPLETED';
}

/**
 * A run that will progress: `fields` are the run's own (transfer_id, team_id, data_date, type,
 * backfill_id); it is created at `createdAt` and runs from `startAt` for `durationMs`.
 */
function plannedRun(state, fields, { createdAt, startAt, durationMs, outcome }) {
	const run = addRun(state, { ...fields, created_time: iso(createdAt), queued_time: iso(createdAt) });
	const duration = durationMs ?? durationOf(run.id);
	run.plan = { startAt, endAt: startAt + duration, outcome: outcome ?? outcomeFor(fields.data_date), done: false };
	state.pending.add(run);
	return run;
}

function finish(state, run, status, at) {
	run.status = status;
	run.ended_time = iso(at);
	run.plan.done = true;
	state.pending.delete(run);
}

function complete(state, run) {
	const { plan } = run;
	const failed = plan.outcome === 'FAILED';
	const rows = failed ? 0 : 1000 + Number(BigInt(run.id) % 4000n);
	Object.assign(run, {
		total_duration: (plan.endAt - plan.startAt) / SECOND,
		total_rows: rows,
		query_amount: 2,
		failed_query_amount: failed ? 1 : 0,
		query_details: [
			{ duration: 12.5, status: failed ? 'FAILED' : 'COMPLETED', rows: failed ? 0 : rows - 500, error_description: failed ? FAILURE_MESSAGE : null },
			{ duration: 8.2, status: 'COMPLETED', rows: failed ? 0 : 500, error_description: null },
		],
		message: failed ? FAILURE_MESSAGE : '',
	});
	finish(state, run, plan.outcome, plan.endAt);
}

function settleRun(state, run, now) {
	const { plan } = run;
	if (now >= plan.startAt && run.started_time === null) {
		run.status = 'RUNNING';
		run.started_time = iso(plan.startAt);
	}
	if (now >= plan.endAt) complete(state, run);
}

/** A backfill's runs, one after another in date order from two minutes after its creation. */
function planBackfill(state, backfill, transfer, dates, createdAt) {
	let startAt = createdAt + RUNNING_AFTER_MS;
	const runs = dates.map((dataDate) => {
		const run = plannedRun(
			state,
			{ transfer_id: transfer.transfer_id, team_id: backfill.team_id, backfill_id: backfill.transfer_backfill_id, type: 'Backfill', data_date: dataDate },
			{ createdAt, startAt },
		);
		startAt = run.plan.endAt;
		return run;
	});
	backfill.plan = { createdAt, endAt: startAt, runs };
}

const BACKFILL_FINAL = ['COMPLETED', 'CANCELLED', 'FAILED'];

function settleBackfill(backfill, now) {
	const { plan } = backfill;
	if (!plan || BACKFILL_FINAL.includes(backfill.status)) return;
	if (now >= plan.endAt) {
		backfill.start_time = iso(plan.createdAt + RUNNING_AFTER_MS);
		backfill.end_time = iso(plan.endAt);
		backfill.status = plan.runs.some((run) => run.status === 'FAILED') ? 'FAILED' : 'COMPLETED';
	} else if (now >= plan.createdAt + RUNNING_AFTER_MS) {
		backfill.start_time = iso(plan.createdAt + RUNNING_AFTER_MS);
		backfill.status = 'RUNNING';
	} else if (now >= plan.createdAt + SCHEDULED_AFTER_MS) {
		backfill.status = 'SCHEDULED';
	}
}

/** PATCH status CANCELLED: queued runs are cancelled now, running ones finish as planned. */
function cancelBackfill(state, backfill, now) {
	for (const run of backfill.plan?.runs ?? []) {
		if (!run.plan.done && run.started_time === null) finish(state, run, 'CANCELLED', now);
	}
	Object.assign(backfill, { status: 'CANCELLED', end_time: iso(now), removed_time: iso(now) });
}

/** The hours (UTC) of a day at which a schedule entry starts runs. */
function runHours(entry, dayMs) {
	const weekday = new Date(dayMs).getUTCDay() || 7;
	const hour = entry.run_hour ?? 0;
	switch (entry.run_interval) {
		case 'hourly':
			return Array.from({ length: 24 }, (_, h) => h);
		case 'weekly':
			return weekday === entry.run_weekday ? [hour] : [];
		case 'monthly':
			return new Date(dayMs).getUTCDate() === entry.run_day ? [hour] : [];
		default:
			return [hour];
	}
}

/** The data dates one scheduled start covers: the day itself when hourly, else the refresh window. */
function dataDates(entry, dayMs) {
	if (entry.run_interval === 'hourly') return [day(dayMs)];
	const window = entry.refresh_window ?? 1;
	return Array.from({ length: window }, (_, i) => day(dayMs - (i + 1) * DAY));
}

/** Recurring runs of an active transfer for its scheduled starts in (from, to]. */
function scheduleRuns(state, transfer, from, to) {
	const starts = [];
	for (let dayMs = Math.floor(from / DAY) * DAY; dayMs <= to; dayMs += DAY) {
		for (const entry of transfer.schedule ?? []) {
			for (const hour of runHours(entry, dayMs)) {
				const at = dayMs + hour * HOUR;
				if (at > from && at <= to) starts.push({ at, entry, dayMs });
			}
		}
	}
	starts.sort((a, b) => a.at - b.at);
	for (const { at, entry, dayMs } of starts) {
		for (const dataDate of dataDates(entry, dayMs)) {
			plannedRun(
				state,
				{ transfer_id: transfer.transfer_id, team_id: transfer.team_id, type: 'Recurring', data_date: dataDate },
				{ createdAt: at, startAt: at + RECURRING_START_MS },
			);
		}
	}
}

/** Everything up to `now`: new recurring runs, then every pending run and backfill. */
function settle(state, now) {
	for (const transfer of state.transfers.values()) {
		if (transfer.deleted) continue;
		const from = Math.max(transfer.generatedUntil ?? now, now - CATCH_UP_MS);
		if (transfer.state === 'active' && from < now) scheduleRuns(state, transfer, from, now);
		transfer.generatedUntil = now;
	}
	for (const run of [...state.pending]) settleRun(state, run, now);
	for (const backfill of state.backfills.values()) settleBackfill(backfill, now);
}

module.exports = { settle, plannedRun, planBackfill, cancelBackfill, outcomeFor, durationOf, RECURRING_START_MS, SCHEDULED_AFTER_MS, RUNNING_AFTER_MS };
