'use strict';
/**
 * Table Groups (newest reference, Management API Reference 2.0.0, tag Table Groups) on the
 * Supermetrics API's origin under /enterprise/v2 (its server https://api.supermetrics.com/enterprise/v2):
 * List, Export, Import and Edit the team's table groups, the team being the key's. A group has a
 * string id (tg_…) and a numeric schema_id (1 to 10000000), which a transfer takes as its schema_id
 * (transferConfig.js). ApiKeyAuth without scopes on all four, so no scope is checked; only Bearer
 * (the older files have no table groups). Errors are the bodies each operation declares:
 * - flat {error, message}: 404 TABLE_GROUP_NOT_FOUND (Export, Import, Edit), 500
 *   TABLE_GROUP_SEARCH_FAILED (List, Export), and on Import 400 TABLE_GROUP_IMPORT_ERROR, 409
 *   TABLE_GROUP_NAME_CONFLICT, 500 TABLE_GROUP_CREATE_FAILED;
 * - the {meta, error} envelope for the rest: 401, 422 and 429 everywhere, and Edit's 400, 403, 500.
 * Where the reference leaves it open: a body breaking the schema (type, length, enum, required) is a
 * 422 UnprocessableEntity ("validation failed for the request parameters"), as on the logins paths;
 * a data model that is well-formed but does not hold together (no table, a table name twice, a field
 * definition for a field no table has, …) is Import's 400 TABLE_GROUP_IMPORT_ERROR and Edit's 400
 * BadRequest; a body that is not JSON is each one's 400.
 *
 * `version` ("Data model version", 1 to 100): read as the version of the data model's format, not
 * a revision counter. TableGroup (List, and Import's and Edit's answers) carries no version, so a
 * client could not know a revision to ask Export for; Export takes the version the caller wants
 * the data in and answers with it, Import and Edit take the version of the data sent and keep it
 * (the group's `modelVersion`, which its links.enclosure href asks Export for). The sandbox knows
 * one format, so every version from 1 to 100 reads and writes the same tables and fields. Each Edit
 * counts up the group's `revision` (1 at Import) in state.tableGroups, for a test to see that an
 * edit landed; the API shows no revision.
 *
 * Where Edit takes `version`: the newest reference is consistent for Edit itself. Its parameter
 * list declares `version` a required query parameter, its body schema has no `version`, and its
 * prose says "The data model `version` is specified via the required query parameter, not in the
 * request body". The disagreement is between operations: the same prose calls Edit's body "the
 * same {group, tables, fields} structure that Import accepts and Export returns", and Import takes
 * `version` in its body (required) while Export returns it in its body. So a client following the
 * "export → edit → PUT" workflow may send it in the body. The sandbox takes it in the query (the
 * parameter list) or in the body (Import's and Export's place); both given must agree; neither is a 422.
 */
const { ApiError } = require('../http');
const { DATA_SOURCES } = require('../catalog');
const { iso } = require('../clock');
const { jsonObject, string, integer, array, oneOf, unprocessable, loginsId, queryInteger } = require('../validate');

const PREFIX = '/enterprise/v2';
const MAX_LISTED = 1000;
const MAX_SCHEMA_ID = 10000000;
const VERSION = { min: 1, max: 100 };
const PARTITIONS = ['date', 'none'];

/** The flat bodies the reference gives the Table Groups operations, by status. */
const NOT_FOUND = ['TABLE_GROUP_NOT_FOUND', 'Table group not found.'];
const SEARCH_FAILED = ['TABLE_GROUP_SEARCH_FAILED', 'Table group search failed.'];

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** "Enforced into upper snake case": words split at spaces, punctuation and lower-to-upper case changes. */
function upperSnake(text) {
	return text
		.trim()
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.replace(/[^A-Za-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.toUpperCase();
}

/** "Defaults to field ID in lower snake case". */
const lowerSnake = (text) => upperSnake(text).toLowerCase();

/** A schema check at a place in the body: its 400 told with the place, as a 422 by `unprocessable`. */
function at(place, check) {
	try {
		return check();
	} catch (error) {
		if (error instanceof ApiError) throw new ApiError(error.status, { description: `${place}: ${error.description}` });
		throw error;
	}
}

function maxItems(list, name, max) {
	if (list.length > max) throw new ApiError(400, { description: `The field '${name}' takes at most ${max} entries, not ${list.length}.` });
}

/** A model problem: Import's 400 TABLE_GROUP_IMPORT_ERROR, Edit's 400 BadRequest. */
const modelError = (description) => new ApiError(400, { description });

/**
 * {group, tables, fields} checked against TableGroupImport, TableDefinition and FieldDefinition (a
 * 422 for what breaks them), then as a data model (a 400): at least one table, each with at least
 * one field and a name that stays its own once in upper snake case; no field id twice in a table or
 * in `fields`; every field definition for a field some table has. readOnly properties of a field
 * (field_name, display_name, data_type, as Export gives them) are ignored; so is anything else the
 * schemas do not declare (none of them forbids more).
 */
function readModel(input) {
	const model = unprocessable(() => {
		if (!isObject(input.group)) throw new ApiError(400, { description: "The field 'group' is required and must be an object." });
		const group = input.group;
		const name = at('group', () => string(group, 'group_name', { maxLength: 255 }));
		if (name.trim() === '') throw new ApiError(400, { description: "group: The field 'group_name' must not be empty." });
		const dsId = at('group', () => string(group, 'ds_id', { maxLength: 50 }));
		const prefix = at('group', () => string(group, 'table_prefix', { required: false, maxLength: 15 }));
		const tables = array(input, 'tables');
		maxItems(tables, 'tables', 1000);
		const readTables = tables.map((table, i) =>
			at(`tables[${i}]`, () => {
				if (!isObject(table)) throw new ApiError(400, { description: 'must be an object.' });
				const tableName = string(table, 'table_name', { maxLength: 255 });
				const partition = string(table, 'table_partition', { required: false, maxLength: 50 });
				if (partition !== undefined) oneOf(partition, 'table_partition', PARTITIONS);
				const reportType = string(table, 'report_type', { required: false, maxLength: 255 });
				const fields = array(table, 'fields');
				maxItems(fields, 'fields', 1000);
				fields.forEach((field, j) => {
					if (typeof field !== 'string' || field.length > 100) throw new ApiError(400, { description: `fields[${j}] must be a field id, a string of at most 100 characters.` });
				});
				return { table_name: tableName, table_partition: partition ?? 'date', report_type: reportType ?? null, fields: [...fields] };
			}),
		);
		const fields = array(input, 'fields', { required: false }) ?? [];
		maxItems(fields, 'fields', 10000);
		const readFields = fields.map((field, i) =>
			at(`fields[${i}]`, () => {
				if (!isObject(field)) throw new ApiError(400, { description: 'must be an object.' });
				const fieldId = string(field, 'field_id', { maxLength: 100 });
				const targetName = string(field, 'target_name', { required: false, maxLength: 255 });
				return targetName === undefined ? { field_id: fieldId } : { field_id: fieldId, target_name: targetName };
			}),
		);
		const tablePrefix = prefix === undefined ? undefined : upperSnake(prefix);
		if (tablePrefix !== undefined && tablePrefix.length > 15) {
			throw new ApiError(400, { description: `group: table_prefix '${prefix}' is '${tablePrefix}' in upper snake case, past the 15 characters it may have.` });
		}
		return { name, ds_id: dsId, table_prefix: tablePrefix || undefined, tables: readTables, fields: readFields };
	});
	if (!DATA_SOURCES[model.ds_id]) throw new ApiError(422, { description: `group: unknown ds_id '${model.ds_id}'.` });
	if (model.tables.length === 0) throw modelError('A table group needs at least one table.');
	const tableNames = new Set();
	const inTables = new Set();
	for (const table of model.tables) {
		const given = table.table_name;
		table.table_name = upperSnake(given);
		if (!table.table_name) throw modelError(`The table name '${given}' has nothing left in upper snake case.`);
		if (tableNames.has(table.table_name)) throw modelError(`Two tables are named ${table.table_name} (in upper snake case).`);
		tableNames.add(table.table_name);
		if (table.fields.length === 0) throw modelError(`Table ${table.table_name} needs at least one field.`);
		const own = new Set();
		for (const field of table.fields) {
			if (own.has(field)) throw modelError(`Table ${table.table_name} lists the field '${field}' twice.`);
			own.add(field);
			inTables.add(field);
		}
	}
	const defined = new Set();
	for (const field of model.fields) {
		if (defined.has(field.field_id)) throw modelError(`The field '${field.field_id}' is defined twice in fields.`);
		defined.add(field.field_id);
		if (!inTables.has(field.field_id)) throw modelError(`The field '${field.field_id}' appears in no table; a field definition is for a field one of the tables has.`);
	}
	return model;
}

function findGroup(state, teamId, id) {
	const group = state.tableGroups.get(id);
	if (!group || group.team_id !== teamId) throw new ApiError(404, { description: `Table group ${id} was not found.` });
	return group;
}

function nameTaken(state, teamId, name, exceptId) {
	return [...state.tableGroups.values()].find((g) => g.team_id === teamId && g.group_id !== exceptId && g.name === name);
}

/** The TableGroup schema. */
function view(group, baseUrl) {
	return {
		'@type': 'table_group',
		group_id: group.group_id,
		schema_id: group.schema_id,
		name: group.name,
		links: { enclosure: { href: `${baseUrl}${PREFIX}/table/group/${group.group_id}/export?version=${group.modelVersion}` } },
	};
}

const words = (id) => upperSnake(id).split('_').filter(Boolean);

/** A field's readOnly properties, as the sandbox's data sources describe their fields. */
function fieldView(fieldId, mapping) {
	const name = words(fieldId).map((w) => w[0] + w.slice(1).toLowerCase()).join(' ') || fieldId;
	const lower = fieldId.toLowerCase();
	const dataType = /date/.exec(lower) ? 'DATE' : /(cost|revenue|spend|rate|ctr|cpc)/.exec(lower) ? 'FLOAT' : /(users|sessions|impressions|clicks|views|conversions|count)/.exec(lower) ? 'INTEGER' : 'STRING';
	return {
		field_id: fieldId,
		field_name: fieldId,
		display_name: name.slice(0, 255),
		target_name: (mapping?.target_name ?? lowerSnake(fieldId)).slice(0, 255),
		data_type: dataType,
	};
}

/** Export's body, not wrapped in {meta, data}: the data model in `version`, every field of its tables once. */
function exportView(group, version) {
	const mappings = new Map(group.fields.map((f) => [f.field_id, f]));
	const seen = new Set();
	const fields = [];
	for (const table of group.tables) {
		for (const fieldId of table.fields) {
			if (seen.has(fieldId)) continue;
			seen.add(fieldId);
			fields.push(fieldView(fieldId, mappings.get(fieldId)));
		}
	}
	const exported = { group_id: group.group_id, group_name: group.name, ds_id: group.ds_id, table_prefix: group.table_prefix };
	if (exported.table_prefix === undefined) delete exported.table_prefix;
	return { version, group: exported, tables: structuredClone(group.tables), fields };
}

/**
 * Edit's version: the query's (its parameter list) or the body's (where Import takes it and Export
 * writes it); see the file's comment.
 */
function editVersion(query, input) {
	const fromQuery = queryInteger(query, 'version', { ...VERSION, fallback: undefined });
	const fromBody = unprocessable(() => integer(input, 'version', { required: false, ...VERSION }));
	if (fromQuery === undefined && fromBody === undefined) throw new ApiError(422, { description: "The query parameter 'version' is required." });
	if (fromQuery !== undefined && fromBody !== undefined && fromQuery !== fromBody) {
		throw new ApiError(422, { description: `The query's version ${fromQuery} and the body's version ${fromBody} disagree.` });
	}
	return fromQuery ?? fromBody;
}

/** The two seeded groups of team 12345 (ids from the reference's examples, tg_123 and tg_99999). */
function seed(state, now) {
	const groups = [
		{
			group_id: 'tg_123', schema_id: 90123, name: 'Marketing Analytics', ds_id: 'GAWA', table_prefix: 'MKT',
			tables: [{ table_name: 'SESSIONS', table_partition: 'date', report_type: null, fields: ['session_id', 'date', 'users'] }],
			fields: [
				{ field_id: 'session_id', target_name: 'session_id' },
				{ field_id: 'date', target_name: 'session_date' },
				{ field_id: 'users', target_name: 'user_count' },
			],
		},
		{
			group_id: 'tg_99999', schema_id: 99999, name: 'Google Ads performance', ds_id: 'AW', table_prefix: 'ADS',
			tables: [
				{ table_name: 'CAMPAIGNS', table_partition: 'date', report_type: null, fields: ['Date', 'CampaignName', 'Impressions', 'Clicks', 'Cost'] },
				{ table_name: 'AD_GROUPS', table_partition: 'date', report_type: null, fields: ['Date', 'CampaignName', 'AdGroupName', 'Impressions', 'Clicks'] },
			],
			fields: [],
		},
	];
	for (const group of groups) {
		state.tableGroups.set(group.group_id, { ...group, team_id: '12345', modelVersion: 1, revision: 1, created_time: iso(now), updated_time: iso(now) });
	}
}

module.exports = [
	{
		method: 'GET',
		path: `${PREFIX}/table/groups`,
		api: 'logins',
		auth: 'bearer',
		plainErrors: { 500: SEARCH_FAILED },
		reset(state, now) {
			state.tableGroups = new Map();
			state.nextTableGroupId = 100000;
			state.nextSchemaId = 100000;
			seed(state, now);
		},
		handle({ key, state, baseUrl }) {
			const groups = [...state.tableGroups.values()].filter((g) => g.team_id === String(key.teamId));
			return { status: 200, data: groups.slice(0, MAX_LISTED).map((g) => view(g, baseUrl)) };
		},
	},
	{
		method: 'GET',
		path: `${PREFIX}/table/group/:group_id/export`,
		api: 'logins',
		auth: 'bearer',
		plainErrors: { 404: NOT_FOUND, 500: SEARCH_FAILED },
		handle({ params, query, key, state }) {
			const id = loginsId('group_id', params.group_id);
			if (query.version === undefined) throw new ApiError(422, { description: "The query parameter 'version' is required." });
			const version = queryInteger(query, 'version', { ...VERSION, fallback: undefined });
			const group = findGroup(state, String(key.teamId), id);
			return { status: 200, body: exportView(group, version) };
		},
	},
	{
		method: 'POST',
		path: `${PREFIX}/table/group/import`,
		api: 'logins',
		auth: 'bearer',
		invalidBodyStatus: 400,
		plainErrors: {
			400: ['TABLE_GROUP_IMPORT_ERROR', 'Table group import failed.'],
			404: NOT_FOUND,
			409: ['TABLE_GROUP_NAME_CONFLICT', 'A table group with this name already exists.'],
			500: ['TABLE_GROUP_CREATE_FAILED', 'Table group could not be created.'],
		},
		handle({ body, key, state, now, baseUrl }) {
			const input = unprocessable(() => jsonObject(body));
			const version = unprocessable(() => integer(input, 'version', VERSION));
			const model = readModel(input);
			const teamId = String(key.teamId);
			const taken = nameTaken(state, teamId, model.name);
			if (taken) throw new ApiError(409, { description: `Table group ${taken.group_id} is already named '${model.name}'.` });
			if (state.nextSchemaId > MAX_SCHEMA_ID) throw new ApiError(500, { description: 'No schema id is left for a new table group.' });
			const id = `tg_${state.nextTableGroupId++}`;
			const group = { group_id: id, schema_id: state.nextSchemaId++, ...model, team_id: teamId, modelVersion: version, revision: 1, created_time: iso(now), updated_time: iso(now) };
			state.tableGroups.set(id, group);
			return { status: 201, data: view(group, baseUrl), headers: { Location: `${baseUrl}${PREFIX}/table/group/${id}` } };
		},
	},
	{
		method: 'PUT',
		path: `${PREFIX}/table/group/:group_id`,
		api: 'logins',
		auth: 'bearer',
		invalidBodyStatus: 400,
		plainErrors: { 404: NOT_FOUND },
		handle({ params, query, body, key, state, now, baseUrl }) {
			const id = loginsId('group_id', params.group_id);
			const teamId = String(key.teamId);
			const group = findGroup(state, teamId, id);
			const input = unprocessable(() => jsonObject(body));
			for (const name of ['ignore_errors', 'ds_settings']) {
				// "not yet supported on this endpoint and will be rejected with 422 if present".
				if (name in input) throw new ApiError(422, { description: `The property '${name}' is not supported on Edit.` });
			}
			const version = editVersion(query, input);
			// Export's group carries group_id; sent back, it must be this group's.
			if (isObject(input.group) && input.group.group_id !== undefined && input.group.group_id !== id) {
				throw new ApiError(422, { description: `group.group_id '${String(input.group.group_id).slice(0, 60)}' is not ${id}, the group being edited.` });
			}
			const model = readModel(input);
			const taken = nameTaken(state, teamId, model.name, id);
			// Edit declares no 409: a name another group has is a 400 BadRequest, a model that cannot be.
			if (taken) throw new ApiError(400, { description: `Table group ${taken.group_id} is already named '${model.name}'.` });
			// A full replace: what the body leaves out (table_prefix, fields) is gone.
			Object.assign(group, { ...model, table_prefix: model.table_prefix, modelVersion: version, revision: group.revision + 1, updated_time: iso(now) });
			return { status: 200, data: view(group, baseUrl) };
		},
	},
];
