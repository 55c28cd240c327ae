'use strict';
/**
 * The two ways the newest reference (Management API Reference 2.0.0) adds to make transfers from
 * others: Clone (POST …/transfers/{transfer_id}/clone) and Batch Create (POST …/transfers/batch).
 * Neither is in the older files, so both take only `Authorization: Bearer` (ApiKeyAuth there) in
 * every reading but keyOnly.
 */
const { ApiError } = require('../http');
const { findTransfer } = require('../store');
const { INT32_MAX, int32Id, int64Id, jsonObject, string, integer, oneOf } = require('../validate');
const { Problem, attempt, objects, checkRecipients, knownSchema, teamDestination, nameClash, problemsOf, configurationRecord, addTransfer } = require('../transferConfig');

const ID = { min: 1, max: INT32_MAX };
const BATCH_MAX = 100;
const CLONE_INTERVALS = ['daily', 'weekly', 'monthly'];

/**
 * A clone's schedule entry, as the clone schema has it (not Create's TransferSchedule): no hourly,
 * run_interval and refresh_window required, refresh_window at most 365, and run_hour required, as
 * its description says ("Required for daily, weekly, and monthly intervals", which are all the
 * intervals a clone takes) though its `required` list leaves it out.
 */
function checkCloneSchedule(entry) {
	if (entry.run_interval === undefined || entry.run_interval === null) throw new ApiError(400, { description: "The field 'run_interval' is required." });
	oneOf(entry.run_interval, 'run_interval', CLONE_INTERVALS);
	integer(entry, 'refresh_window', { min: 1, max: 365 });
	integer(entry, 'run_hour', { min: 0, max: 23 });
	integer(entry, 'run_weekday', { required: entry.run_interval === 'weekly', min: 1, max: 7 });
	integer(entry, 'run_day', { required: entry.run_interval === 'monthly', min: 1, max: 31 });
}

function checkCloneAccount(entry) {
	string(entry, 'data_source_username', { maxLength: 255 });
	integer(entry, 'login_id', ID);
	string(entry, 'account_id', { maxLength: 100 });
}

function checkCloneSegment(entry) {
	string(entry, 'data_source_username', { maxLength: 255 });
	string(entry, 'segment_id', { maxLength: 100 });
	string(entry, 'segment_name', { required: false, maxLength: 255 });
}

function checkCloneSetting(entry) {
	string(entry, 'field_id', { required: false, maxLength: 100 });
	string(entry, 'group', { required: false, maxLength: 100 });
}

/**
 * The problems of a clone's overrides against its own schema (every field optional, ids 1 to
 * 2147483647, maxItems on every array) and its restrictions: the data source is the source's, a
 * new destination must be the team's and of the source destination's type.
 */
function cloneProblems(input, state, teamId, source) {
	const problems = [];
	if (input.data_source_id !== undefined && input.data_source_id !== source.data_source_id) {
		problems.push(new Problem('data_source_id', 'notAllowed', 422, 'The data source is always inherited from the source transfer and cannot be overridden; create a new transfer instead.'));
	}
	const name = attempt(problems, 'display_name', () => string(input, 'display_name', { required: false, maxLength: 255 }));
	if (name !== undefined && name.trim() === '') problems.push(new Problem('display_name', 'isEmpty', 400, "The field 'display_name' must not be empty."));
	const clash = name && nameClash(state, teamId, name);
	if (clash) problems.push(new Problem('display_name', 'alreadyExists', 422, `Transfer ${clash.transfer_id} is already named '${name}'.`));
	const schemaId = attempt(problems, 'schema_id', () => integer(input, 'schema_id', { required: false, ...ID }));
	if (schemaId !== undefined && !knownSchema(state, teamId, schemaId)) problems.push(new Problem('schema_id', 'notFound', 422, `Unknown schema_id ${schemaId}.`));
	const destinationId = attempt(problems, 'destination_id', () => integer(input, 'destination_id', { required: false, ...ID }));
	if (destinationId !== undefined) {
		const destination = teamDestination(state, teamId, destinationId);
		const sourceType = state.destinations.get(source.destination_id)?.type;
		if (!destination) problems.push(new Problem('destination_id', 'notFound', 422, `Destination ${destinationId} does not exist in team ${teamId}.`));
		else if (sourceType && destination.type !== sourceType) {
			problems.push(new Problem('destination_id', 'typeMismatch', 422, `Destination ${destinationId} is ${destination.type}; a clone of transfer ${source.transfer_id} must write into a ${sourceType} destination.`));
		}
	}
	objects(problems, input, 'accounts', checkCloneAccount, 1000);
	objects(problems, input, 'segments', checkCloneSegment, 100);
	objects(problems, input, 'schedule', checkCloneSchedule, 10);
	if (Array.isArray(input.schedule) && input.schedule.length === 0) problems.push(new Problem('schedule', 'isEmpty', 400, 'The schedule needs at least one entry.'));
	objects(problems, input, 'data_source_settings', checkCloneSetting, 100);
	checkRecipients(problems, input.notification_recipients, 50);
	return problems;
}

/** "Copy of <source name>", made unique in the team (" (2)", " (3)", …) and at most 255 characters. */
function copyName(state, teamId, sourceName) {
	const base = `Copy of ${sourceName}`;
	for (let n = 1; ; n++) {
		const suffix = n === 1 ? '' : ` (${n})`;
		const name = base.slice(0, 255 - suffix.length) + suffix;
		if (!nameClash(state, teamId, name)) return name;
	}
}

/** JSON with every object's keys sorted: two configurations are exact duplicates when theirs are equal. */
function canonical(value) {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The batch-level 400: "no transfers are created", with one of the reference's codes. */
function batchRefused(code, description) {
	return new ApiError(400, { code, message: 'Batch-level validation failed; no transfers were created.', description });
}

/**
 * One item of a batch: created, or refused on its own. An item Create would refuse is refused here
 * with every problem Create's checks find (Create itself answers with the first): the 400 and 422
 * ones as DWH_INVALID_TRANSFER_SETUP_DATA with validation_errors; a name already taken, Create's
 * 409 Conflict, alone as DWH_TRANSFER_CREATE_FAILED (the configuration is valid, creating it failed).
 */
function batchItem(item, index, seen, state, teamId, now) {
	if (!isObject(item)) {
		return { index, status: 'error', error_code: 'INVALID_ITEM_DATA', message: `Item ${index} is not a transfer configuration (a JSON object).` };
	}
	const key = canonical(item);
	if (seen.has(key)) {
		return { index, status: 'error', error_code: 'DWH_BATCH_CREATE_DUPLICATE_CONFIGURATION', message: `Item ${index} is an exact duplicate of item ${seen.get(key)} in this batch.` };
	}
	seen.set(key, index);
	const problems = problemsOf(item, state, teamId);
	if (problems.some((p) => p.status !== 409)) {
		return {
			index,
			status: 'error',
			error_code: 'DWH_INVALID_TRANSFER_SETUP_DATA',
			message: 'Transfer configuration is invalid. Check validation_errors for details.',
			validation_errors: problems.map((p) => ({ field_id: p.field_id, error_code: p.error_code, message: p.description })),
		};
	}
	if (problems.length) return { index, status: 'error', error_code: 'DWH_TRANSFER_CREATE_FAILED', message: problems[0].description };
	const record = configurationRecord(item);
	const transferId = addTransfer(state, teamId, record, now);
	return { index, transfer_id: Number(transferId), transfer_name: record.display_name, status: 'success' };
}

module.exports = [
	{
		method: 'POST',
		path: '/teams/:team_id/transfers/:transfer_id/clone',
		scope: 'dwh_transfers_write',
		auth: 'bearer',
		handle({ params, body, state, now, baseUrl }) {
			const teamId = int64Id('team_id', params.team_id);
			const source = findTransfer(state, teamId, int32Id('transfer_id', params.transfer_id));
			// "Omit entirely or send {} to clone as-is."
			const input = body === undefined ? {} : jsonObject(body);
			const [first] = cloneProblems(input, state, teamId, source);
			if (first) throw new ApiError(first.status, { description: first.description });
			const copy = structuredClone({
				data_source_id: source.data_source_id,
				schema_id: input.schema_id ?? source.schema_id,
				destination_id: input.destination_id === undefined ? source.destination_id : String(input.destination_id),
				display_name: input.display_name ?? copyName(state, teamId, source.display_name),
				schedule: input.schedule ?? source.schedule,
				accounts: input.accounts ?? source.accounts,
				segments: input.segments ?? source.segments,
				data_source_settings: input.data_source_settings ?? source.data_source_settings,
				// "Notification recipients are deliberately not copied (default to empty)".
				notification_recipients: input.notification_recipients ?? [],
				transfer_type: source.transfer_type,
			});
			const transferId = addTransfer(state, teamId, copy, now);
			return {
				status: 201,
				data: { transfer_id: Number(transferId), transfer_name: copy.display_name },
				headers: { Location: `${baseUrl}/teams/${teamId}/transfers/${transferId}` },
			};
		},
	},
	{
		method: 'POST',
		path: '/teams/:team_id/transfers/batch',
		scope: 'dwh_transfers_write',
		auth: 'bearer',
		handle({ params, body, state, now }) {
			const teamId = int64Id('team_id', params.team_id);
			const input = jsonObject(body);
			const list = input.transfers;
			if (!Array.isArray(list)) throw batchRefused('DWH_BATCH_NOT_ARRAY', "The field 'transfers' must be an array of transfer configurations.");
			if (list.length === 0) throw batchRefused('DWH_BATCH_EMPTY', "The field 'transfers' must hold at least one transfer configuration.");
			if (list.length > BATCH_MAX) throw batchRefused('DWH_BATCH_TOO_LARGE', `The field 'transfers' takes at most ${BATCH_MAX} transfer configurations, not ${list.length}.`);
			const seen = new Map();
			const results = list.map((item, index) => batchItem(item, index, seen, state, teamId, now));
			return { status: 200, data: { has_errors: results.some((r) => r.status === 'error'), results } };
		},
	},
];
