import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalIntegerParam, optionParam, textParam } from '../params';
import { MAX_ANSWER_BYTES, parseJson } from '../transport';
import { DATA_MODEL, DATA_MODEL_FROM, INPUT_BINARY_FIELD, invalid, MODEL_VERSION } from '../validation';
import type { FieldName } from '../validation';
import { VERSIONS } from './group';
import { checkModel } from './modelChecks';
import type { ModelOperation } from './modelChecks';

/**
 * Import's and Edit's data model, from a JSON field or from a file in the input item's binary
 * data (as n8n's nodes that take either), checked (modelChecks.ts), with its version.
 */

const SOURCES = ['json', 'binary'] as const;

/** The Data Model field's default: the shape to fill in, refused until group_name and ds_id are. */
const SKELETON = JSON.stringify(
	{ version: 1, group: { group_name: '', ds_id: '' }, tables: [{ table_name: '', table_partition: 'date', fields: [] }], fields: [] },
	null,
	2,
);

export function modelFields(show: IDisplayOptions, operation: ModelOperation): INodeProperties[] {
	const only = (source: (typeof SOURCES)[number]): IDisplayOptions => ({ show: { ...show.show, dataModelFrom: [source] } });
	const what = operation === 'import' ? 'The new table group' : 'The whole table group, replacing it (tables and fields left out are removed)';
	return [
		{
			displayName: 'Data Model From',
			name: 'dataModelFrom',
			type: 'options',
			noDataExpression: true,
			default: 'json',
			displayOptions: show,
			options: [
				{ name: 'Binary File', value: 'binary', description: 'A JSON file in the input item, such as Table Group → Export or Read/Write Files from Disk gives' },
				{ name: 'JSON', value: 'json', description: 'JSON typed here or given by an expression, such as the whole item after Table Group → Export' },
			],
		},
		{
			displayName: 'Data Model',
			name: 'dataModel',
			type: 'json',
			required: true,
			default: SKELETON,
			description: `${what}: version, group (group_name, ds_id, table_prefix), tables (table_name, table_partition, report_type, fields) and fields (field_id, target_name), as Table Group → Export gives it`,
			displayOptions: only('json'),
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the input binary field containing the data model file (JSON)',
			description: `${what}, as a JSON file such as Table Group → Export writes`,
			displayOptions: only('binary'),
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Version',
					name: 'version',
					type: 'number',
					typeOptions: { minValue: VERSIONS.min, maxValue: VERSIONS.max },
					default: 1,
					description: 'The data model version (version), 1 to 100. Not added: the data model\'s own. Added: this one, which also replaces the data model\'s.',
				},
			],
		},
	];
}

/** A data model as Import and Edit send it, and its version (from Version, else the model's). */
export interface ModelBody {
	body: IDataObject;
	version: number;
	/** Whether the data model itself carried a version (then still in `body`, set to `version`). */
	carried: boolean;
	/** The group_id an exported data model names (its group's, or the node's Export item's). */
	exportedFrom?: string;
}

/** The text of a JSON data model (or the model itself, an expression's object), and how a refusal names it. */
interface Source {
	given: unknown;
	where: string;
	field: FieldName;
	/** The field's value as a refusal shows it: the binary field's name, or the JSON's start. */
	shown: unknown;
}

function tooLarge(this: IExecuteFunctions, field: FieldName, value: unknown, itemIndex: number, size: string): Error {
	return invalid(this.getNode(), field, value, itemIndex, `holds ${size}, more than the ${MAX_ANSWER_BYTES} bytes a data model may have (the node's limit on the API's answers, so every exported model fits)`);
}

async function fromBinary(this: IExecuteFunctions, itemIndex: number): Promise<Source> {
	const name = textParam.call(this, 'binaryPropertyName', INPUT_BINARY_FIELD, itemIndex, { maxLength: 1000 }) as string;
	const binary = this.getInputData()[itemIndex]?.binary ?? {};
	const file = binary[name];
	if (!file) {
		const fields = Object.keys(binary);
		const hint = fields.length
			? `The item's binary fields: ${fields.join(', ')}.`
			: 'The item has no binary data: read the file first (e.g. Read/Write Files from Disk), or take the data model from JSON.';
		throw invalid(this.getNode(), INPUT_BINARY_FIELD, name, itemIndex, 'names no binary field of this item', hint);
	}
	if ((file.bytes ?? 0) > MAX_ANSWER_BYTES) throw tooLarge.call(this, INPUT_BINARY_FIELD, name, itemIndex, `${file.bytes} bytes`);
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, name);
	if (buffer.length > MAX_ANSWER_BYTES) throw tooLarge.call(this, INPUT_BINARY_FIELD, name, itemIndex, `${buffer.length} bytes`);
	const where = `In the data model file of binary field "${name}"${file.fileName ? ` (${file.fileName})` : ''}.`;
	return { given: buffer.toString('utf8'), where, field: INPUT_BINARY_FIELD, shown: name };
}

function fromJson(this: IExecuteFunctions, itemIndex: number): Source {
	const given = this.getNodeParameter('dataModel', itemIndex, '') as unknown;
	const shown = typeof given === 'string' && given.length > 40 ? `${given.slice(0, 40)}…` : given;
	if (typeof given === 'string' && given.length > MAX_ANSWER_BYTES) throw tooLarge.call(this, DATA_MODEL, shown, itemIndex, `${given.length} characters`);
	return { given, where: 'In the Data Model field.', field: DATA_MODEL, shown };
}

/**
 * The item's data model, read, parsed in linear time (bounded nesting, transport/read.ts) and
 * checked before anything is sent, and its version: Version when added (it wins, and replaces a
 * version the model has), else the model's own; neither is refused, rather than a version guessed.
 */
export async function modelBody(this: IExecuteFunctions, itemIndex: number, operation: ModelOperation): Promise<ModelBody> {
	const node = this.getNode();
	const from = optionParam.call(this, 'dataModelFrom', DATA_MODEL_FROM, itemIndex, SOURCES);
	const source = from === 'binary' ? await fromBinary.call(this, itemIndex) : fromJson.call(this, itemIndex);
	let model = source.given;
	if (typeof model === 'string') {
		const parsed = parseJson(model);
		if (!parsed.ok) throw invalid(node, source.field, source.shown, itemIndex, `holds no JSON data model: it is ${parsed.reason}`, source.where);
		model = parsed.value;
	}
	const { body, exportedFrom } = checkModel({ node, itemIndex, where: source.where, operation }, model);
	const fromField = optionalIntegerParam.call(this, 'additionalFields.version', MODEL_VERSION, itemIndex, VERSIONS);
	const carried = body.version !== undefined;
	const version = fromField ?? (body.version as number | undefined);
	if (version === undefined) {
		throw invalid(node, MODEL_VERSION, undefined, itemIndex, 'is required', `The data model has no version: give it in the model, or add Version (Additional Fields), e.g. 1. ${source.where}`);
	}
	if (carried) body.version = version;
	return { body, version, carried, exportedFrom };
}
