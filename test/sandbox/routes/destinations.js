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

module.exports = [
	{
		method: 'GET',
		path: '/teams/:team_id/destinations',
		scope: 'dwh_transfers_read',
		reset(state) {
			state.destinations = new Map();
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
		handle({ params, state }) {
			const teamId = int64Id('team_id', params.team_id);
			const data = [...state.destinations.values()]
				.filter((d) => d.team_id === teamId)
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
