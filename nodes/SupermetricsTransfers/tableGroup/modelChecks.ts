import type { IDataObject, INode } from 'n8n-workflow';

import { isObject } from '../transport';
import { DATA_MODEL, invalid } from '../validation';
import { VERSIONS } from './group';

/**
 * A table group's data model checked against the reference's schemas (Import's and Edit's
 * request bodies: TableGroupImport, TableDefinition, FieldDefinition) before anything is sent, and
 * made into the body those operations take. Each refusal names the property by its path in the
 * model (e.g. tables[2].table_name), its value and the item.
 */

/** The schemas' maxLength and maxItems. */
const MAX = {
	groupName: 255,
	dsId: 50,
	tablePrefix: 15,
	tables: 1000,
	tableName: 255,
	reportType: 255,
	tableFields: 1000,
	fieldId: 100,
	fields: 10000,
	targetName: 255,
};
const PARTITIONS = ['date', 'none'];

/**
 * What Export gives and Import and Edit do not take, removed so that an exported file imports (or
 * replaces a group) as it is: FieldDefinition's readOnly properties, and the group's group_id
 * (TableGroupExport has it, TableGroupImport not; the node's Export item also carries it on top).
 */
const READ_ONLY_FIELD_PROPERTIES = ['field_name', 'display_name', 'data_type'];

/** Edit's prose: "not yet supported on this endpoint and will be rejected with 422 if present". */
const NOT_ON_EDIT = ['ignore_errors', 'ds_settings'];

export type ModelOperation = 'import' | 'edit';

/** Where the model came from and for what, for the refusals. */
interface Reading {
	node: INode;
	itemIndex: number;
	/** E.g. `In the data model from binary field "data".` */
	where: string;
	operation: ModelOperation;
}

/** A value as a refusal shows it: text cut after 100 characters, a list or an object named, not printed. */
function brief(value: unknown): unknown {
	if (typeof value === 'string') return value.length > 100 ? `${value.slice(0, 100)}…` : value;
	if (Array.isArray(value)) return `a list of ${value.length}`;
	return isObject(value) ? 'an object' : value;
}

function refuse(reading: Reading, path: string, value: unknown, rule: string): Error {
	const key = /([A-Za-z_]+)(\[\d+\])?$/.exec(path)?.[1] ?? path;
	return invalid(reading.node, { displayName: key, apiName: path }, brief(value), reading.itemIndex, rule, reading.where);
}

/** A string within `max` characters; `required`: present and not blank. Null or absent: undefined. */
function text(reading: Reading, path: string, value: unknown, max: number, required: boolean): string | undefined {
	if (value === undefined || value === null) {
		if (required) throw refuse(reading, path, value, 'is required');
		return undefined;
	}
	if (typeof value !== 'string') throw refuse(reading, path, value, 'must be text');
	if (required && value.trim() === '') throw refuse(reading, path, value, 'is required');
	if (value.length > max) throw refuse(reading, path, value, `must be at most ${max} characters (it has ${value.length})`);
	return value;
}

function object(reading: Reading, path: string, value: unknown): IDataObject {
	if (!isObject(value)) throw refuse(reading, path, value, value === undefined ? 'is required' : 'must be an object');
	return value;
}

function list(reading: Reading, path: string, value: unknown, max: number): unknown[] {
	if (!Array.isArray(value)) throw refuse(reading, path, value, value === undefined ? 'is required' : 'must be a list');
	if (value.length > max) throw refuse(reading, path, value, `may have at most ${max} entries`);
	return value;
}

/** Edit refuses these wherever they stand; the node says so before sending. */
function refuseNotOnEdit(reading: Reading, path: string, value: IDataObject): void {
	if (reading.operation !== 'edit') return;
	const found = NOT_ON_EDIT.find((key) => key in value);
	if (found) {
		throw refuse(reading, `${path}${path ? '.' : ''}${found}`, value[found], 'is not taken by Table Group → Edit (the API answers 422): remove it');
	}
}

/** An object's properties but `drop`, and those set (null for an optional one means "not given"). */
function without(value: IDataObject, drop: string[], set: IDataObject): IDataObject {
	const kept = Object.entries(value).filter(([key]) => !drop.includes(key) && !(key in set));
	const given = Object.entries(set).filter(([, v]) => v !== undefined);
	return Object.fromEntries([...kept, ...given]);
}

function group(reading: Reading, value: unknown): IDataObject {
	const given = object(reading, 'group', value);
	refuseNotOnEdit(reading, 'group', given);
	const checked = {
		group_name: text(reading, 'group.group_name', given.group_name, MAX.groupName, true),
		ds_id: text(reading, 'group.ds_id', given.ds_id, MAX.dsId, true),
		table_prefix: text(reading, 'group.table_prefix', given.table_prefix, MAX.tablePrefix, false),
	};
	return without(given, ['group_id'], checked);
}

function table(reading: Reading, path: string, value: unknown): IDataObject {
	const given = object(reading, path, value);
	refuseNotOnEdit(reading, path, given);
	const partition = given.table_partition;
	if (partition !== undefined && partition !== null && !PARTITIONS.includes(partition as string)) {
		throw refuse(reading, `${path}.table_partition`, partition, `must be one of ${PARTITIONS.join(', ')}`);
	}
	const fields = list(reading, `${path}.fields`, given.fields, MAX.tableFields);
	fields.forEach((field, i) => text(reading, `${path}.fields[${i}]`, field, MAX.fieldId, true));
	const checked = {
		table_name: text(reading, `${path}.table_name`, given.table_name, MAX.tableName, true),
		table_partition: partition ?? undefined,
	};
	// report_type is nullable: null is sent as given.
	if (given.report_type !== null) text(reading, `${path}.report_type`, given.report_type, MAX.reportType, false);
	return without(given, [], checked);
}

function field(reading: Reading, path: string, value: unknown): IDataObject {
	const given = object(reading, path, value);
	refuseNotOnEdit(reading, path, given);
	const checked = {
		field_id: text(reading, `${path}.field_id`, given.field_id, MAX.fieldId, true),
		target_name: text(reading, `${path}.target_name`, given.target_name, MAX.targetName, false),
	};
	return without(given, READ_ONLY_FIELD_PROPERTIES, checked);
}

/** A checked data model: the body, and the group an exported model came from (its group_id). */
export interface CheckedModel {
	body: IDataObject;
	exportedFrom?: string;
}

/**
 * The body for Import or Edit from a data model (Export's answer, a file of it, or one of your
 * own): checked, with what Export alone gives removed. `version` stays when the model has it,
 * checked (1 to 100); where it goes is the operation's (model.ts).
 */
export function checkModel(reading: Reading, model: unknown): CheckedModel {
	if (!isObject(model)) {
		throw invalid(reading.node, DATA_MODEL, brief(model), reading.itemIndex, 'must be a JSON object with version, group, tables and fields', reading.where);
	}
	const given = model;
	refuseNotOnEdit(reading, '', given);
	const version = given.version;
	if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < VERSIONS.min || version > VERSIONS.max)) {
		throw refuse(reading, 'version', version, `must be a whole number from ${VERSIONS.min} to ${VERSIONS.max}`);
	}
	const checkedGroup = group(reading, given.group);
	const tables = list(reading, 'tables', given.tables, MAX.tables).map((entry, i) => table(reading, `tables[${i}]`, entry));
	// Left out, fields means none (Edit: "Omitting fields clears all field mappings"); null is refused.
	const fields =
		given.fields === undefined
			? undefined
			: list(reading, 'fields', given.fields, MAX.fields).map((entry, i) => field(reading, `fields[${i}]`, entry));
	const named = [isObject(given.group) ? given.group.group_id : undefined, given.group_id].find((id) => typeof id === 'string' && id !== '');
	const body = without(given, ['group_id', 'fields'], { group: checkedGroup, tables, fields });
	return { body, exportedFrom: named as string | undefined };
}
