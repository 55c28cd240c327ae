'use strict';
/**
 * Look-ups the route files share, so that a transfer, its destination, its runs and its backfills
 * stay one consistent picture. Every record keeps its team_id: another team's record is a 404.
 */
const { ApiError } = require('./http');

function findTransfer(state, teamId, id) {
	const transfer = state.transfers.get(id);
	if (!transfer || transfer.deleted || transfer.team_id !== teamId) {
		throw new ApiError(404, { description: 'The requested transfer could not be found or you do not have access to it.' });
	}
	return transfer;
}

/** The transfers (not deleted) that write into a destination. */
function usedBy(state, destination) {
	return [...state.transfers.values()].filter(
		(t) => !t.deleted && t.team_id === destination.team_id && t.destination_id === destination.id,
	);
}

/**
 * The team's table group whose numeric schema_id this is (a transfer's schema_id may name one), or
 * undefined. Another team's group is as absent as one that never was.
 */
function tableGroupBySchemaId(state, teamId, schemaId) {
	for (const group of state.tableGroups?.values() ?? []) {
		if (group.team_id === teamId && group.schema_id === schemaId) return group;
	}
	return undefined;
}

/** Run ids start past 2^53, so a client that reads them as numbers loses digits and shows it. */
const FIRST_BIG_RUN_ID = 9007199254740993n;

/** A run record; `run` gives at least transfer_id, team_id, data_date and created_time. */
function addRun(state, run) {
	const id = state.nextRunId++;
	const record = {
		id,
		status: 'QUEUED',
		started_time: null,
		queued_time: run.created_time,
		ended_time: null,
		type: 'Recurring',
		total_duration: null,
		total_rows: null,
		failed_query_amount: null,
		query_amount: null,
		query_details: [],
		message: '',
		...run,
		external_id: `ext-${id}`,
	};
	state.runs.set(String(id), record);
	return record;
}

/** Every day from start to end, inclusive, as YYYY-MM-DD. */
function days(start, end) {
	const list = [];
	for (let day = new Date(`${start}T00:00:00Z`); day <= new Date(`${end}T00:00:00Z`); day.setUTCDate(day.getUTCDate() + 1)) {
		list.push(day.toISOString().slice(0, 10));
	}
	return list;
}

module.exports = { findTransfer, usedBy, addRun, days, tableGroupBySchemaId, FIRST_BIG_RUN_ID };
