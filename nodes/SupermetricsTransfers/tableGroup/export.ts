import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { integerParam, textParam } from '../params';
import { dtsObject, isObject } from '../transport';
import type { RequestSettings } from '../transport';
import { ItemWithFile } from '../types';
import { MODEL_VERSION, OUTPUT_BINARY_FIELD } from '../validation';
import { groupIdParam, groupPath, notFound, tableGroupIdField, VERSIONS } from './group';

const show = { show: { resource: ['tableGroup'], operation: ['export'] } };

export const fields: INodeProperties[] = [
	tableGroupIdField(show, 'The table group to export (group_id, e.g. tg_123). Pick one of the team\'s table groups or type its ID.'),
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		required: true,
		typeOptions: { minValue: VERSIONS.min, maxValue: VERSIONS.max },
		default: 1,
		description: 'The data model version to export in (version), 1 to 100',
		displayOptions: show,
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the data model file (JSON) in',
		displayOptions: show,
	},
];

/** Characters a file name may not hold on common systems, and control characters. */
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\p{Cc}]+/gu;

/** `<group name>.json` (or the group_id's), safe as a file name on any system. */
export function fileName(name: string): string {
	const safe = name.replace(NOT_IN_FILE_NAMES, '_').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 200);
	return `${safe || 'table-group'}.json`;
}

/**
 * GET /table/group/{group_id}/export?version=: the group's data model (version, group, tables,
 * fields; the reference's answer is bare, not wrapped, and either is read), handed on as the
 * item's json, with the group_id asked for first, and as a JSON file in its binary data, named
 * after the group, that Table Group → Import and Edit take as it is.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, settings: RequestSettings): Promise<ItemWithFile> {
	const groupId = groupIdParam.call(this, itemIndex);
	const version = integerParam.call(this, 'version', MODEL_VERSION, itemIndex, VERSIONS.min, VERSIONS.max);
	const property = textParam.call(this, 'binaryPropertyName', OUTPUT_BINARY_FIELD, itemIndex, { maxLength: 1000 }) as string;
	const call = { api: 'tableGroups' as const, method: 'GET' as const, path: `${groupPath(groupId)}/export`, qs: { version }, explain: notFound(groupId) };
	const model = await dtsObject.call(this, call, settings, itemIndex);
	const group: IDataObject = isObject(model.group) ? model.group : {};
	const named = [group.group_name, group.group_id].find((name) => typeof name === 'string' && name.trim() !== '');
	const text = `${JSON.stringify(model, null, 2)}\n`;
	const file = await this.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), fileName(String(named ?? groupId)), 'application/json');
	return new ItemWithFile({ group_id: groupId, ...model }, { [property]: file });
}
