'use strict';
/**
 * A transfer's configuration as Create, Update, Validations, Batch Create and Clone check it. Create
 * and Update refuse with a configuration's first problem, at that problem's status; Validations
 * lists every problem; Batch Create reports every problem of an item in its validation_errors; all
 * from the one list, so an item a batch refuses is refused as Create would refuse it.
 */
const { ApiError } = require('./http');
const { DATA_SOURCES } = require('./catalog');
const { tableGroupBySchemaId } = require('./store');
const { jsonObject, string, integer, oneOf, CODE } = require('./validate');

/** The schemas every team has; a team's table groups add theirs (their numeric schema_id). */
const SCHEMAS = { 2: 'Standard tables', 3: 'Enhanced tables' };
const RUN_INTERVALS = ['hourly', 'daily', 'weekly', 'monthly'];
const CONFIGURATION_KEYS = ['data_source_id', 'schema_id', 'destination_id', 'display_name', 'schedule', 'accounts', 'segments', 'data_source_settings', 'notification_recipients', 'transfer_type'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A field-level problem: how Validations lists it, and how Create and Update refuse it. */
class Problem {
	constructor(field_id, error_code, status, description) {
		Object.assign(this, { field_id, error_code, status, description });
	}
}

/** Runs a schema check, turning its 400 into a Problem for the field. */
function attempt(problems, field, check) {
	try {
		return check();
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		problems.push(new Problem(field, 'invalid', error.status, error.description));
		return undefined;
	}
}

/** Each entry of an array of objects, checked; `maxItems` where the schema gives one. */
function objects(problems, input, name, check, maxItems) {
	const list = input[name];
	if (list === undefined || list === null) return;
	if (!Array.isArray(list)) return problems.push(new Problem(name, 'invalid', 400, `The field '${name}' must be an array.`));
	if (maxItems !== undefined && list.length > maxItems) problems.push(new Problem(name, 'invalid', 400, `The field '${name}' takes at most ${maxItems} entries, not ${list.length}.`));
	list.forEach((entry, i) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			return problems.push(new Problem(`${name}[${i}]`, 'invalid', 400, `Each ${name} entry must be an object.`));
		}
		attempt(problems, `${name}[${i}]`, () => check(entry));
	});
}

function checkSchedule(entry) {
	oneOf(entry.run_interval, 'run_interval', RUN_INTERVALS);
	integer(entry, 'run_hour', { required: false, min: 0, max: 23 });
	integer(entry, 'refresh_window', { required: false, min: 1 });
	integer(entry, 'run_weekday', { required: entry.run_interval === 'weekly', min: 1, max: 7 });
	integer(entry, 'run_day', { required: entry.run_interval === 'monthly', min: 1, max: 31 });
}

function checkLogin(entry, idName, idLength) {
	string(entry, 'data_source_username', { required: false, maxLength: 255 });
	integer(entry, 'login_id', { required: false });
	string(entry, idName, { required: false, maxLength: idLength });
}

/** A schema id the team may write into: a standard schema, or one of its table groups' schema_id. */
function knownSchema(state, teamId, schemaId) {
	return Boolean(SCHEMAS[schemaId] || tableGroupBySchemaId(state, teamId, schemaId));
}

/** The team's destination of that id, or undefined. */
function teamDestination(state, teamId, destinationId) {
	const destination = state.destinations.get(String(destinationId));
	return destination && destination.team_id === teamId ? destination : undefined;
}

/** A display name another live transfer of the team already has. */
function nameClash(state, teamId, name, exceptId) {
	return [...state.transfers.values()].find((t) => !t.deleted && t.team_id === teamId && t.transfer_id !== exceptId && t.display_name === name);
}

function checkRecipients(problems, recipients, maxItems) {
	if (recipients === undefined) return;
	if (!Array.isArray(recipients) || recipients.some((r) => typeof r !== 'string' || r.length > 255 || !EMAIL.exec(r))) {
		problems.push(new Problem('notification_recipients', 'invalidEmail', 400, 'notification_recipients must be a list of email addresses.'));
	} else if (maxItems !== undefined && recipients.length > maxItems) {
		problems.push(new Problem('notification_recipients', 'invalid', 400, `The field 'notification_recipients' takes at most ${maxItems} entries, not ${recipients.length}.`));
	}
}

/** Every problem of a TransferConfigurationRequest, in the order a person would fix them. */
function problemsOf(input, state, teamId, exceptId) {
	const problems = [];
	for (const key of Object.keys(input)) {
		if (!CONFIGURATION_KEYS.includes(key)) problems.push(new Problem(key, 'notAllowed', 400, `Unknown field '${key}'.`));
	}
	for (const key of ['data_source_id', 'schema_id', 'destination_id', 'display_name', 'schedule', 'accounts']) {
		if (input[key] === undefined || input[key] === null || input[key] === '') problems.push(new Problem(key, 'isEmpty', 400, `The field '${key}' is required.`));
	}
	const sourceId = attempt(problems, 'data_source_id', () => string(input, 'data_source_id', { required: false, ...CODE }));
	if (sourceId && !DATA_SOURCES[sourceId]) problems.push(new Problem('data_source_id', 'notFound', 422, `Unknown data_source_id '${sourceId}'.`));
	const schemaId = attempt(problems, 'schema_id', () => integer(input, 'schema_id', { required: false, min: 1 }));
	if (schemaId !== undefined && !knownSchema(state, teamId, schemaId)) problems.push(new Problem('schema_id', 'notFound', 422, `Unknown schema_id ${schemaId}.`));
	const destinationId = attempt(problems, 'destination_id', () => integer(input, 'destination_id', { required: false, min: 1 }));
	if (destinationId !== undefined && !teamDestination(state, teamId, destinationId)) {
		problems.push(new Problem('destination_id', 'notFound', 422, `Destination ${destinationId} does not exist in team ${teamId}.`));
	}
	const name = attempt(problems, 'display_name', () => string(input, 'display_name', { required: false, maxLength: 255 }));
	const clash = name && nameClash(state, teamId, name, exceptId);
	if (clash) problems.push(new Problem('display_name', 'alreadyExists', 409, `Transfer ${clash.transfer_id} is already named '${name}'.`));
	objects(problems, input, 'schedule', checkSchedule);
	if (Array.isArray(input.schedule) && input.schedule.length === 0) problems.push(new Problem('schedule', 'isEmpty', 400, 'The schedule needs at least one entry.'));
	objects(problems, input, 'accounts', (entry) => checkLogin(entry, 'account_id', 100));
	objects(problems, input, 'segments', (entry) => checkLogin(entry, 'segment_id', 100));
	objects(problems, input, 'data_source_settings', (entry) => string(entry, 'field_id', { maxLength: 100 }));
	checkRecipients(problems, input.notification_recipients);
	attempt(problems, 'transfer_type', () => integer(input, 'transfer_type', { required: false }));
	return problems;
}

/** The record of an accepted configuration. */
function configurationRecord(input) {
	return {
		data_source_id: input.data_source_id,
		schema_id: input.schema_id,
		destination_id: String(input.destination_id),
		display_name: input.display_name,
		schedule: input.schedule,
		accounts: input.accounts,
		segments: input.segments ?? [],
		data_source_settings: input.data_source_settings ?? [],
		notification_recipients: input.notification_recipients ?? [],
		transfer_type: input.transfer_type ?? 1,
	};
}

/** Create and Update refuse a configuration with its first problem, at that problem's status. */
function acceptConfiguration(body, state, teamId, exceptId) {
	const input = jsonObject(body);
	const [first] = problemsOf(input, state, teamId, exceptId);
	if (first) throw new ApiError(first.status, { description: first.description });
	return configurationRecord(input);
}

function validationResult(body, state, teamId, exceptId) {
	const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
	const errors = problemsOf(input, state, teamId, exceptId).map(({ field_id, error_code }) => ({ field_id, error_code }));
	return { status: 200, body: { is_valid: errors.length === 0, errors } };
}

/** A new transfer of the team, as Create, Batch Create and Clone add one. */
function addTransfer(state, teamId, record, now) {
	const transferId = String(state.nextTransferId++);
	state.transfers.set(transferId, { ...record, transfer_id: transferId, team_id: teamId, state: 'active', deleted: false, generatedUntil: now });
	return transferId;
}

module.exports = {
	SCHEMAS, RUN_INTERVALS, EMAIL, Problem, attempt, objects, checkRecipients, knownSchema, teamDestination, nameClash,
	problemsOf, configurationRecord, acceptConfiguration, validationResult, addTransfer,
};
