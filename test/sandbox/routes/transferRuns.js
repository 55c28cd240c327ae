'use strict';
/** Transfer runs: a paged, filtered list per transfer and one run's detail, both wrapped. */
const { ApiError } = require('../http');
const { findTransfer } = require('../store');
const { int64Id, integer, oneOf, runDate } = require('../validate');

const SORT_FIELDS = ['created_time', 'ended_time', 'data_date'];

/** A query integer, checked as the spec's schema says (the query string carries it as text). */
function queryInteger(query, name, { min, max, fallback }) {
	if (query[name] === undefined) return fallback;
	if (!/^-?\d+$/.exec(query[name])) throw new ApiError(400, { description: `The query parameter '${name}' must be an integer.` });
	return integer({ [name]: Number(query[name]) }, name, { min, max });
}

function required(query, name) {
	if (query[name] === undefined || query[name] === '') throw new ApiError(400, { description: `The query parameter '${name}' is required.` });
	return query[name];
}

function listItem(run) {
	const { id, status, created_time, ended_time, type, total_duration, total_rows, data_date, message } = run;
	return { id, status, created_time, ended_time, type, total_duration, total_rows, data_date, message };
}

function detail(run) {
	const { id, status, started_time, ended_time, created_time, queued_time, query_details, external_id, failed_query_amount, total_duration, total_rows, query_amount, data_date, message } = run;
	return { id, status, started_time, ended_time, created_time, queued_time, query_details, external_id, failed_query_amount, total_duration, total_rows, query_amount, data_date, message };
}

function compare(field, direction) {
	const sign = direction === 'ASC' ? 1 : -1;
	return (a, b) => {
		const left = a[field] ?? '';
		const right = b[field] ?? '';
		if (left !== right) return left < right ? -sign : sign;
		return a.id === b.id ? 0 : (a.id < b.id ? -sign : sign);
	};
}

module.exports = [
	{
		method: 'GET',
		path: '/teams/:team_id/transfers/:transfer_id/runs',
		scope: 'dwh_transfers_read',
		handle({ params, query, state, config }) {
			const transfer = findTransfer(state, int64Id('team_id', params.team_id), int64Id('transfer_id', params.transfer_id));
			// Runs match on data_date, so either form comes down to a day (validate.js, runDate).
			const start = runDate(required(query, 'start_date'), 'start_date', config.runDateForm);
			const end = runDate(required(query, 'end_date'), 'end_date', config.runDateForm);
			if (end < start) throw new ApiError(400, { description: 'end_date must not be before start_date.' });
			if (query.filter_issues_only !== undefined && !['true', 'false'].includes(query.filter_issues_only)) {
				throw new ApiError(400, { description: "The query parameter 'filter_issues_only' must be true or false." });
			}
			const issuesOnly = query.filter_issues_only === 'true';
			const sortField = query.sort_field === undefined ? 'created_time' : oneOf(query.sort_field, 'sort_field', SORT_FIELDS);
			const direction = query.sort_direction === undefined ? 'DESC' : oneOf(query.sort_direction, 'sort_direction', ['ASC', 'DESC']);
			const limit = queryInteger(query, 'limit', { min: 1, max: 10000, fallback: 100 });
			const offset = queryInteger(query, 'offset', { min: 0, fallback: 0 });
			const runs = [...state.runs.values()]
				.filter((r) => r.transfer_id === transfer.transfer_id && r.data_date >= start && r.data_date <= end)
				.filter((r) => !issuesOnly || r.status === 'FAILED' || r.message !== '')
				.sort(compare(sortField, direction));
			return { status: 200, data: runs.slice(offset, offset + limit).map(listItem) };
		},
	},
	{
		method: 'GET',
		path: '/teams/:team_id/transfer_runs/:transfer_run_id',
		scope: 'dwh_transfers_read',
		handle({ params, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const id = int64Id('transfer_run_id', params.transfer_run_id);
			const run = state.runs.get(id);
			if (!run || run.team_id !== teamId) throw new ApiError(404, { description: `Transfer run ${id} was not found in team ${teamId}.` });
			return { status: 200, data: detail(run) };
		},
	},
];
