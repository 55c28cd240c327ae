'use strict';
/**
 * /teams/{team_id}/transfers…: the Data Transfers tag. The spec wraps List and Create in
 * {meta, data}, and answers Get, Update, State, Validations and the available-* look-ups bare.
 */
const { ApiError } = require('../http');
const { DATA_SOURCES, DESTINATION_TYPES } = require('../catalog');
const { destinationTypeSettings } = require('../destinationTypes');
const { findTransfer, addRun, FIRST_BIG_RUN_ID } = require('../store');
const { liveLogins } = require('../logins');
const { int32Id, int64Id, jsonObject, string, oneOf, onlyKeys } = require('../validate');
const { SCHEMAS, RUN_INTERVALS, acceptConfiguration, validationResult, addTransfer } = require('../transferConfig');

function latestRunDate(state, transfer) {
	const dates = [...state.runs.values()].filter((r) => r.transfer_id === transfer.transfer_id && r.data_date).map((r) => r.data_date);
	return dates.length ? dates.sort().at(-1) : null;
}

function listItem(state, transfer) {
	const destination = state.destinations.get(transfer.destination_id);
	const backfills = [...state.backfills.values()].filter((b) => b.transfer_id === transfer.transfer_id);
	return {
		dwh_transfer_id: Number(transfer.transfer_id),
		display_name: transfer.display_name,
		external_transfer_id: `ext-${transfer.transfer_id}`,
		status: 'active',
		state: transfer.state,
		schedule: transfer.schedule.map((s) => s.run_interval).join(', '),
		run_date: latestRunDate(state, transfer),
		data_source: { data_source_id: transfer.data_source_id, service_name: DATA_SOURCES[transfer.data_source_id] },
		destination: destination ? { destination_id: Number(destination.id), display_name: destination.display_name, type: destination.type } : null,
		accounts: transfer.accounts.map((a) => a.account_id).filter(Boolean),
		backfill: backfills.length ? { total: backfills.length, incomplete: backfills.filter((b) => !['COMPLETED', 'CANCELLED'].includes(b.status)).length } : null,
	};
}

function configuration(transfer) {
	return {
		transfer_id: Number(transfer.transfer_id),
		display_name: transfer.display_name,
		schema_id: transfer.schema_id,
		destination_id: Number(transfer.destination_id),
		accounts: transfer.accounts,
		segments: transfer.segments,
		license: { id: 1, product_title: 'Supermetrics Hub', license_title: 'Sandbox', is_expired: false, is_trial: true, end_date: '2099-12-31T00:00:00Z', features: {} },
		schedule: transfer.schedule,
		data_source: {
			data_source_id: transfer.data_source_id,
			service_name: DATA_SOURCES[transfer.data_source_id],
			service_provider: 'Sandbox',
			settings: transfer.data_source_settings,
		},
		notification_recipients: transfer.notification_recipients.length ? transfer.notification_recipients.map((email) => ({ email })) : null,
		external_url: null,
	};
}

const SEED_TRANSFER = {
	transfer_id: '36091',
	team_id: '12345',
	data_source_id: 'AW',
	schema_id: 2,
	destination_id: '8',
	display_name: 'AW enhanced 2022-11-17',
	schedule: [{ run_interval: 'daily', run_hour: 22, refresh_window: 1 }],
	accounts: [{ data_source_username: 'user.name@supermetrics.com', login_id: 2682599, account_id: '8733197711' }],
	segments: [],
	data_source_settings: [],
	notification_recipients: [],
	transfer_type: 1,
};

/** Ten daily runs of the seeded transfer, 2024-01-06 to 2024-01-15, the one of the 14th failed. */
function seedRuns(state) {
	for (let day = 6; day <= 15; day++) {
		const date = `2024-01-${String(day).padStart(2, '0')}`;
		const failed = day === 14;
		addRun(state, {
			transfer_id: '36091',
			team_id: '12345',
			status: failed ? 'FAILED' : 'COMPLETED',
			created_time: `${date}T09:55:00Z`,
			queued_time: `${date}T09:58:00Z`,
			started_time: `${date}T10:00:00Z`,
			ended_time: `${date}T10:05:30Z`,
			total_duration: failed ? 420 : 330.5,
			total_rows: failed ? 0 : 4500,
			failed_query_amount: failed ? 1 : 0,
			query_amount: 2,
			query_details: [
				{ duration: 12.5, status: failed ? 'FAILED' : 'COMPLETED', rows: failed ? 0 : 3000, error_description: failed ? 'Connection timeout to data source' : null },
				{ duration: 8.2, status: 'COMPLETED', rows: failed ? 0 : 1500, error_description: null },
			],
			data_date: date,
			message: failed ? 'Connection timeout to data source' : '',
		});
	}
}

module.exports = [
	{
		method: 'GET',
		path: '/teams/:team_id/transfers/available-sources',
		scope: 'dwh_transfers_read',
		handle({ params, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const body = {
				data_sources: Object.entries(DATA_SOURCES)
					.sort(([, a], [, b]) => a.localeCompare(b))
					.map(([id, name]) => ({
						data_source_id: id,
						service_name: name,
						service_provider: null,
						logo_url: null,
						has_custom_fields: false,
						is_custom_connector: false,
						is_public_beta: false,
						is_released: true,
						is_internal: false,
						applicable_destinations: Object.keys(DESTINATION_TYPES),
					})),
				destinations: [...state.destinations.values()]
					.filter((d) => d.team_id === teamId)
					.map((d) => ({ destination_id: Number(d.id), destination_name: d.display_name, destination_type: d.type, destination_label: DESTINATION_TYPES[d.type], is_internal: false, details: [] })),
				destination_types: destinationTypeSettings(),
			};
			return { status: 200, body };
		},
	},
	{
		method: 'GET',
		path: '/teams/:team_id/transfers/available-options',
		scope: 'dwh_transfers_read',
		handle({ params, query, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const sourceId = string(query, 'source_id', { maxLength: 50 });
			if (query.destination_id === undefined) throw new ApiError(400, { description: "The query parameter 'destination_id' is required." });
			const destinationId = int32Id('destination_id', query.destination_id);
			if (!DATA_SOURCES[sourceId]) throw new ApiError(422, { description: `Unknown source_id '${sourceId}'.` });
			const destination = state.destinations.get(destinationId);
			if (!destination || destination.team_id !== teamId) throw new ApiError(422, { description: `Destination ${destinationId} does not exist in team ${teamId}.` });
			// The team's live logins of the source (logins.js): the logins API's, login_id as DTS's int32.
			const logins = liveLogins(state, teamId, sourceId);
			const body = {
				data_source: { data_source_id: sourceId, service_name: DATA_SOURCES[sourceId], settings: [] },
				schedule_options: RUN_INTERVALS.map((run_interval) => ({ run_interval })),
				schemas: Object.entries(SCHEMAS).map(([schema_id, name]) => ({ schema_id: Number(schema_id), name })),
				logins: logins.map((l) => ({ login_id: Number(l.login_id), data_source_username: l.username })),
				accounts: logins.flatMap((l) => l.accounts.map((a) => ({ account_id: a.account_id, account_name: a.name, login_id: Number(l.login_id) }))),
				segments: logins.flatMap((l) => l.segments.map((g) => ({ ...g, login_id: Number(l.login_id) }))),
				license: { id: 1, product_title: 'Supermetrics Hub', license_title: 'Sandbox', is_expired: false, is_trial: true },
			};
			return { status: 200, body };
		},
	},
	{
		method: 'POST',
		path: '/teams/:team_id/transfers/validations',
		scope: 'dwh_transfers_write',
		handle({ params, body, state }) {
			return validationResult(body, state, int64Id('team_id', params.team_id));
		},
	},
	{
		method: 'GET',
		path: '/teams/:team_id/transfers',
		scope: 'dwh_transfers_read',
		reset(state) {
			state.transfers = new Map([['36091', { ...SEED_TRANSFER, state: 'active', deleted: false }]]);
			state.nextTransferId = 36092;
			state.runs = new Map();
			/** Runs not final yet, settled by progress.js on each request. */
			state.pending = new Set();
			state.nextRunId = 12336n;
			seedRuns(state);
			state.nextRunId = FIRST_BIG_RUN_ID;
		},
		handle({ params, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const data = [...state.transfers.values()].filter((t) => !t.deleted && t.team_id === teamId).map((t) => listItem(state, t));
			return { status: 200, data };
		},
	},
	{
		method: 'POST',
		path: '/teams/:team_id/transfers',
		scope: 'dwh_transfers_write',
		handle({ params, body, state, now }) {
			const teamId = int64Id('team_id', params.team_id);
			const accepted = acceptConfiguration(body, state, teamId);
			const transferId = addTransfer(state, teamId, accepted, now);
			return { status: 201, data: { transfer_id: Number(transferId), transfer_name: accepted.display_name } };
		},
	},
	{
		method: 'GET',
		path: '/teams/:team_id/transfers/:transfer_id',
		scope: 'dwh_transfers_read',
		handle({ params, state }) {
			const transfer = findTransfer(state, int64Id('team_id', params.team_id), int32Id('transfer_id', params.transfer_id));
			return { status: 200, body: configuration(transfer) };
		},
	},
	{
		method: 'PUT',
		path: '/teams/:team_id/transfers/:transfer_id',
		scope: 'dwh_transfers_write',
		handle({ params, body, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const transfer = findTransfer(state, teamId, int32Id('transfer_id', params.transfer_id));
			Object.assign(transfer, acceptConfiguration(body, state, teamId, transfer.transfer_id));
			return { status: 200, body: { transfer_id: Number(transfer.transfer_id), transfer_name: transfer.display_name } };
		},
	},
	{
		method: 'DELETE',
		path: '/teams/:team_id/transfers/:transfer_id',
		scope: 'dwh_transfers_write',
		handle({ params, state }) {
			const transfer = findTransfer(state, int64Id('team_id', params.team_id), int32Id('transfer_id', params.transfer_id));
			transfer.deleted = true;
			return { status: 204, body: '' };
		},
	},
	{
		method: 'PUT',
		path: '/teams/:team_id/transfers/:transfer_id/state',
		scope: 'dwh_transfers_write',
		handle({ params, body, state }) {
			const transfer = findTransfer(state, int64Id('team_id', params.team_id), int32Id('transfer_id', params.transfer_id));
			const input = jsonObject(body);
			onlyKeys(input, ['transfer_state']);
			const action = oneOf(string(input, 'transfer_state'), 'transfer_state', ['pause', 'unpause']);
			transfer.state = action === 'pause' ? 'paused' : 'active';
			return { status: 200, body: { result: true, state: transfer.state.toUpperCase() } };
		},
	},
	{
		method: 'POST',
		path: '/teams/:team_id/transfers/:transfer_id/validations',
		scope: 'dwh_transfers_write',
		handle({ params, body, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const transfer = findTransfer(state, teamId, int32Id('transfer_id', params.transfer_id));
			return validationResult(body, state, teamId, transfer.transfer_id);
		},
	},
];
