/**
 * Table Groups (newest reference) on the Supermetrics API's origin under /enterprise/v2: List,
 * Export (answered bare, not in {meta, data}), Import and Edit (a full replace), their flat
 * {error, message} bodies where the reference gives them and the envelope elsewhere, where Edit
 * takes `version`, and a table group's numeric schema_id taken by the transfers of its team.
 */
import { DEMO_KEY, useSandboxClient } from './client';
import type { Answer, ApiJson } from './client';
import { DEFAULT_KEYS } from './server';

const { holder, call } = useSandboxClient('', {
	keys: {
		...DEFAULT_KEYS,
		'other-team-key': { scopes: DEFAULT_KEYS['sandbox-demo-key'].scopes, userId: 3003, email: 'other@sandbox.invalid', teamId: 999 },
	},
});

const BASE = '/enterprise/v2';
const OTHER = 'Bearer other-team-key';

interface TableGroup {
	'@type': 'table_group';
	group_id: string;
	schema_id: number;
	name: string;
	links: { enclosure: { href: string } };
}
interface Exported {
	version: number;
	group: { group_id: string; group_name: string; ds_id: string; table_prefix?: string };
	tables: Array<{ table_name: string; table_partition: string; report_type: string | null; fields: string[] }>;
	fields: Array<{ field_id: string; field_name: string; display_name: string; target_name: string; data_type: string }>;
}
interface Flat {
	error: string;
	message: string;
}

/** The reference's Import example. */
const IMPORT = {
	version: 1,
	group: { group_name: 'Marketing Analytics 2', ds_id: 'GAWA', table_prefix: 'MKT' },
	tables: [{ table_name: 'SESSIONS', table_partition: 'date', fields: ['session_id', 'date', 'users'] }],
	fields: [
		{ field_id: 'session_id', target_name: 'session_id' },
		{ field_id: 'date', target_name: 'session_date' },
		{ field_id: 'users', target_name: 'user_count' },
	],
};
/** The reference's Edit example. */
const EDIT = {
	group: { group_name: 'Marketing Analytics Updated', ds_id: 'GAWA', table_prefix: 'MKT' },
	tables: [
		{ table_name: 'SESSIONS', table_partition: 'date', fields: ['session_id', 'date', 'users'] },
		{ table_name: 'PAGEVIEWS', table_partition: 'date', fields: ['date', 'page_path', 'pageviews'] },
	],
	fields: [
		{ field_id: 'session_id', target_name: 'session_id' },
		{ field_id: 'date', target_name: 'session_date' },
		{ field_id: 'users', target_name: 'user_count' },
		{ field_id: 'page_path', target_name: 'page_path' },
		{ field_id: 'pageviews', target_name: 'page_views' },
	],
};

const api = <T = ApiJson>(method: string, path: string, body?: unknown, authorization = `Bearer ${DEMO_KEY}`) =>
	call<T>(method, `${BASE}${path}`, body as object, { api: 'logins', authorization });
const list = (authorization?: string) => api<{ meta: { request_id: string }; data: TableGroup[] }>('GET', '/table/groups', undefined, authorization);
const exportGroup = (id: string, query = '?version=1', authorization?: string) => api<Exported>('GET', `/table/group/${id}/export${query}`, undefined, authorization);
const importGroup = (body: unknown, authorization?: string) => api<{ meta: { request_id: string }; data: TableGroup }>('POST', '/table/group/import', body, authorization);
const edit = (id: string, body: unknown, query = '?version=1', authorization?: string) => api<{ meta: { request_id: string }; data: TableGroup }>('PUT', `/table/group/${id}${query}`, body, authorization);
const raw = (method: string, path: string, body: string) =>
	fetch(`${holder.sandbox.apiUrl}${BASE}${path}`, { method, headers: { authorization: `Bearer ${DEMO_KEY}`, 'content-type': 'application/json' }, body });
const range = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

function expectFlat(answer: Answer<unknown>, status: number, error: string) {
	expect(answer.status).toBe(status);
	expect(answer.json).toEqual({ error, message: expect.any(String) });
	expect((answer.json as Flat).message.length).toBeLessThanOrEqual(255);
}

function expectEnvelope(answer: Answer<unknown>, status: number, code: string) {
	expect(answer.status).toBe(status);
	expect(answer.json).toEqual({ meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }, error: { code, message: expect.any(String), description: expect.any(String) } });
}

describe('List: GET /enterprise/v2/table/groups', () => {
	test('the team\'s two seeded groups, in the TableGroup shape, wrapped in {meta, data}', async () => {
		const answer = await list();
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
			data: [
				{ '@type': 'table_group', group_id: 'tg_123', schema_id: 90123, name: 'Marketing Analytics', links: { enclosure: { href: `${holder.sandbox.apiUrl}${BASE}/table/group/tg_123/export?version=1` } } },
				{ '@type': 'table_group', group_id: 'tg_99999', schema_id: 99999, name: 'Google Ads performance', links: { enclosure: { href: `${holder.sandbox.apiUrl}${BASE}/table/group/tg_99999/export?version=1` } } },
			],
		});
		expect(answer.headers.get('access-control-allow-origin')).toBe('*');
		expect(answer.headers.get('x-ratelimit-remaining')).toBe('999');
		for (const group of answer.json.data) {
			expect(group.schema_id).toBeGreaterThanOrEqual(1);
			expect(group.schema_id).toBeLessThanOrEqual(10000000);
			expect(group.group_id).toMatch(/^tg_[0-9]+$/);
		}
	});

	test('another team sees its own only; no scope is needed (the read-only key lists too); imports join the list', async () => {
		expect((await list(OTHER)).json.data).toEqual([]);
		expect((await list('Bearer sandbox-readonly-key')).status).toBe(200);
		const made = (await importGroup(IMPORT, OTHER)).json.data;
		expect((await list(OTHER)).json.data).toEqual([made]);
		expect((await list()).json.data).toHaveLength(2);
	});

	test('recorded on the Supermetrics API\'s origin, with its whole path; Bearer only (the bare key is 401 in the default reading, taken in keyOnly)', async () => {
		await list();
		expect(holder.sandbox.requests.map((r) => [r.api, r.method, r.path, r.status])).toEqual([['logins', 'GET', `${BASE}/table/groups`, 200]]);
		expectEnvelope(await list(DEMO_KEY), 401, 'UNAUTHORIZED');
		holder.sandbox.setAuth('keyOnly');
		expect((await list(DEMO_KEY)).status).toBe(200);
		expect((await call('GET', `${BASE}/table/groups`)).status).toBe(404);
	});

	test('a 500 is the flat TABLE_GROUP_SEARCH_FAILED; a 429 and a 401 the envelope', async () => {
		holder.sandbox.queueFault({ api: 'logins', path: '/table/groups', status: 500 });
		expectFlat(await list(), 500, 'TABLE_GROUP_SEARCH_FAILED');
		// A fault answers before the key is counted: two more lists spend the window of 2.
		holder.sandbox.setRateLimit({ limit: 2 });
		await list();
		await list();
		const limited = await list();
		expectEnvelope(limited, 429, 'TOO_MANY_REQUESTS');
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
		expectEnvelope(await list('Bearer nope'), 401, 'UNAUTHORIZED');
	});
});

describe('Export: GET /enterprise/v2/table/group/{group_id}/export?version=', () => {
	test('the data model, not wrapped: version, group, tables, and every field of the tables once, with its readOnly properties', async () => {
		const answer = await exportGroup('tg_123');
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			version: 1,
			group: { group_id: 'tg_123', group_name: 'Marketing Analytics', ds_id: 'GAWA', table_prefix: 'MKT' },
			tables: [{ table_name: 'SESSIONS', table_partition: 'date', report_type: null, fields: ['session_id', 'date', 'users'] }],
			fields: [
				{ field_id: 'session_id', field_name: 'session_id', display_name: 'Session Id', target_name: 'session_id', data_type: 'STRING' },
				{ field_id: 'date', field_name: 'date', display_name: 'Date', target_name: 'session_date', data_type: 'DATE' },
				{ field_id: 'users', field_name: 'users', display_name: 'Users', target_name: 'user_count', data_type: 'INTEGER' },
			],
		});
		expect(answer.json).not.toHaveProperty('meta');
		expect(answer.headers.get('access-control-allow-origin')).toBe('*');
	});

	test('fields without a mapping get the default target name, the field id in lower snake case', async () => {
		const exported = (await exportGroup('tg_99999')).json;
		expect(exported.tables.map((t) => t.table_name)).toEqual(['CAMPAIGNS', 'AD_GROUPS']);
		expect(exported.fields.map((f) => [f.field_id, f.target_name])).toEqual([
			['Date', 'date'],
			['CampaignName', 'campaign_name'],
			['Impressions', 'impressions'],
			['Clicks', 'clicks'],
			['Cost', 'cost'],
			['AdGroupName', 'ad_group_name'],
		]);
	});

	test.each(['?version=1', '?version=100', '?version=7'])('version %s: 1 to 100, answered with the version asked for', async (query) => {
		const answer = await exportGroup('tg_123', query);
		expect(answer.status).toBe(200);
		expect(answer.json.version).toBe(Number(query.split('=')[1]));
	});

	test.each(['', '?version=0', '?version=101', '?version=abc', '?version=1.5', '?version=', '?version=-1'])('422 UNPROCESSABLE_ENTITY for the query %j (version required, 1 to 100)', async (query) => {
		expectEnvelope(await exportGroup('tg_123', query), 422, 'UNPROCESSABLE_ENTITY');
	});

	test('group_id: off its pattern or past 50 characters is 422; unknown, or another team\'s, the flat 404 TABLE_GROUP_NOT_FOUND', async () => {
		expectEnvelope(await exportGroup('tg.123'), 422, 'UNPROCESSABLE_ENTITY');
		expectEnvelope(await exportGroup('t'.repeat(51)), 422, 'UNPROCESSABLE_ENTITY');
		expectFlat(await exportGroup('tg_404'), 404, 'TABLE_GROUP_NOT_FOUND');
		expectFlat(await exportGroup('tg_123', '?version=1', OTHER), 404, 'TABLE_GROUP_NOT_FOUND');
		expect((await exportGroup('t'.repeat(50))).status).toBe(404);
	});

	test('a 500 is the flat TABLE_GROUP_SEARCH_FAILED', async () => {
		holder.sandbox.queueFault({ api: 'logins', path: '/export', status: 500 });
		expectFlat(await exportGroup('tg_123'), 500, 'TABLE_GROUP_SEARCH_FAILED');
	});
});

describe('Import: POST /enterprise/v2/table/group/import', () => {
	test('the reference\'s example: 201, Location, {meta, data: TableGroup} with a new tg_ id and numeric schema_id; Export gives back what was imported', async () => {
		const answer = await importGroup(IMPORT);
		expect(answer.status).toBe(201);
		expect(answer.json).toEqual({
			meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
			data: { '@type': 'table_group', group_id: 'tg_100000', schema_id: 100000, name: 'Marketing Analytics 2', links: { enclosure: { href: `${holder.sandbox.apiUrl}${BASE}/table/group/tg_100000/export?version=1` } } },
		});
		expect(answer.headers.get('location')).toBe(`${holder.sandbox.apiUrl}${BASE}/table/group/tg_100000`);
		const exported = (await exportGroup('tg_100000')).json;
		expect(exported.group).toEqual({ group_id: 'tg_100000', group_name: 'Marketing Analytics 2', ds_id: 'GAWA', table_prefix: 'MKT' });
		expect(exported.tables).toEqual([{ ...IMPORT.tables[0], report_type: null }]);
		expect(exported.fields.map(({ field_id, target_name }) => ({ field_id, target_name }))).toEqual(IMPORT.fields);
		expect(holder.sandbox.state.tableGroups.get('tg_100000')).toMatchObject({ team_id: '12345', revision: 1, modelVersion: 1 });
	});

	test('names "enforced into upper snake case": the table prefix and table names; the partition defaults to date', async () => {
		const body = {
			version: 3,
			group: { group_name: 'Snake', ds_id: 'AW', table_prefix: 'my prefix' },
			tables: [{ table_name: 'campaign stats', fields: ['CampaignName'], report_type: 'CAMPAIGN' }, { table_name: 'adGroups', table_partition: 'none', fields: ['AdGroupName'] }],
		};
		const made = (await importGroup(body)).json.data;
		expect(made.links.enclosure.href.endsWith('?version=3')).toBe(true);
		const exported = (await exportGroup(made.group_id, '?version=3')).json;
		expect(exported.group.table_prefix).toBe('MY_PREFIX');
		expect(exported.tables).toEqual([
			{ table_name: 'CAMPAIGN_STATS', table_partition: 'date', report_type: 'CAMPAIGN', fields: ['CampaignName'] },
			{ table_name: 'AD_GROUPS', table_partition: 'none', report_type: null, fields: ['AdGroupName'] },
		]);
		const bare = (await importGroup({ version: 1, group: { group_name: 'No prefix', ds_id: 'AW' }, tables: [{ table_name: 'T', fields: ['Date'] }] })).json.data;
		expect((await exportGroup(bare.group_id)).json.group).not.toHaveProperty('table_prefix');
	});

	test('409 TABLE_GROUP_NAME_CONFLICT (flat) for a name the team\'s group has; another team may use it', async () => {
		expectFlat(await importGroup({ ...IMPORT, group: { ...IMPORT.group, group_name: 'Marketing Analytics' } }), 409, 'TABLE_GROUP_NAME_CONFLICT');
		expect((await importGroup({ ...IMPORT, group: { ...IMPORT.group, group_name: 'Marketing Analytics' } }, OTHER)).status).toBe(201);
		expect((await importGroup(IMPORT)).status).toBe(201);
		expectFlat(await importGroup(IMPORT), 409, 'TABLE_GROUP_NAME_CONFLICT');
	});

	test.each<[string, unknown]>([
		['no table', { ...IMPORT, tables: [], fields: [] }],
		['two tables of one name in upper snake case', { ...IMPORT, tables: [{ table_name: 'sessions', fields: ['date'] }, { table_name: 'SESSIONS', fields: ['users'] }], fields: [] }],
		['a table name with nothing left in upper snake case', { ...IMPORT, tables: [{ table_name: '---', fields: ['date'] }], fields: [] }],
		['a table without fields', { ...IMPORT, tables: [{ table_name: 'T', fields: [] }], fields: [] }],
		['a field twice in a table', { ...IMPORT, tables: [{ table_name: 'T', fields: ['date', 'date'] }], fields: [] }],
		['a field defined twice', { ...IMPORT, fields: [{ field_id: 'date' }, { field_id: 'date', target_name: 'd' }] }],
		['a field definition for a field no table has', { ...IMPORT, fields: [{ field_id: 'revenue' }] }],
	])('400 TABLE_GROUP_IMPORT_ERROR (flat) for a data model with %s; nothing imported', async (_case, body) => {
		expectFlat(await importGroup(body), 400, 'TABLE_GROUP_IMPORT_ERROR');
		expect(holder.sandbox.state.tableGroups.size).toBe(2);
	});

	test('400 TABLE_GROUP_IMPORT_ERROR (flat) for a body that is not JSON', async () => {
		const answer = await raw('POST', '/table/group/import', '{"version":');
		expect(answer.status).toBe(400);
		expect(await answer.json()).toEqual({ error: 'TABLE_GROUP_IMPORT_ERROR', message: expect.any(String) });
	});

	const table = (fields: unknown, extra: object = {}) => ({ ...IMPORT, tables: [{ table_name: 'T', fields, ...extra }], fields: [] });
	test.each<[string, unknown]>([
		['an array body', [IMPORT]],
		['no version', { ...IMPORT, version: undefined }],
		['version 0', { ...IMPORT, version: 0 }],
		['version 101', { ...IMPORT, version: 101 }],
		['version "1"', { ...IMPORT, version: '1' }],
		['version 1.5', { ...IMPORT, version: 1.5 }],
		['no group', { ...IMPORT, group: undefined }],
		['a group that is no object', { ...IMPORT, group: 'g' }],
		['no group_name', { ...IMPORT, group: { ds_id: 'GAWA' } }],
		['an empty group_name', { ...IMPORT, group: { group_name: ' ', ds_id: 'GAWA' } }],
		['a group_name of 256', { ...IMPORT, group: { group_name: 'g'.repeat(256), ds_id: 'GAWA' } }],
		['no ds_id', { ...IMPORT, group: { group_name: 'G' } }],
		['a ds_id of 51', { ...IMPORT, group: { group_name: 'G', ds_id: 'D'.repeat(51) } }],
		['a ds_id the catalog lacks', { ...IMPORT, group: { group_name: 'G', ds_id: 'NOPE' } }],
		['a table_prefix of 16', { ...IMPORT, group: { ...IMPORT.group, table_prefix: 'P'.repeat(16) } }],
		['a table_prefix of 15 past 15 in upper snake case', { ...IMPORT, group: { ...IMPORT.group, table_prefix: 'abcdefgHijklmno' } }],
		['no tables', { ...IMPORT, tables: undefined }],
		['tables that is no array', { ...IMPORT, tables: IMPORT.tables[0] }],
		['1001 tables', { ...IMPORT, tables: range(1001, (i) => ({ table_name: `T${i}`, fields: ['date'] })), fields: [] }],
		['a table that is no object', { ...IMPORT, tables: ['SESSIONS'] }],
		['a table without table_name', { ...IMPORT, tables: [{ fields: ['date'] }], fields: [] }],
		['a table_name of 256', { ...IMPORT, tables: [{ table_name: 'T'.repeat(256), fields: ['date'] }], fields: [] }],
		['a table_partition outside date and none', table(['date'], { table_partition: 'hourly' })],
		['a report_type of 256', table(['date'], { report_type: 'r'.repeat(256) })],
		['a table without fields', { ...IMPORT, tables: [{ table_name: 'T' }], fields: [] }],
		['a table with 1001 fields', table(range(1001, (i) => `f${i}`))],
		['a table field of 101', table(['f'.repeat(101)])],
		['a table field that is no string', table([7])],
		['fields that is no array', { ...IMPORT, fields: {} }],
		['10001 fields', { ...IMPORT, fields: range(10001, (i) => ({ field_id: `f${i}` })) }],
		['a field without field_id', { ...IMPORT, fields: [{ target_name: 'x' }] }],
		['a field_id of 101', { ...IMPORT, fields: [{ field_id: 'f'.repeat(101) }] }],
		['a target_name of 256', { ...IMPORT, fields: [{ field_id: 'date', target_name: 't'.repeat(256) }] }],
	])('422 UNPROCESSABLE_ENTITY (the envelope) for %s', async (_case, body) => {
		expectEnvelope(await importGroup(body), 422, 'UNPROCESSABLE_ENTITY');
		expect(holder.sandbox.state.tableGroups.size).toBe(2);
	});

	test('the bounds are taken: tables of 1000 fields, 10000 field definitions, 1000 tables, a 15-character prefix, 255-character names, version 100', async () => {
		const tables = range(10, (t) => ({ table_name: `T${t}`, fields: range(1000, (f) => `f${t * 1000 + f}`) }));
		const fields = range(10000, (i) => ({ field_id: `f${i}`, target_name: 't'.repeat(255) }));
		const big = await importGroup({ version: 100, group: { group_name: 'g'.repeat(255), ds_id: 'GAWA', table_prefix: 'P'.repeat(15) }, tables, fields });
		expect(big.status).toBe(201);
		const many = await importGroup({ version: 1, group: { group_name: 'Many tables', ds_id: 'GAWA' }, tables: range(1000, (i) => ({ table_name: `T${i}`, fields: ['date'] })) });
		expect(many.status).toBe(201);
		expect((await exportGroup(many.json.data.group_id)).json.tables).toHaveLength(1000);
	});

	test('readOnly field properties and undeclared properties are ignored', async () => {
		const answer = await importGroup({ ...IMPORT, ignore_errors: true, fields: [{ field_id: 'date', target_name: 'd', field_name: 'X', display_name: 'Y', data_type: 'Z' }] });
		expect(answer.status).toBe(201);
		expect((await exportGroup(answer.json.data.group_id)).json.fields.find((f) => f.field_id === 'date')).toEqual({ field_id: 'date', field_name: 'date', display_name: 'Date', target_name: 'd', data_type: 'DATE' });
	});

	test('a 500 is the flat TABLE_GROUP_CREATE_FAILED; a 404 the flat TABLE_GROUP_NOT_FOUND', async () => {
		holder.sandbox.queueFault({ api: 'logins', path: '/import', status: 500 }, { api: 'logins', path: '/import', status: 404 });
		expectFlat(await importGroup(IMPORT), 500, 'TABLE_GROUP_CREATE_FAILED');
		expectFlat(await importGroup(IMPORT), 404, 'TABLE_GROUP_NOT_FOUND');
	});
});

describe('Edit: PUT /enterprise/v2/table/group/{group_id}', () => {
	test('the reference\'s example with ?version=: 200 {meta, data: TableGroup}, a full replace, its revision counted up', async () => {
		const answer = await edit('tg_123', EDIT, '?version=2');
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
			data: { '@type': 'table_group', group_id: 'tg_123', schema_id: 90123, name: 'Marketing Analytics Updated', links: { enclosure: { href: `${holder.sandbox.apiUrl}${BASE}/table/group/tg_123/export?version=2` } } },
		});
		const exported = (await exportGroup('tg_123', '?version=2')).json;
		expect(exported.tables.map((t) => t.table_name)).toEqual(['SESSIONS', 'PAGEVIEWS']);
		expect(exported.fields.map(({ field_id, target_name }) => ({ field_id, target_name }))).toEqual(EDIT.fields);
		expect(holder.sandbox.state.tableGroups.get('tg_123')).toMatchObject({ revision: 2, modelVersion: 2 });
		expect((await edit('tg_123', EDIT)).status).toBe(200);
		expect(holder.sandbox.state.tableGroups.get('tg_123')?.revision).toBe(3);
	});

	test('a full replace: omitting fields clears every mapping, omitting table_prefix drops it; the schema_id stays', async () => {
		const withoutFields = { group: EDIT.group, tables: EDIT.tables };
		expect((await edit('tg_123', { ...withoutFields, group: { group_name: 'Marketing Analytics', ds_id: 'GAWA' } })).status).toBe(200);
		const exported = (await exportGroup('tg_123')).json;
		expect(exported.group).toEqual({ group_id: 'tg_123', group_name: 'Marketing Analytics', ds_id: 'GAWA' });
		expect(exported.fields.find((f) => f.field_id === 'date')?.target_name).toBe('date');
		expect((await list()).json.data[0].schema_id).toBe(90123);
	});

	describe('where version goes: the query (the parameter list) or the body (where Import takes it and Export writes it)', () => {
		test('in the body only: the export → edit → PUT workflow, Export\'s output sent back as it is', async () => {
			const exported = (await exportGroup('tg_123', '?version=4')).json;
			const answer = await edit('tg_123', { ...exported, group: { ...exported.group, group_name: 'Round trip' } }, '');
			expect(answer.status).toBe(200);
			expect(answer.json.data.name).toBe('Round trip');
			expect(holder.sandbox.state.tableGroups.get('tg_123')?.modelVersion).toBe(4);
			const again = (await exportGroup('tg_123', '?version=4')).json;
			expect({ ...again, group: { ...again.group, group_name: 'Marketing Analytics' } }).toEqual(exported);
		});

		test('in both, agreeing: taken', async () => {
			expect((await edit('tg_123', { ...EDIT, version: 5 }, '?version=5')).status).toBe(200);
			expect(holder.sandbox.state.tableGroups.get('tg_123')?.modelVersion).toBe(5);
		});

		test.each<[string, string, unknown]>([
			['in neither', '', EDIT],
			['in both, disagreeing', '?version=2', { ...EDIT, version: 3 }],
			['query 0', '?version=0', EDIT],
			['query 101', '?version=101', EDIT],
			['query not an integer', '?version=two', EDIT],
			['body 0', '', { ...EDIT, version: 0 }],
			['body 101', '', { ...EDIT, version: 101 }],
			['body a string', '', { ...EDIT, version: '1' }],
		])('422 UNPROCESSABLE_ENTITY with the version %s', async (_case, query, body) => {
			expectEnvelope(await edit('tg_123', body, query), 422, 'UNPROCESSABLE_ENTITY');
			expect(holder.sandbox.state.tableGroups.get('tg_123')?.revision).toBe(1);
		});

		test('query 1 and 100 are the bounds', async () => {
			expect((await edit('tg_123', EDIT, '?version=100')).status).toBe(200);
			expect((await edit('tg_123', EDIT, '?version=1')).status).toBe(200);
		});
	});

	test.each(['ignore_errors', 'ds_settings'])('422 when %s is present ("not yet supported on this endpoint")', async (name) => {
		expectEnvelope(await edit('tg_123', { ...EDIT, [name]: false }), 422, 'UNPROCESSABLE_ENTITY');
	});

	test('group.group_id, as Export writes it: this group\'s is taken, another one\'s is 422', async () => {
		expect((await edit('tg_123', { ...EDIT, group: { ...EDIT.group, group_id: 'tg_123' } })).status).toBe(200);
		expectEnvelope(await edit('tg_123', { ...EDIT, group: { ...EDIT.group, group_id: 'tg_99999' } }), 422, 'UNPROCESSABLE_ENTITY');
	});

	test('unknown, or another team\'s, is the flat 404 TABLE_GROUP_NOT_FOUND; an id off its pattern 422; PUT on …/import is a group named import', async () => {
		expectFlat(await edit('tg_404', EDIT), 404, 'TABLE_GROUP_NOT_FOUND');
		expectFlat(await edit('tg_123', EDIT, '?version=1', OTHER), 404, 'TABLE_GROUP_NOT_FOUND');
		expectEnvelope(await edit('tg 123', EDIT), 422, 'UNPROCESSABLE_ENTITY');
		expectFlat(await edit('import', EDIT), 404, 'TABLE_GROUP_NOT_FOUND');
		expect((await api('GET', '/table/group/tg_123')).status).toBe(405);
	});

	test('a name another of the team\'s groups has is 400 BAD_REQUEST in the envelope (Edit declares no 409); its own name is fine', async () => {
		expectEnvelope(await edit('tg_123', { ...EDIT, group: { ...EDIT.group, group_name: 'Google Ads performance' } }), 400, 'BAD_REQUEST');
		expect((await edit('tg_123', { ...EDIT, group: { ...EDIT.group, group_name: 'Marketing Analytics' } })).status).toBe(200);
	});

	test.each<[string, unknown]>([
		['no table', { ...EDIT, tables: [], fields: [] }],
		['two tables of one name', { ...EDIT, tables: [EDIT.tables[0], EDIT.tables[0]] }],
		['a field definition for a field no table has', { ...EDIT, fields: [{ field_id: 'revenue' }] }],
	])('400 BAD_REQUEST in the envelope (not Import\'s flat error) for a data model with %s', async (_case, body) => {
		expectEnvelope(await edit('tg_123', body), 400, 'BAD_REQUEST');
	});

	test('400 BAD_REQUEST in the envelope for a body that is not JSON; 422 for one that breaks the schema', async () => {
		const answer = await raw('PUT', '/table/group/tg_123?version=1', '{"group":');
		expect(answer.status).toBe(400);
		expect(((await answer.json()) as ApiJson).error?.code).toBe('BAD_REQUEST');
		expectEnvelope(await edit('tg_123', { ...EDIT, group: undefined }), 422, 'UNPROCESSABLE_ENTITY');
		expectEnvelope(await edit('tg_123', { ...EDIT, tables: [{ table_name: 'T', fields: ['date'], table_partition: 'weekly' }] }), 422, 'UNPROCESSABLE_ENTITY');
		expectEnvelope(await edit('tg_123', []), 422, 'UNPROCESSABLE_ENTITY');
	});

	test('Edit\'s 403 and 500 are the envelope', async () => {
		holder.sandbox.queueFault({ api: 'logins', method: 'PUT', status: 403 }, { api: 'logins', method: 'PUT', status: 500 });
		expectEnvelope(await edit('tg_123', EDIT), 403, 'FORBIDDEN');
		expectEnvelope(await edit('tg_123', EDIT), 500, 'INTERNAL_SERVER_ERROR');
	});
});

describe('a table group\'s schema_id in the transfers of the team that owns the group', () => {
	const CONFIG = {
		data_source_id: 'GAWA', destination_id: 8, display_name: 'Into a table group', schedule: [{ run_interval: 'daily', run_hour: 3, refresh_window: 1 }],
		accounts: [{ data_source_username: 'user.name@supermetrics.com', login_id: 2682599, account_id: '8733197711' }],
	};
	const dts = <T = ApiJson>(method: string, path: string, body?: object, authorization = `Bearer ${DEMO_KEY}`) => call<T>(method, path, body, { authorization });

	test('Create, Update and Validations take a seeded or imported group\'s schema_id; Get shows it', async () => {
		const created = await dts<{ data: { transfer_id: number } }>('POST', '/teams/12345/transfers', { ...CONFIG, schema_id: 90123 });
		expect(created.status).toBe(201);
		const id = created.json.data.transfer_id;
		expect((await dts<{ schema_id: number }>('GET', `/teams/12345/transfers/${id}`)).json.schema_id).toBe(90123);
		const imported = (await importGroup(IMPORT)).json.data;
		expect((await dts('PUT', `/teams/12345/transfers/${id}`, { ...CONFIG, schema_id: imported.schema_id })).status).toBe(200);
		expect((await dts<{ schema_id: number }>('GET', `/teams/12345/transfers/${id}`)).json.schema_id).toBe(imported.schema_id);
		expect((await dts('POST', '/teams/12345/transfers/validations', { ...CONFIG, display_name: 'Other', schema_id: 99999 })).json).toEqual({ is_valid: true, errors: [] });
	});

	test('Clone and Batch Create take it too', async () => {
		expect((await dts('POST', '/teams/12345/transfers/36091/clone', { schema_id: 99999 })).status).toBe(201);
		const answer = await dts<{ data: { has_errors: boolean } }>('POST', '/teams/12345/transfers/batch', { transfers: [{ ...CONFIG, schema_id: 90123 }] });
		expect(answer.json.data.has_errors).toBe(false);
	});

	test('another team\'s group\'s schema_id, or the group_id itself, is refused as an unknown schema', async () => {
		const theirs = (await importGroup(IMPORT, OTHER)).json.data;
		const refused = await dts('POST', '/teams/12345/transfers', { ...CONFIG, schema_id: theirs.schema_id });
		expect(refused.status).toBe(422);
		expect(refused.json.error?.description).toBe(`Unknown schema_id ${theirs.schema_id}.`);
		expect((await dts('POST', '/teams/12345/transfers', { ...CONFIG, schema_id: 'tg_123' })).status).toBe(400);
		expect((await dts('POST', '/teams/12345/transfers/36091/clone', { schema_id: theirs.schema_id })).status).toBe(422);
		const batch = await dts<{ data: { results: Array<{ validation_errors?: Array<{ field_id: string; error_code: string }> }> } }>('POST', '/teams/12345/transfers/batch', { transfers: [{ ...CONFIG, schema_id: theirs.schema_id }] });
		expect(batch.json.data.results[0].validation_errors).toEqual([{ field_id: 'schema_id', error_code: 'notFound', message: `Unknown schema_id ${theirs.schema_id}.` }]);
		// Their own team takes it, into one of its own destinations.
		const destination = await dts<{ data: { id: number } }>('POST', '/teams/999/destinations', { type: 'SQL_BQ', display_name: 'Theirs', fields: { project_id: 'p', dataset_location: 'EU' } }, OTHER);
		expect((await dts('POST', '/teams/999/transfers', { ...CONFIG, destination_id: destination.json.data.id, schema_id: theirs.schema_id }, OTHER)).status).toBe(201);
	});
});
