import type { IDataObject, IExecuteFunctions, INode, ResourceMapperField } from 'n8n-workflow';

import { checkInteger, checkOption, checkText, INT32_MAX } from '../validation';
import type { FieldName } from '../validation';

/**
 * The Settings form (a resource mapper over the destination type's setup schema) as sent: each
 * value checked against the field it was given for, as the API's SetupSetting allows values
 * (text up to 1000 characters, an int32, true or false, a select's own option).
 */

/** SetupSetting.value: a string of at most 1000 characters. */
const MAX_TEXT = 1000;
const INT32 = Number(INT32_MAX);

export interface TypeSettings {
	/** Setting ids and their checked values, in the form's order. */
	entries: Array<[string, unknown]>;
	/** The form's required fields, to be found filled in once all settings are merged. */
	required: Array<[id: string, name: FieldName]>;
}

export const settingName = (id: string, field?: ResourceMapperField): FieldName => ({
	displayName: `Settings: ${field?.displayName ?? id}`,
	apiName: `fields.${id}`,
});

function checkValue(node: INode, field: ResourceMapperField | undefined, id: string, value: unknown, itemIndex: number): unknown {
	const name = settingName(id, field);
	if (field?.type === 'number') return checkInteger(node, name, value, itemIndex, -INT32 - 1, INT32);
	if (field?.type === 'boolean') {
		return typeof value === 'boolean' ? value : checkOption(node, name, value, itemIndex, ['true', 'false']) === 'true';
	}
	if (field?.type === 'options' && field.options?.length) {
		const chosen = checkOption(node, name, String(value), itemIndex, field.options.map((o) => String(o.value)));
		return field.options.find((o) => String(o.value) === chosen)?.value;
	}
	return checkText(node, name, value, itemIndex, { maxLength: MAX_TEXT, required: false });
}

/**
 * The form's values for one item. Its field list (saved with the workflow from the API's schema)
 * is read as stored, never evaluated as an expression: it is the API's text, not the user's.
 * The values are the user's, expressions resolved; n8n's own value checks are skipped for the
 * node's, which name the field, the value and the item.
 */
export function typeSettings(this: IExecuteFunctions, itemIndex: number): TypeSettings {
	const node = this.getNode();
	const stored = this.getNodeParameter('typeSettings.schema', itemIndex, [], { rawExpressions: true });
	const schema = (Array.isArray(stored) ? stored : []).filter(
		(field): field is ResourceMapperField => typeof field === 'object' && field !== null && typeof field.id === 'string',
	);
	const byId = new Map(schema.map((field) => [field.id, field]));
	const given = this.getNodeParameter('typeSettings.value', itemIndex, null, { skipValidation: true });
	const values = (typeof given === 'object' && given !== null && !Array.isArray(given) ? given : {}) as IDataObject;

	const entries: Array<[string, unknown]> = [];
	for (const [id, value] of Object.entries(values)) {
		if (value === null || value === undefined || value === '') continue;
		const checked = checkValue(node, byId.get(id), id, value, itemIndex);
		if (checked !== undefined) entries.push([id, checked]);
	}
	const required = schema
		.filter((f) => f.required && f.display !== false && f.removed !== true)
		.map((f): [string, FieldName] => [f.id, settingName(f.id, f)]);
	return { entries, required };
}
