/**
 * Table Groups (the Supermetrics API below /enterprise/v2) against a scripted server: each
 * operation's request (method, URL, query, body), Export's file and Import's and Edit's data model
 * from JSON or from a file, where `version` goes, the flat and envelope errors, the 409's words, a
 * create's 2xx without the new id, Continue On Fail and the key kept out of everything shown.
 */
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { byId, without } from './context';
import { runNode } from './harness';
import type { RunResult } from './harness';
import { apiData, apiError } from './hostile';
import { scriptedApi } from './scripted';
import { API_CANARY, everythingVisible } from './support';
import { bare, credentialsOf, EXPORTED, file, flatError, GROUP, MODEL } from './tableGroupSupport';

const api = scriptedApi();
const apiUrl = () => credentialsOf(api).apiUrl;
const run = (parameters: Record<string, unknown>, extra: { items?: object[]; binaries?: Array<Record<string, IBinaryData> | undefined>; continueOnFail?: boolean } = {}) =>
	runNode({ parameters: { resource: 'tableGroup', ...parameters }, credentials: credentialsOf(api), ...extra });
const jsonOf = (result: RunResult) => (result.output ?? []).map((item) => item.json);
const sent = () => api.received.map((r) => ({ method: r.method, url: r.url, body: r.body === '' ? undefined : (JSON.parse(r.body) as unknown) }));

describe('List', () => {
	test('GET {Supermetrics API URL}/enterprise/v2/table/groups, with Bearer: one item per group, schema_id as a string', async () => {
		api.answer = (_req, res) => apiData(res, 200, [GROUP, { ...GROUP, group_id: 'tg_99999', schema_id: 99999, name: 'Ads' }]);
		const result = await run({ operation: 'list' });
		expect(sent()).toEqual([{ method: 'GET', url: '/enterprise/v2/table/groups', body: undefined }]);
		expect(api.received[0].headers.authorization).toBe(`Bearer ${API_CANARY}`);
		expect(jsonOf(result)).toEqual([
			{ ...GROUP, schema_id: '90123' },
			{ ...GROUP, group_id: 'tg_99999', schema_id: '99999', name: 'Ads' },
		]);
	});

	test('{data} without meta, and an answer without data (both optional in the reference), read as the rest', async () => {
		api.answer = (_req, res) => bare(res, 200, { data: [GROUP] });
		expect(jsonOf(await run({ operation: 'list' }))).toHaveLength(1);
		api.answer = (_req, res) => bare(res, 200, { meta: { request_id: 'r' } });
		const none = await run({ operation: 'list' });
		expect(none.error).toBeUndefined();
		expect(jsonOf(none)).toEqual([]);
	});

	test('a flat 500 TABLE_GROUP_SEARCH_FAILED reads as the API\'s code and words', async () => {
		api.answer = (_req, res) => flatError(res, 500, 'TABLE_GROUP_SEARCH_FAILED', 'Table group search failed.');
		const [item] = jsonOf(await run({ operation: 'list' }, { continueOnFail: true }));
		expect(item).toMatchObject({ code: 'TABLE_GROUP_SEARCH_FAILED', http_code: 500, error: 'Table group search failed. (TABLE_GROUP_SEARCH_FAILED)' });
	});

	test('an envelope 401 names the credential', async () => {
		api.answer = (_req, res) => apiError(res, 401, { code: 'UNAUTHORIZED', message: 'Unauthorized', description: 'Invalid API key' });
		const [item] = jsonOf(await run({ operation: 'list' }, { continueOnFail: true }));
		expect(item).toMatchObject({ code: 'UNAUTHORIZED', http_code: 401 });
		expect(item.description).toContain('Check the API key in the Supermetrics Transfers API credential.');
	});
});

describe('Export', () => {
	test('GET …/table/group/{group_id}/export?version=: the model as json (group_id first) and as a JSON file named after the group', async () => {
		// The reference's answer is bare: no {meta, data}.
		api.answer = (_req, res) => bare(res, 200, EXPORTED);
		const result = await run({ operation: 'export', groupId: byId('tg_123'), version: 2 });
		expect(sent()).toEqual([{ method: 'GET', url: '/enterprise/v2/table/group/tg_123/export?version=2', body: undefined }]);
		const [item] = result.output ?? [];
		expect(item.json).toEqual({ group_id: 'tg_123', ...EXPORTED });
		const data = item.binary?.data as IBinaryData;
		expect(data).toMatchObject({ mimeType: 'application/json', fileName: 'Marketing Analytics.json', fileExtension: 'json' });
		expect(JSON.parse(Buffer.from(data.data, 'base64').toString('utf8'))).toEqual(EXPORTED);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('Put Output File in Field names the binary field; a wrapped answer reads the same; the file is named safely, or by group_id', async () => {
		api.answer = (_req, res) => apiData(res, 200, { ...EXPORTED, group: { group_id: 'tg_7', group_name: 'a/b: c?' } });
		const named = (await run({ operation: 'export', groupId: byId('tg_7'), version: 1, binaryPropertyName: 'model' })).output?.[0];
		expect(Object.keys(named?.binary ?? {})).toEqual(['model']);
		expect(named?.binary?.model.fileName).toBe('a_b_ c_.json');
		expect(named?.json.version).toBe(1);
		api.answer = (_req, res) => apiData(res, 200, { ...EXPORTED, group: { group_id: 'tg_7' } });
		expect((await run({ operation: 'export', groupId: byId('tg_7'), version: 1 })).output?.[0].binary?.data.fileName).toBe('tg_7.json');
	});

	test('a flat 404 TABLE_GROUP_NOT_FOUND says which group the key\'s team lacks', async () => {
		api.answer = (_req, res) => flatError(res, 404, 'TABLE_GROUP_NOT_FOUND', 'Table group not found.');
		const [item] = jsonOf(await run({ operation: 'export', groupId: byId('tg_404'), version: 1 }, { continueOnFail: true }));
		expect(item).toMatchObject({
			code: 'TABLE_GROUP_NOT_FOUND',
			http_code: 404,
			error: 'The API key\'s team has no table group tg_404: Table group not found. (TABLE_GROUP_NOT_FOUND)',
		});
		expect(item.description).toContain('Table Group → List shows the groups the key\'s team has');
	});

	test.each([
		[{ version: 0 }, 'Invalid Version 0 in item 0: must be a whole number from 1 to 100'],
		[{ version: 101 }, 'Invalid Version 101 in item 0: must be a whole number from 1 to 100'],
		[{ groupId: byId('tg 1') }, 'Invalid Table Group "tg 1" in item 0'],
		[{ groupId: byId('x'.repeat(51)) }, 'must be at most 50 characters'],
		[{ binaryPropertyName: ' ' }, 'Invalid Put Output File in Field " " in item 0: is required'],
	])('%j is refused before anything is sent', async (change, message) => {
		const result = await run({ operation: 'export', groupId: byId('tg_123'), version: 1, ...change }, { continueOnFail: true });
		expect(jsonOf(result)[0]).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringContaining(message) });
		expect(api.received).toEqual([]);
	});
});

describe('Import', () => {
	test('POST …/table/group/import from JSON: version in the body; Export\'s group_id and readOnly field properties left out', async () => {
		api.answer = (_req, res) => apiData(res, 201, { ...GROUP, group_id: 'tg_200', schema_id: 200 }, { Location: `${apiUrl()}/enterprise/v2/table/group/tg_200` });
		const result = await run({ operation: 'import', dataModelFrom: 'json', dataModel: JSON.stringify({ group_id: 'tg_123', ...EXPORTED }) });
		expect(sent()).toEqual([{ method: 'POST', url: '/enterprise/v2/table/group/import', body: MODEL }]);
		expect(jsonOf(result)).toEqual([{ ...GROUP, group_id: 'tg_200', schema_id: '200' }]);
	});

	test('from a file in the input item (Export\'s, as it is), and the data model as an object from an expression', async () => {
		api.answer = (_req, res) => apiData(res, 201, GROUP);
		await run({ operation: 'import', dataModelFrom: 'binary', binaryPropertyName: 'data' }, { binaries: [file(`\ufeff${JSON.stringify(EXPORTED, null, 2)}`)] });
		await run({ operation: 'import', dataModelFrom: 'json', dataModel: '={{ $json }}' }, { items: [EXPORTED] });
		expect(sent().map((request) => request.body)).toEqual([MODEL, MODEL]);
	});

	test('version: the model\'s, or Version when added (which then replaces the model\'s); neither is refused', async () => {
		api.answer = (_req, res) => apiData(res, 201, GROUP);
		const unversioned = without(MODEL, 'version');
		await run({ operation: 'import', dataModel: JSON.stringify(unversioned), additionalFields: { version: 3 } });
		await run({ operation: 'import', dataModel: JSON.stringify(MODEL), additionalFields: { version: 4 } });
		expect(sent().map((request) => (request.body as IDataObject).version)).toEqual([3, 4]);
		const refused = await run({ operation: 'import', dataModel: JSON.stringify(unversioned) }, { continueOnFail: true });
		expect(jsonOf(refused)[0]).toMatchObject({ code: 'INVALID_INPUT', error: 'Invalid Version nothing in item 0: is required' });
		expect(api.received).toHaveLength(2);
	});

	test('a 409 says plainly that a group of that name exists, and what to do', async () => {
		api.answer = (_req, res) => flatError(res, 409, 'TABLE_GROUP_NAME_CONFLICT', 'Conflict');
		const [item] = jsonOf(await run({ operation: 'import', dataModel: JSON.stringify(MODEL) }, { continueOnFail: true }));
		expect(item).toMatchObject({
			code: 'TABLE_GROUP_NAME_CONFLICT',
			http_code: 409,
			error: 'A table group named "Marketing Analytics" already exists: Conflict (TABLE_GROUP_NAME_CONFLICT)',
		});
		expect(item.description).toContain('To change the one named "Marketing Analytics", use Table Group → Edit with its group_id');
		expect(item.description).toContain('or import under another group_name');
	});

	test('a 409 that is not the API\'s error body (a proxy\'s page) claims no name conflict', async () => {
		api.answer = (_req, res) => {
			res.writeHead(409, { 'Content-Type': 'text/html' });
			res.end('<html><body>Conflict</body></html>');
		};
		const [item] = jsonOf(await run({ operation: 'import', dataModel: JSON.stringify(MODEL) }, { continueOnFail: true }));
		expect(item).toMatchObject({ code: 'HTTP_409', error: 'The Supermetrics API answered HTTP 409 without its JSON error body' });
	});

	test('a flat 400 TABLE_GROUP_IMPORT_ERROR and an envelope 422 read as the API said them', async () => {
		api.answer = (_req, res) => flatError(res, 400, 'TABLE_GROUP_IMPORT_ERROR', 'Field foo appears in no table.');
		expect(jsonOf(await run({ operation: 'import', dataModel: JSON.stringify(MODEL) }, { continueOnFail: true }))[0]).toMatchObject({
			code: 'TABLE_GROUP_IMPORT_ERROR',
			http_code: 400,
			error: 'Field foo appears in no table. (TABLE_GROUP_IMPORT_ERROR)',
		});
		api.answer = (_req, res) => apiError(res, 422, { code: 'UNPROCESSABLE_ENTITY', message: 'Unprocessable Entity', description: "Unknown ds_id 'NOPE'." });
		expect(jsonOf(await run({ operation: 'import', dataModel: JSON.stringify(MODEL) }, { continueOnFail: true }))[0]).toMatchObject({
			code: 'UNPROCESSABLE_ENTITY',
			http_code: 422,
			request_id: 'HOSTILE-REQUEST-1',
			error: "Unknown ds_id 'NOPE'. (UNPROCESSABLE_ENTITY)",
		});
	});

	test('a create is never sent twice: a flat 500 TABLE_GROUP_CREATE_FAILED and a dropped connection each say it may have happened', async () => {
		api.answer = (_req, res) => flatError(res, 500, 'TABLE_GROUP_CREATE_FAILED', 'Table group could not be created.');
		const [failed] = jsonOf(await run({ operation: 'import', dataModel: JSON.stringify(MODEL) }, { continueOnFail: true }));
		expect(failed).toMatchObject({ code: 'TABLE_GROUP_CREATE_FAILED', http_code: 500 });
		expect(failed.description).toContain('The node does not retry a write after this');
		api.answer = (_req, res) => {
			res.destroy();
		};
		const [dropped] = jsonOf(await run({ operation: 'import', dataModel: JSON.stringify(MODEL) }, { continueOnFail: true }));
		expect(dropped.description).toContain('The node does not retry a write after this');
		expect(api.received.map((r) => r.method)).toEqual(['POST', 'POST']);
	});

	test('a 201 without the new group\'s ids is handed on with a notice, the group_id taken from Location', async () => {
		api.answer = (_req, res) => apiData(res, 201, {}, { Location: `${apiUrl()}/enterprise/v2/table/group/tg_555` });
		const [item] = jsonOf(await run({ operation: 'import', dataModel: JSON.stringify(MODEL) }));
		expect(item).toMatchObject({ group_id: 'tg_555', missing_fields: ['schema_id'], location: `${apiUrl()}/enterprise/v2/table/group/tg_555` });
		expect(item.notice).toContain('The API answered HTTP 201 to POST /table/group/import, so the table group was created, but its answer has no data.schema_id.');
		expect(item.notice).toContain('Do not run this item again');
		expect(item.notice).toContain('taken from the answer\'s Location header');
		api.answer = (_req, res) => bare(res, 201, '{"meta": {"request_id": "cut');
		const [cut] = jsonOf(await run({ operation: 'import', dataModel: JSON.stringify(MODEL) }));
		expect(cut).toMatchObject({ missing_fields: ['group_id', 'schema_id'] });
		expect(cut.notice).toContain('so the table group was created, but its answer could not be read');
	});
});

describe('Edit', () => {
	test('PUT …/table/group/{group_id}?version=: an exported model as it is, version in the query and kept in the body', async () => {
		api.answer = (_req, res) => apiData(res, 200, GROUP);
		const result = await run({ operation: 'edit', groupId: byId('tg_123'), dataModelFrom: 'json', dataModel: '={{ $json }}' }, { items: [{ group_id: 'tg_123', ...EXPORTED, version: 2 }] });
		expect(sent()).toEqual([{ method: 'PUT', url: '/enterprise/v2/table/group/tg_123?version=2', body: { ...MODEL, version: 2 } }]);
		expect(jsonOf(result)).toEqual([{ ...GROUP, schema_id: '90123' }]);
	});

	test('a model without version: Version goes in the query alone, as Edit\'s parameters have it', async () => {
		api.answer = (_req, res) => apiData(res, 200, GROUP);
		const unversioned = without(MODEL, 'version');
		await run({ operation: 'edit', groupId: byId('tg_123'), dataModelFrom: 'binary' , additionalFields: { version: 5 } }, { binaries: [file(unversioned)] });
		expect(sent()).toEqual([{ method: 'PUT', url: '/enterprise/v2/table/group/tg_123?version=5', body: unversioned }]);
	});

	test('Version added replaces the model\'s, in the query and the body alike', async () => {
		api.answer = (_req, res) => apiData(res, 200, GROUP);
		await run({ operation: 'edit', groupId: byId('tg_123'), dataModel: JSON.stringify(MODEL), additionalFields: { version: 7 } });
		expect(sent()).toEqual([{ method: 'PUT', url: '/enterprise/v2/table/group/tg_123?version=7', body: { ...MODEL, version: 7 } }]);
	});

	test('a 200 without a body still says the group was replaced, with its group_id', async () => {
		api.answer = (_req, res) => bare(res, 200, '');
		const [item] = jsonOf(await run({ operation: 'edit', groupId: byId('tg_123'), dataModel: JSON.stringify(MODEL) }));
		expect(item).toMatchObject({ group_id: 'tg_123' });
		expect(item.notice).toContain('The API answered HTTP 200 to PUT /table/group/tg_123, so the table group was replaced, but its answer has no data object.');
	});

	test('a flat 404 and an envelope 403 and 500 read as any API error; the 500 is never retried', async () => {
		api.answer = (_req, res) => flatError(res, 404, 'TABLE_GROUP_NOT_FOUND', 'Table group not found.');
		const edit = { operation: 'edit', groupId: byId('tg_9'), dataModel: JSON.stringify(MODEL) };
		expect(jsonOf(await run(edit, { continueOnFail: true }))[0]).toMatchObject({ code: 'TABLE_GROUP_NOT_FOUND', error: expect.stringContaining('The API key\'s team has no table group tg_9') });
		api.answer = (_req, res) => apiError(res, 403, { code: 'FORBIDDEN', message: 'Forbidden', description: 'Not allowed to edit table groups' });
		const [forbidden] = jsonOf(await run(edit, { continueOnFail: true }));
		expect(forbidden).toMatchObject({ code: 'FORBIDDEN', http_code: 403 });
		expect(forbidden.description).toContain('may not change this team\'s table groups');
		api.answer = (_req, res) => apiError(res, 500, { code: 'INTERNAL_SERVER_ERROR', message: 'Internal Server Error', description: 'Boom' });
		expect(jsonOf(await run(edit, { continueOnFail: true }))[0]).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', http_code: 500 });
		expect(api.received).toHaveLength(3);
	});
});

describe('Continue On Fail and the key', () => {
	test('one output item per input item, in order: a refused one, a failed one and two that worked', async () => {
		api.answer = (req, res) => (req.url?.includes('tg_bad') ? flatError(res, 404, 'TABLE_GROUP_NOT_FOUND', 'Table group not found.') : bare(res, 200, EXPORTED));
		const items = [{ id: 'tg_1' }, { id: 'tg bad' }, { id: 'tg_bad' }, { id: 'tg_2' }];
		const result = await run({ operation: 'export', groupId: byId('={{ $json.id }}'), version: 1 }, { items, continueOnFail: true });
		expect((result.output ?? []).map((item) => [item.pairedItem, item.json.group_id ?? item.json.code, Boolean(item.binary)])).toEqual([
			[{ item: 0 }, 'tg_1', true],
			[{ item: 1 }, 'INVALID_INPUT', false],
			[{ item: 2 }, 'TABLE_GROUP_NOT_FOUND', false],
			[{ item: 3 }, 'tg_2', true],
		]);
		expect(api.received).toHaveLength(3);
	});

	test('an answer that echoes the key (flat error, model, file) shows it nowhere', async () => {
		api.answer = (req, res) =>
			req.method === 'GET'
				? bare(res, 200, { ...EXPORTED, group: { ...EXPORTED.group, group_name: `named ${API_CANARY}` } })
				: flatError(res, 409, 'TABLE_GROUP_NAME_CONFLICT', `Conflict for Bearer ${API_CANARY}`);
		const exported = await run({ operation: 'export', groupId: byId('tg_123'), version: 1 });
		const file = exported.output?.[0].binary?.data as IBinaryData;
		expect(Buffer.from(file.data, 'base64').toString('utf8')).not.toContain(API_CANARY);
		expect(everythingVisible(exported)).not.toContain(API_CANARY);
		const conflict = await run({ operation: 'import', dataModel: JSON.stringify(MODEL) });
		expect(conflict.error?.message).toContain('already exists');
		expect(everythingVisible(conflict)).not.toContain(API_CANARY);
	});
});
