'use strict';
/**
 * Data Backfills: create per transfer (answered 200), latest per transfer, incomplete, get, cancel.
 * All five declare BearerAuth in the spec, unlike the rest of DTS: the bare key is refused here.
 */
const { ApiError } = require('../http');
const { findTransfer, days } = require('../store');
const { iso } = require('../clock');
const { planBackfill, cancelBackfill } = require('../progress');
const { int64Id, jsonObject, string, oneOf, date } = require('../validate');

const FINAL = ['COMPLETED', 'CANCELLED'];
const ERROR_REPORT_MAX = 100;

function find(state, teamId, id) {
	const backfill = state.backfills.get(id);
	if (!backfill || backfill.team_id !== teamId) {
		throw new ApiError(404, { description: `Backfill ${id} was not found in team ${teamId}.` });
	}
	return backfill;
}

/** The Backfill schema, with the counts and the error report read off its runs. */
function view(backfill) {
	const runs = backfill.plan?.runs ?? [];
	const { team_id, seeded_runs, plan, error_report, ...shown } = backfill;
	const failed = runs.filter((r) => r.status === 'FAILED');
	return {
		...shown,
		transfer_backfill_id: Number(backfill.transfer_backfill_id),
		transfer_id: Number(backfill.transfer_id),
		transfer_runs_created: seeded_runs ?? runs.length,
		transfer_runs_completed: seeded_runs ?? runs.filter((r) => r.status === 'COMPLETED').length,
		transfer_runs_failed: failed.length,
		// The newest reference caps error_report at 100 entries (maxItems); the count above stays whole.
		error_report: failed.slice(0, ERROR_REPORT_MAX).map((r) => ({ transfer_run_date: r.data_date, error: r.message })),
	};
}

function byNewest(a, b) {
	return Number(b.transfer_backfill_id) - Number(a.transfer_backfill_id);
}

module.exports = [
	{
		method: 'POST',
		path: '/teams/:team_id/transfers/:transfer_id/backfills',
		scope: 'dwh_transfers_write',
		auth: 'bearer',
		reset(state) {
			state.backfills = new Map();
			state.nextBackfillId = 12345;
			// A finished backfill of the seeded transfer, so that Get Latest answers out of the box.
			state.backfills.set('12344', {
				transfer_backfill_id: '12344', transfer_id: '36091', team_id: '12345',
				range_start_date: '2023-12-01', range_end_date: '2023-12-31',
				created_time: '2024-01-15T07:00:00Z', created_user_id: 1001,
				removed_time: null, removed_user_id: null,
				start_time: '2024-01-15T08:00:00Z', end_time: '2024-01-15T10:30:00Z',
				status: 'COMPLETED', transfer_runs_total: 31, seeded_runs: 31,
			});
		},
		handle({ params, body, state, key, now }) {
			const teamId = int64Id('team_id', params.team_id);
			const transfer = findTransfer(state, teamId, int64Id('transfer_id', params.transfer_id));
			const input = jsonObject(body);
			const start = date(string(input, 'range_start', { maxLength: 10 }), 'range_start');
			const end = date(string(input, 'range_end', { maxLength: 10 }), 'range_end');
			if (end < start) throw new ApiError(400, { description: 'range_end must not be before range_start.' });
			const overlapping = [...state.backfills.values()].find(
				(b) => b.transfer_id === transfer.transfer_id && !FINAL.includes(b.status) && b.range_start_date <= end && start <= b.range_end_date,
			);
			if (overlapping) {
				throw new ApiError(422, {
					description: `The range ${start} to ${end} overlaps backfill ${overlapping.transfer_backfill_id} (${overlapping.range_start_date} to ${overlapping.range_end_date}, ${overlapping.status}). Cancel it or pick another range.`,
				});
			}
			const id = String(state.nextBackfillId++);
			const dates = days(start, end);
			const backfill = {
				transfer_backfill_id: id, transfer_id: transfer.transfer_id, team_id: teamId,
				range_start_date: start, range_end_date: end,
				created_time: iso(now), created_user_id: key.userId,
				removed_time: null, removed_user_id: null, start_time: null, end_time: null,
				status: 'CREATED', transfer_runs_total: dates.length,
			};
			state.backfills.set(id, backfill);
			planBackfill(state, backfill, transfer, dates, now);
			return { status: 200, data: view(backfill) };
		},
	},
	{
		method: 'GET',
		path: '/teams/:team_id/transfers/:transfer_id/backfills/latest',
		scope: 'dwh_transfers_read',
		auth: 'bearer',
		handle({ params, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const transfer = findTransfer(state, teamId, int64Id('transfer_id', params.transfer_id));
			const [latest] = [...state.backfills.values()].filter((b) => b.transfer_id === transfer.transfer_id).sort(byNewest);
			if (!latest) {
				throw new ApiError(404, { description: 'No backfill has been created for this transfer yet, or the transfer does not exist or belong to your team.' });
			}
			return { status: 200, data: view(latest) };
		},
	},
	{
		method: 'GET',
		path: '/teams/:team_id/backfills',
		scope: 'dwh_transfers_read',
		auth: 'bearer',
		handle({ params, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const data = [...state.backfills.values()]
				.filter((b) => b.team_id === teamId && !FINAL.includes(b.status))
				.sort(byNewest)
				.slice(0, 100)
				.map(view);
			return { status: 200, data };
		},
	},
	{
		method: 'GET',
		path: '/teams/:team_id/backfills/:backfill_id',
		scope: 'dwh_transfers_read',
		auth: 'bearer',
		handle({ params, state }) {
			const backfill = find(state, int64Id('team_id', params.team_id), int64Id('backfill_id', params.backfill_id));
			return { status: 200, data: view(backfill) };
		},
	},
	{
		method: 'PATCH',
		path: '/teams/:team_id/backfills/:backfill_id',
		scope: 'dwh_transfers_write',
		auth: 'bearer',
		handle({ params, body, state, key, now }) {
			const backfill = find(state, int64Id('team_id', params.team_id), int64Id('backfill_id', params.backfill_id));
			oneOf(string(jsonObject(body), 'status'), 'status', ['CANCELLED']);
			if (FINAL.includes(backfill.status)) {
				throw new ApiError(422, { description: `Backfill ${backfill.transfer_backfill_id} is already ${backfill.status} and cannot be cancelled.` });
			}
			cancelBackfill(state, backfill, now);
			backfill.removed_user_id = key.userId;
			return { status: 200, data: view(backfill) };
		},
	},
];
