'use strict';
/** /teams/{team_id}/destinations…: the Data Destinations tag of the spec, all wrapped in {meta, data}. */
const { ApiError } = require('../http');
const { DESTINATION_TYPES } = require('../catalog');
const { findAuthMethod, setupFields } = require('../destinationTypes');
const { usedBy } = require('../store');
const { int32Id, int64Id, jsonObject, string, integer, onlyKeys } = require('../validate');

/** Inputs the API takes but never shows again (input_type password): an answer carries null for them. */
const isSecret = (field) => field.input_type === 'password';

function find(state, teamId, id) {
	const destination = state.destinations.get(id);
	if (!destination || destination.team_id !== teamId) {
		throw new ApiError(404, { description: `Destination ${id} was not found in team ${teamId}.` });
	}
	return destination;
}

/** The destination as its setup form shows it: every field of its type and auth method, then any other it was given. */
function info(destination) {
	const type = destination.type;
	const schema = setupFields(type, findAuthMethod(type, destination.auth_method));
	const known = new Set(schema.map((field) => field.id));
	const extra = Object.keys(destination.fields)
		.filter((id) => !known.has(id))
		.map((id) => ({ id, label: id, value: null, input_type: 'text', is_required: false, options: [], help_text: null, help_url: null, note: null, show_for: [] }));
	return {
		id: Number(destination.id),
		display_name: destination.display_name,
		destination_type: { type, title: DESTINATION_TYPES[type], icon_url: `https://sandbox.invalid/icons/${type.toLowerCase()}.svg` },
		edit_settings: [...schema, ...extra].map((field) => ({
			...field,
			value: isSecret(field) ? null : (destination.fields[field.id] ?? null),
		})),
	};
}

/** The request body shared by create, update and test-connection. */
function readBody(body, extraKeys) {
	const input = jsonObject(body);
	onlyKeys(input, ['type', 'display_name', 'auth_method', 'fields', ...extraKeys]);
	const type = string(input, 'type', { maxLength: 50 });
	const displayName = string(input, 'display_name', { maxLength: 255 });
	if (displayName.trim() === '') throw new ApiError(400, { description: "The field 'display_name' must not be empty." });
	const authMethod = string(input, 'auth_method', { required: false, maxLength: 100 });
	if (typeof input.fields !== 'object' || input.fields === null || Array.isArray(input.fields)) {
		throw new ApiError(400, { description: "The field 'fields' must be an object." });
	}
	if (!DESTINATION_TYPES[type]) throw new ApiError(422, { description: `Unsupported destination type '${type}'.` });
	const method = findAuthMethod(type, authMethod);
	if (!method) throw new ApiError(422, { description: `Unknown auth_method '${authMethod}' for destination type '${type}'.` });
	const newPassword = extraKeys.includes('new_password') ? string(input, 'new_password', { required: false, maxLength: 255 }) : undefined;
	return { type, display_name: displayName, auth_method: method.id, method, fields: { ...input.fields }, newPassword, input };
}

/** A new secret goes where the auth method's new_secret_field says: new_private_key replaces private_key. */
function withNewSecret(fields, method, newPassword) {
	if (newPassword === undefined) return fields;
	const replaced = method.new_secret_field?.id.replace(/^new_/, '');
	if (!replaced) throw new ApiError(422, { description: `The auth method '${method.id}' has no secret to replace.` });
	return { ...fields, [replaced]: newPassword };
}

/**
 * What a stored destination needs (fields is open, additionalProperties: true, so other names pass):
 * every required setting and auth-method field filled in, a select's value among its options, a
 * number a whole number, a checkbox a boolean. A field shown only for some values of another
 * (show_for) is needed only then.
 */
function checkSetup(type, method, fields) {
	for (const field of setupFields(type, method)) {
		const shown = field.show_for.every((rule) => rule.values.includes(String(fields[rule.id])));
		const value = fields[field.id];
		if (value === undefined || value === null || value === '') {
			if (field.is_required && shown) {
				throw new ApiError(422, { description: `The setting '${field.id}' is required for ${type} with ${method.id}.` });
			}
			continue;
		}
		const problem = settingProblem(field, value);
		if (problem) throw new ApiError(422, { description: `The setting '${field.id}' ${problem}.` });
	}
}

function settingProblem(field, value) {
	if (field.input_type === 'select' && !field.options.some((option) => option.value === value)) {
		return `must be one of ${field.options.map((option) => option.value).join(', ')}`;
	}
	if (field.input_type === 'number' && !(Number.isInteger(value) && value >= -2147483648 && value <= 2147483647)) return 'must be a whole number';
	if (field.input_type === 'checkbox' && typeof value !== 'boolean') return 'must be true or false';
	if (typeof value === 'string' && value.length > 1000) return 'must be at most 1000 characters';
	return undefined;
}

function uniqueName(state, teamId, displayName, exceptId) {
	for (const d of state.destinations.values()) {
		if (d.team_id === teamId && d.id !== exceptId && d.display_name === displayName) {
			throw new ApiError(409, { description: `A destination named '${displayName}' already exists.` });
		}
	}
}

/**
 * The sandbox's stand-in for a real connection attempt: a host under .invalid (RFC 2606) is never
 * reachable, and the passphrase "wrong" never decrypts a key.
 */
function tryConnection(fields) {
	const host = String(fields.hostname ?? fields.project_id ?? fields.bucket_name ?? '');
	if (!host) return { success: false, error: 'No hostname (or project_id, or bucket_name) was given.' };
	if (host.endsWith('.invalid')) return { success: false, error: `Could not resolve host '${host}'.` };
	if (fields.passphrase === 'wrong') return { success: false, error: 'The private key could not be decrypted with the passphrase given.' };
	return { success: true, error: null };
}

/**
 * List's filters (newest reference): `type` (at most 50) "Case-insensitive. Validated against the
 * system's known destination types; unrecognized values return a validation error", a 400 here as
 * the DTS API's other validation errors (List declares none of its own); `name` (at most 255) "Case-
 * insensitive substring match" on the display name. Both together narrow the list to what matches
 * both. Returns the type as the catalog writes it and the name lower-cased.
 */
function listFilters(query) {
	const type = string(query, 'type', { required: false, maxLength: 50 });
	const name = string(query, 'name', { required: false, maxLength: 255 });
	let known;
	if (type !== undefined) {
		known = Object.keys(DESTINATION_TYPES).find((code) => code.toLowerCase() === type.toLowerCase());
		if (!known) throw new ApiError(400, { description: `Unknown destination type '${type}'; the known types are ${Object.keys(DESTINATION_TYPES).join(', ')}.` });
	}
	return { type: known, name: name?.toLowerCase() };
}

const BATCH_MAX = 100;

/**
 * Batch Rotate Secrets' batch-level checks, "checked before any processing", each a 400 with
 * nothing rotated: `type` a string, a known destination type (exactly as the catalog writes it, as
 * Create takes it); `updates` 1 to 100 objects, each with a valid destination_id (an integer 1 to
 * 2147483647, the destination ids' int32) and a non-empty new_secret (a string); no destination_id
 * twice. Then each update stands alone (see rotate).
 */
function readRotations(body) {
	const input = jsonObject(body);
	const type = string(input, 'type');
	if (!DESTINATION_TYPES[type]) throw new ApiError(400, { description: `Unknown destination type '${String(type).slice(0, 60)}'.` });
	const updates = input.updates;
	if (!Array.isArray(updates)) throw new ApiError(400, { description: "The field 'updates' must be an array." });
	if (updates.length < 1 || updates.length > BATCH_MAX) throw new ApiError(400, { description: `The updates array must contain between 1 and ${BATCH_MAX} items, not ${updates.length}.` });
	const seen = new Set();
	updates.forEach((update, i) => {
		if (typeof update !== 'object' || update === null || Array.isArray(update)) throw new ApiError(400, { description: `updates[${i}] must be an object.` });
		const where = (error) => new ApiError(400, { description: `updates[${i}]: ${error.description}` });
		let id;
		try {
			id = integer(update, 'destination_id', { min: 1 });
			const secret = string(update, 'new_secret');
			if (secret.length === 0) throw new ApiError(400, { description: "The field 'new_secret' must not be empty." });
		} catch (error) {
			if (error instanceof ApiError) throw where(error);
			throw error;
		}
		if (seen.has(id)) throw new ApiError(400, { description: `Duplicate destination_id ${id} in updates; each destination may appear once.` });
		seen.add(id);
	});
	return { type, updates };
}

/**
 * One rotation: the team's destination of the batch's type, whose auth method has a secret to
 * replace (its new_secret_field, as new_password on Update). The new secret replaces the stored one
 * (state.destinations' fields), and state.secretRotations records which field of which destination
 * changed and when, never the secret. A result never carries the secret.
 */
function rotate(state, teamId, type, { destination_id: id, new_secret: secret }, now) {
	const destination = state.destinations.get(String(id));
	if (!destination || destination.team_id !== teamId) {
		return { destination_id: id, status: 'error', error_code: 'NOT_FOUND', message: `Destination ${id} was not found in team ${teamId}.` };
	}
	if (destination.type !== type) {
		return { destination_id: id, status: 'error', error_code: 'DESTINATION_TYPE_MISMATCH', message: `Destination ${id} is ${destination.type}, not ${type}; a batch rotates secrets of one destination type.` };
	}
	const method = findAuthMethod(destination.type, destination.auth_method);
	const field = method.new_secret_field?.id.replace(/^new_/, '');
	if (!field) {
		return { destination_id: id, status: 'error', error_code: 'UNPROCESSABLE_ENTITY', message: `Destination ${id} uses ${method.id}, which has no secret to rotate.` };
	}
	destination.fields = { ...destination.fields, [field]: secret };
	state.secretRotations.push({ destination_id: String(id), team_id: teamId, field, at: now });
	return { destination_id: id, status: 'success' };
}

module.exports = [
	{
		method: 'GET',
		path: '/teams/:team_id/destinations',
		scope: 'dwh_transfers_read',
		reset(state) {
			state.destinations = new Map();
			/** Batch Rotate Secrets' successes, oldest first: {destination_id, team_id, field, at} (no secret). */
			state.secretRotations = [];
			state.nextDestinationId = 9;
			state.destinations.set('8', {
				id: '8',
				team_id: '12345',
				display_name: 'Sandbox Snowflake',
				type: 'DWH_SNOWFLAKE',
				auth_method: 'AUTH_METHOD_KEY_PAIR',
				fields: { hostname: 'sandbox.snowflakecomputing.com', warehouse: 'DEMO_WH', database_name: 'DEMO_DB', schema: 'PUBLIC', username: 'DEMO', private_key: 'seeded-secret-key' },
			});
		},
		handle({ params, query, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const { type, name } = listFilters(query);
			const data = [...state.destinations.values()]
				.filter((d) => d.team_id === teamId)
				.filter((d) => type === undefined || d.type === type)
				.filter((d) => name === undefined || d.display_name.toLowerCase().includes(name))
				.map((d) => ({ id: Number(d.id), display_name: d.display_name, type: d.type }));
			return { status: 200, data };
		},
	},
	{
		method: 'POST',
		path: '/teams/:team_id/destinations',
		scope: 'dwh_transfers_write',
		handle({ params, body, state, baseUrl }) {
			const teamId = int64Id('team_id', params.team_id);
			const { type, display_name, auth_method, method, fields } = readBody(body, []);
			checkSetup(type, method, fields);
			uniqueName(state, teamId, display_name);
			const id = String(state.nextDestinationId++);
			const destination = { id, team_id: teamId, display_name, type, auth_method, fields };
			state.destinations.set(id, destination);
			return {
				status: 201,
				data: info(destination),
				headers: { Location: `${baseUrl}/teams/${teamId}/destinations/${id}` },
			};
		},
	},
	{
		method: 'PATCH',
		path: '/teams/:team_id/destinations/batch',
		scope: 'dwh_transfers_write',
		// Only in the newest reference: ApiKeyAuth there, Authorization: Bearer.
		auth: 'bearer',
		handle({ params, body, state, now }) {
			const teamId = int64Id('team_id', params.team_id);
			const { type, updates } = readRotations(body);
			const results = updates.map((update) => rotate(state, teamId, type, update, now));
			return { status: 200, data: { has_errors: results.some((r) => r.status === 'error'), results } };
		},
	},
	{
		method: 'POST',
		path: '/teams/:team_id/destinations/test-connection',
		scope: 'dwh_transfers_write',
		handle({ params, body, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const { fields, method, newPassword, input } = readBody(body, ['destination_id', 'new_password']);
			const destinationId = integer(input, 'destination_id', { required: false, min: 1 });
			let tested = fields;
			if (destinationId !== undefined) {
				const stored = state.destinations.get(String(destinationId));
				if (!stored || stored.team_id !== teamId) throw new ApiError(422, { description: `Destination ${destinationId} does not exist in team ${teamId}.` });
				tested = { ...stored.fields, ...fields };
			}
			return { status: 200, data: tryConnection(withNewSecret(tested, method, newPassword)) };
		},
	},
	{
		method: 'GET',
		path: '/teams/:team_id/destinations/:destination_id',
		scope: 'dwh_transfers_read',
		handle({ params, state }) {
			const destination = find(state, int64Id('team_id', params.team_id), int32Id('destination_id', params.destination_id));
			return { status: 200, data: info(destination) };
		},
	},
	{
		method: 'PUT',
		path: '/teams/:team_id/destinations/:destination_id',
		scope: 'dwh_transfers_write',
		handle({ params, body, state }) {
			const destination = find(state, int64Id('team_id', params.team_id), int32Id('destination_id', params.destination_id));
			const { type, display_name, auth_method, method, fields, newPassword } = readBody(body, ['new_password']);
			// Secrets are write-only: an update that leaves one out keeps the stored one.
			const storedSecrets = new Set(setupFields(destination.type, findAuthMethod(destination.type, destination.auth_method)).filter(isSecret).map((field) => field.id));
			const kept = Object.fromEntries(Object.entries(destination.fields).filter(([key]) => storedSecrets.has(key)));
			const updated = withNewSecret({ ...kept, ...fields }, method, newPassword);
			checkSetup(type, method, updated);
			Object.assign(destination, { type, display_name, auth_method, fields: updated });
			return { status: 200, data: info(destination) };
		},
	},
	{
		method: 'DELETE',
		path: '/teams/:team_id/destinations/:destination_id',
		scope: 'dwh_transfers_write',
		handle({ params, state }) {
			const destination = find(state, int64Id('team_id', params.team_id), int32Id('destination_id', params.destination_id));
			const users = usedBy(state, destination);
			if (users.length) {
				throw new ApiError(409, { description: `Destination ${destination.id} is used by transfer(s) ${users.map((t) => t.transfer_id).join(', ')}; delete or move them first.` });
			}
			state.destinations.delete(destination.id);
			return { status: 204, body: '' };
		},
	},
	{
		method: 'GET',
		path: '/teams/:team_id/destinations/:destination_id/usage',
		scope: 'dwh_transfers_read',
		handle({ params, state }) {
			const destination = find(state, int64Id('team_id', params.team_id), int32Id('destination_id', params.destination_id));
			const transfers = usedBy(state, destination).map((t) => ({ transfer_id: Number(t.transfer_id), transfer_name: t.display_name }));
			return { status: 200, data: { is_used: transfers.length > 0, transfers } };
		},
	},
];
