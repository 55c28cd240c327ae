/**
 * Table Group Import's and Edit's data model held to the reference's schemas before anything is
 * sent (TableGroupImport, TableDefinition, FieldDefinition: required properties, maxLength,
 * maxItems, the partition enum), one rule a test, each refusal naming the property's path, its
 * value and the item; Edit's refusal of ignore_errors and ds_settings and of another group's
 * exported model; the file and the JSON read within a size limit.
 */
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { byId } from './context';
import { runNode } from './harness';
import type { RunResult } from './harness';
import { apiData } from './hostile';
import { scriptedApi } from './scripted';
import { credentialsOf } from './tableGroupSupport';

const api = scriptedApi();
const run = (parameters: Record<string, unknown>, binaries?: Array<Record<string, IBinaryData>>) =>
	runNode({ parameters: { resource: 'tableGroup', ...parameters }, credentials: credentialsOf(api), binaries, continueOnFail: true });
const only = (result: RunResult) => {
	expect(result.output).toHaveLength(1);
	return result.output?.[0].json as IDataObject;
};

const model = (): IDataObject => ({
	version: 1,
	group: { group_name: 'Marketing Analytics', ds_id: 'GAWA', table_prefix: 'MKT' },
	tables: [{ table_name: 'SESSIONS', table_partition: 'date', report_type: null, fields: ['session_id', 'date'] }],
	fields: [{ field_id: 'session_id', target_name: 'session_id' }, { field_id: 'date' }],
});

type Change = (m: IDataObject & { group: IDataObject; tables: IDataObject[]; fields: IDataObject[] }) => void;
const changed = (change: Change) => {
	const m = model() as Parameters<Change>[0];
	change(m);
	return m;
};
const long = (n: number) => 'x'.repeat(n);

beforeEach(() => {
	api.answer = (_req, res) => apiData(res, 201, { group_id: 'tg_1', schema_id: 1 });
});

describe.each(['import', 'edit'])('%s refuses, sending nothing', (operation) => {
	const edit = operation === 'edit' ? { groupId: byId('tg_1') } : {};

	test.each<[string, Change, string]>([
		['version not a whole number', (m) => (m.version = '1'), 'Invalid version "1" in item 0: must be a whole number from 1 to 100'],
		['version past 100', (m) => (m.version = 101), 'Invalid version 101 in item 0: must be a whole number from 1 to 100'],
		['no group', (m) => delete (m as IDataObject).group, 'Invalid group nothing in item 0: is required'],
		['group not an object', (m) => ((m as IDataObject).group = ['x']), 'Invalid group "a list of 1" in item 0: must be an object'],
		['no group_name', (m) => delete m.group.group_name, 'Invalid group_name nothing in item 0: is required'],
		['a blank group_name', (m) => (m.group.group_name = '  '), 'Invalid group_name "  " in item 0: is required'],
		['group_name past 255', (m) => (m.group.group_name = long(256)), 'Invalid group_name "xxxxxxxxxx'],
		['no ds_id', (m) => delete m.group.ds_id, 'Invalid ds_id nothing in item 0: is required'],
		['ds_id past 50', (m) => (m.group.ds_id = long(51)), 'must be at most 50 characters (it has 51)'],
		['ds_id not text', (m) => (m.group.ds_id = 7), 'Invalid ds_id 7 in item 0: must be text'],
		['table_prefix past 15', (m) => (m.group.table_prefix = 'A_VERY_LONG_PREF'), 'Invalid table_prefix "A_VERY_LONG_PREF" in item 0: must be at most 15 characters (it has 16)'],
		['no tables', (m) => delete (m as IDataObject).tables, 'Invalid tables nothing in item 0: is required'],
		['tables not a list', (m) => ((m as IDataObject).tables = {}), 'Invalid tables "an object" in item 0: must be a list'],
		['more than 1000 tables', (m) => (m.tables = Array.from({ length: 1001 }, (_, i) => ({ table_name: `T${i}`, fields: ['date'] }))), 'Invalid tables "a list of 1001" in item 0: may have at most 1000 entries'],
		['a table not an object', (m) => ((m.tables as unknown[])[0] = 'SESSIONS'), 'Invalid tables "SESSIONS" in item 0: must be an object'],
		['no table_name', (m) => delete m.tables[0].table_name, 'Invalid table_name nothing in item 0: is required'],
		['table_name past 255', (m) => (m.tables[0].table_name = long(256)), 'must be at most 255 characters (it has 256)'],
		['table_partition not date or none', (m) => (m.tables[0].table_partition = 'month'), 'Invalid table_partition "month" in item 0: must be one of date, none'],
		['report_type past 255', (m) => (m.tables[0].report_type = long(256)), 'must be at most 255 characters (it has 256)'],
		['a table without fields', (m) => delete m.tables[0].fields, 'Invalid fields nothing in item 0: is required'],
		['more than 1000 fields in a table', (m) => (m.tables[0].fields = Array.from({ length: 1001 }, (_, i) => `f${i}`)), 'Invalid fields "a list of 1001" in item 0: may have at most 1000 entries'],
		['a table field id past 100', (m) => (m.tables[0].fields = [long(101)]), 'must be at most 100 characters (it has 101)'],
		['a table field id not text', (m) => (m.tables[0].fields = [1]), 'Invalid fields 1 in item 0: must be text'],
		['fields null', (m) => ((m as IDataObject).fields = null), 'Invalid fields null in item 0: must be a list'],
		['more than 10000 fields', (m) => (m.fields = Array.from({ length: 10001 }, (_, i) => ({ field_id: `f${i}` }))), 'Invalid fields "a list of 10001" in item 0: may have at most 10000 entries'],
		['a field not an object', (m) => ((m.fields as unknown[])[1] = 'date'), 'Invalid fields "date" in item 0: must be an object'],
		['no field_id', (m) => delete m.fields[1].field_id, 'Invalid field_id nothing in item 0: is required'],
		['field_id past 100', (m) => (m.fields[1].field_id = long(101)), 'must be at most 100 characters (it has 101)'],
		['target_name past 255', (m) => (m.fields[1].target_name = long(256)), 'must be at most 255 characters (it has 256)'],
	])('%s', async (_, change, message) => {
		const item = only(await run({ operation, ...edit, dataModel: JSON.stringify(changed(change)) }));
		expect(item).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringContaining(message) });
		expect(item.description).toContain('Nothing was sent for this item. In the Data Model field.');
		expect(api.received).toEqual([]);
	});

	test('a refusal names the property\'s path in the model', async () => {
		const item = only(await run({ operation, ...edit, dataModel: JSON.stringify(changed((m) => (m.fields[1].target_name = long(300)))) }));
		expect(item.description).toMatch(/^Field: target_name \(fields\[1\]\.target_name\)\. Nothing was sent/);
		expect(item.error).toBe(`Invalid target_name "${long(100)}…" in item 0: must be at most 255 characters (it has 300)`);
	});

	test('a Data Model that is not JSON', async () => {
		const item = only(await run({ operation, ...edit, dataModel: '{"version": 1,' }));
		expect(item).toMatchObject({ code: 'INVALID_INPUT', error: 'Invalid Data Model "{\\"version\\": 1," in item 0: holds no JSON data model: it is not valid JSON' });
		expect(api.received).toEqual([]);
	});

	test('a Data Model that is not an object', async () => {
		const item = only(await run({ operation, ...edit, dataModel: '[1, 2]' }));
		expect(item).toMatchObject({ error: 'Invalid Data Model "a list of 2" in item 0: must be a JSON object with version, group, tables and fields' });
		expect(api.received).toEqual([]);
	});

	test('a Data Model past the size limit', async () => {
		const item = only(await run({ operation, ...edit, dataModel: ' '.repeat(10 * 1024 * 1024 + 1) }));
		expect(item.error).toContain('holds 10485761 characters, more than the 10485760 bytes a data model may have');
		expect(api.received).toEqual([]);
	});

	test('an Input Binary Field the item does not have, naming the ones it has', async () => {
		const item = only(await run({ operation, ...edit, dataModelFrom: 'binary', binaryPropertyName: 'model' }, [{ data: { data: '', mimeType: 'application/json' } }]));
		expect(item).toMatchObject({ error: 'Invalid Input Binary Field "model" in item 0: names no binary field of this item' });
		expect(item.description).toContain('The item\'s binary fields: data.');
		expect(api.received).toEqual([]);
	});

	test('a file that is not JSON, or past the size limit', async () => {
		const text = (content: string): Record<string, IBinaryData> => ({ data: { data: Buffer.from(content).toString('base64'), mimeType: 'text/plain', fileName: 'notes.txt' } });
		const item = only(await run({ operation, ...edit, dataModelFrom: 'binary' }, [text('group,tables\n1,2')]));
		expect(item).toMatchObject({ error: 'Invalid Input Binary Field "data" in item 0: holds no JSON data model: it is not valid JSON' });
		expect(item.description).toContain('In the data model file of binary field "data" (notes.txt).');
		const large = only(await run({ operation, ...edit, dataModelFrom: 'binary' }, [{ data: { ...text('{}').data, bytes: 20_000_000 } }]));
		expect(large.error).toContain('holds 20000000 bytes, more than the 10485760 bytes a data model may have');
		expect(api.received).toEqual([]);
	});

	test('a Version out of range, or a Data Model From that is neither', async () => {
		const version = only(await run({ operation, ...edit, dataModel: JSON.stringify(model()), additionalFields: { version: 0 } }));
		expect(version.error).toBe('Invalid Version 0 in item 0: must be a whole number from 1 to 100');
		// A value the options do not have (a workflow saved by hand, say).
		const from = only(await run({ operation, ...edit, dataModelFrom: 'file', dataModel: JSON.stringify(model()) }));
		expect(from.error).toBe('Invalid Data Model From "file" in item 0: must be one of json, binary');
		expect(api.received).toEqual([]);
	});
});

describe('Edit', () => {
	test.each<[string, Change]>([
		['ignore_errors', (m) => (m.ignore_errors = true)],
		['ds_settings', (m) => (m.ds_settings = {})],
		['group.ds_settings', (m) => (m.group.ds_settings = {})],
		['tables[0].ignore_errors', (m) => (m.tables[0].ignore_errors = false)],
		['fields[1].ds_settings', (m) => (m.fields[1].ds_settings = [])],
	])('refuses %s (the API answers 422 for it), sending nothing', async (path, change) => {
		const item = only(await run({ operation: 'edit', groupId: byId('tg_1'), dataModel: JSON.stringify(changed(change)) }));
		expect(item.error).toContain('is not taken by Table Group → Edit (the API answers 422): remove it');
		expect(item.description).toContain(`(${path})`);
		expect(api.received).toEqual([]);
	});

	test('Import hands them on: the reference says nothing against them there', async () => {
		await run({ operation: 'import', dataModel: JSON.stringify(changed((m) => (m.ignore_errors = true))) });
		expect(JSON.parse(api.received[0].body)).toMatchObject({ ignore_errors: true });
	});

	test('refuses a model exported from another group, sending nothing', async () => {
		const exported = changed((m) => (m.group.group_id = 'tg_2'));
		const item = only(await run({ operation: 'edit', groupId: byId('tg_1'), dataModel: JSON.stringify(exported) }));
		expect(item.error).toBe('Invalid group_id "tg_2" in item 0: is another table group than tg_1, the one to replace');
		expect(item.description).toContain('Pick that group in Table Group, or remove group_id from the data model to replace tg_1 with it.');
		expect(api.received).toEqual([]);
	});

	test('takes a model exported from the same group, without its group_id', async () => {
		api.answer = (_req, res) => apiData(res, 200, { group_id: 'tg_1', schema_id: 1 });
		const result = await run({ operation: 'edit', groupId: byId('tg_1'), dataModel: JSON.stringify({ group_id: 'tg_1', ...changed((m) => (m.group.group_id = 'tg_1')) }) });
		expect(result.output?.[0].json).toMatchObject({ group_id: 'tg_1', schema_id: '1' });
		expect(JSON.parse(api.received[0].body)).toEqual(model());
	});
});
