/**
 * The newest reference's two new ways to make transfers: Clone (POST …/transfers/{transfer_id}/clone,
 * its own override schema, not Create's) and Batch Create (POST …/transfers/batch, 1 to 100 of
 * Create's configurations, each created or refused on its own).
 */
import { useSandboxClient } from './client';
import type { ApiJson } from './client';

const { holder, call } = useSandboxClient('/teams/12345');

const SNOWFLAKE = { hostname: 'h.snowflakecomputing.com', warehouse: 'W', database_name: 'D', schema: 'S', username: 'U', private_key: 'k' };
const ACCOUNT = { data_source_username: 'user.name@supermetrics.com', login_id: 2682599, account_id: '8733197711' };
const VALID = { data_source_id: 'AW', schema_id: 2, destination_id: 8, display_name: 'Batch one', schedule: [{ run_interval: 'daily', run_hour: 5, refresh_window: 1 }], accounts: [ACCOUNT] };
const SEGMENT = { data_source_username: 'analyst@supermetrics.com', segment_id: '-1', segment_name: 'All users' };

interface Created {
	meta: { request_id: string };
	data: { transfer_id: number; transfer_name: string };
}
interface Configuration {
	transfer_id: number;
	display_name: string;
	schema_id: number;
	destination_id: number;
	accounts: object[];
	segments: object[];
	schedule: object[];
	data_source: { data_source_id: string; settings: object[] };
	notification_recipients: Array<{ email: string }> | null;
}
interface BatchResult {
	index: number;
	status: 'success' | 'error';
	transfer_id?: number;
	transfer_name?: string;
	error_code?: string;
	message?: string;
	validation_errors?: Array<{ field_id: string; error_code: string; message: string }>;
}
interface Batch {
	meta: { request_id: string };
	data: { has_errors: boolean; results: BatchResult[] };
}

const clone = (body?: unknown, transferId = '36091', authorization?: string) =>
	call<Created>('POST', `/transfers/${transferId}/clone`, body as object, authorization ? { authorization } : {});
const get = async (id: number | string) => (await call<Configuration>('GET', `/transfers/${id}`)).json;
const batch = (transfers: unknown, authorization?: string) => call<Batch>('POST', '/transfers/batch', { transfers }, authorization ? { authorization } : {});
const destination = async (type: string, display_name: string, fields: object) => {
	const answer = await call<{ data: { id: number } }>('POST', '/destinations', { type, display_name, fields });
	expect(answer.status).toBe(201);
	return answer.json.data.id;
};
/** Another team's path, from this client's /teams/12345 prefix (fetch resolves the dot segments). */
const team999 = (path: string) => `/../999${path}`;
const raw = (path: string, body: string) =>
	fetch(`${holder.sandbox.url}/teams/12345${path}`, { method: 'POST', headers: { authorization: 'Bearer sandbox-demo-key', 'content-type': 'application/json' }, body });
const range = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

function expectError(answer: { status: number; json: unknown }, status: number, code: string, description?: RegExp) {
	expect(answer.status).toBe(status);
	const error = (answer.json as ApiJson).error;
	expect(error).toMatchObject({ code });
	if (description) expect(error?.description).toMatch(description);
}

describe('Clone: POST /teams/{team_id}/transfers/{transfer_id}/clone', () => {
	test('{} clones as-is: 201, Location, "Copy of <source name>", the source\'s configuration, no notification recipients', async () => {
		expect((await call('PUT', '/transfers/36091', { ...VALID, display_name: 'AW enhanced 2022-11-17', notification_recipients: ['ops@example.com'] })).status).toBe(200);
		const source = await get(36091);
		const answer = await clone({});
		expect(answer.status).toBe(201);
		expect(answer.json).toEqual({ meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }, data: { transfer_id: 36092, transfer_name: 'Copy of AW enhanced 2022-11-17' } });
		expect(answer.headers.get('location')).toBe(`${holder.sandbox.url}/teams/12345/transfers/36092`);
		expect(answer.headers.get('access-control-allow-origin')).toBe('*');
		expect(await get(36092)).toEqual({ ...source, transfer_id: 36092, display_name: 'Copy of AW enhanced 2022-11-17', notification_recipients: null });
		expect(source.notification_recipients).toEqual([{ email: 'ops@example.com' }]);
	});

	test('no body at all clones as-is too; each further default name is made unique', async () => {
		expect((await clone()).json.data.transfer_name).toBe('Copy of AW enhanced 2022-11-17');
		expect((await clone()).json.data.transfer_name).toBe('Copy of AW enhanced 2022-11-17 (2)');
		expect((await clone(undefined, '36092')).json.data.transfer_name).toBe('Copy of Copy of AW enhanced 2022-11-17');
	});

	test('a default name stays within 255 characters', async () => {
		expect((await call('PUT', '/transfers/36091', { ...VALID, display_name: 'n'.repeat(255) })).status).toBe(200);
		const first = (await clone()).json.data.transfer_name;
		expect(first).toBe(`Copy of ${'n'.repeat(247)}`);
		const second = (await clone()).json.data.transfer_name;
		expect(second).toHaveLength(255);
		expect(second.endsWith(' (2)')).toBe(true);
	});

	test('every override replaces the source\'s value entirely (no deep merge)', async () => {
		const other = await destination('DWH_SNOWFLAKE', 'Second Snowflake', SNOWFLAKE);
		const overrides = {
			display_name: 'My Cloned Transfer',
			schema_id: 3,
			destination_id: other,
			accounts: [{ data_source_username: 'analyst@supermetrics.com', login_id: 2830506, account_id: '6620019375' }],
			segments: [SEGMENT],
			schedule: [{ run_interval: 'weekly', run_hour: 6, run_weekday: 1, refresh_window: 7 }, { run_interval: 'monthly', run_hour: 0, run_day: 31, refresh_window: 365 }],
			data_source_settings: [{ field_id: 'BRAND_KEYWORDS', value: null, group: 'Default' }, { value: { any: 'thing' } }],
			notification_recipients: ['a@example.com'],
		};
		const answer = await clone(overrides);
		expect(answer.status).toBe(201);
		expect(await get(answer.json.data.transfer_id)).toMatchObject({
			display_name: 'My Cloned Transfer',
			schema_id: 3,
			destination_id: other,
			accounts: overrides.accounts,
			segments: overrides.segments,
			schedule: overrides.schedule,
			data_source: { data_source_id: 'AW', settings: overrides.data_source_settings },
			notification_recipients: [{ email: 'a@example.com' }],
		});
	});

	test('the clone is independent: editing or deleting either leaves the other', async () => {
		const source = await get(36091);
		const id = (await clone({ display_name: 'Independent' })).json.data.transfer_id;
		expect((await call('PUT', `/transfers/${id}`, { ...VALID, display_name: 'Independent edited' })).status).toBe(200);
		expect(await get(36091)).toEqual(source);
		expect((await call('DELETE', '/transfers/36091')).status).toBe(204);
		expect((await get(id)).display_name).toBe('Independent edited');
		expect((await clone({}, '36091')).status).toBe(404);
	});

	test('data_source_id: the source\'s is taken as a no-op; another is 422, the data source being always inherited', async () => {
		expect((await clone({ data_source_id: 'AW' })).status).toBe(201);
		expectError(await clone({ data_source_id: 'GAWA' }), 422, 'UNPROCESSABLE_ENTITY', /inherited from the source transfer/);
	});

	test('destination_id: only the team\'s, and only of the source destination\'s type (422)', async () => {
		const bigQuery = await destination('SQL_BQ', 'BQ', { project_id: 'acme', dataset_location: 'EU' });
		expectError(await clone({ destination_id: bigQuery }), 422, 'UNPROCESSABLE_ENTITY', /must write into a DWH_SNOWFLAKE destination/);
		expectError(await clone({ destination_id: 4242 }), 422, 'UNPROCESSABLE_ENTITY', /does not exist in team 12345/);
		const elsewhere = await call<{ data: { id: number } }>('POST', team999('/destinations'), { type: 'DWH_SNOWFLAKE', display_name: 'Theirs', fields: SNOWFLAKE });
		expect(elsewhere.status).toBe(201);
		expectError(await clone({ destination_id: elsewhere.json.data.id }), 422, 'UNPROCESSABLE_ENTITY', /does not exist in team 12345/);
		expect((await clone({ destination_id: 8 })).status).toBe(201);
	});

	test('schema_id: a standard schema or the team\'s table group\'s; anything else is 422', async () => {
		expect((await clone({ schema_id: 3 })).status).toBe(201);
		expect((await clone({ schema_id: 90123 })).status).toBe(201);
		expectError(await clone({ schema_id: 4 }), 422, 'UNPROCESSABLE_ENTITY', /Unknown schema_id 4/);
		expectError(await clone({ schema_id: 2147483647 }), 422, 'UNPROCESSABLE_ENTITY');
	});

	test('an explicit display_name another transfer has is 422 (Clone declares no 409)', async () => {
		expectError(await clone({ display_name: 'AW enhanced 2022-11-17' }), 422, 'UNPROCESSABLE_ENTITY', /already named/);
	});

	test('the clone schema is not Create\'s: no hourly, refresh_window at most 365, required item fields, run_hour required', async () => {
		const created = await call('POST', '/transfers', { ...VALID, schedule: [{ run_interval: 'hourly' }], accounts: [{ account_id: 'x' }] });
		expect(created.status).toBe(201);
		expectError(await clone({ schedule: [{ run_interval: 'hourly', run_hour: 1, refresh_window: 1 }] }), 400, 'INVALID_PARAMETER', /run_interval/);
		expectError(await clone({ accounts: [{ account_id: 'x' }] }), 400, 'INVALID_PARAMETER', /data_source_username/);
	});

	test.each<[string, unknown, number]>([
		['display_name of 255', { display_name: 'd'.repeat(255) }, 201],
		['display_name of 256', { display_name: 'd'.repeat(256) }, 400],
		['an empty display_name', { display_name: '' }, 400],
		['a display_name that is no string', { display_name: 5 }, 400],
		['schema_id 0', { schema_id: 0 }, 400],
		['schema_id 2147483648', { schema_id: 2147483648 }, 400],
		['schema_id 2.5', { schema_id: 2.5 }, 400],
		['schema_id "2"', { schema_id: '2' }, 400],
		['destination_id 0', { destination_id: 0 }, 400],
		['destination_id 2147483648', { destination_id: 2147483648 }, 400],
		['1000 accounts', { accounts: range(1000, (i) => ({ ...ACCOUNT, account_id: String(i) })) }, 201],
		['1001 accounts', { accounts: range(1001, (i) => ({ ...ACCOUNT, account_id: String(i) })) }, 400],
		['an account without login_id', { accounts: [{ data_source_username: 'u', account_id: '1' }] }, 400],
		['an account without account_id', { accounts: [{ data_source_username: 'u', login_id: 1 }] }, 400],
		['an account with login_id 0', { accounts: [{ ...ACCOUNT, login_id: 0 }] }, 400],
		['an account with login_id 2147483648', { accounts: [{ ...ACCOUNT, login_id: 2147483648 }] }, 400],
		['an account_id of 101', { accounts: [{ ...ACCOUNT, account_id: 'a'.repeat(101) }] }, 400],
		['a data_source_username of 256', { accounts: [{ ...ACCOUNT, data_source_username: 'u'.repeat(256) }] }, 400],
		['accounts that is no array', { accounts: ACCOUNT }, 400],
		['an account that is no object', { accounts: ['x'] }, 400],
		['no accounts', { accounts: [] }, 201],
		['100 segments', { segments: range(100, (i) => ({ ...SEGMENT, segment_id: String(i) })) }, 201],
		['101 segments', { segments: range(101, (i) => ({ ...SEGMENT, segment_id: String(i) })) }, 400],
		['a segment without segment_id', { segments: [{ data_source_username: 'u' }] }, 400],
		['a segment without data_source_username', { segments: [{ segment_id: '1' }] }, 400],
		['a segment_name of 256', { segments: [{ ...SEGMENT, segment_name: 's'.repeat(256) }] }, 400],
		['10 schedule entries', { schedule: range(10, (i) => ({ run_interval: 'daily', run_hour: i, refresh_window: 1 })) }, 201],
		['11 schedule entries', { schedule: range(11, (i) => ({ run_interval: 'daily', run_hour: i, refresh_window: 1 })) }, 400],
		['an empty schedule', { schedule: [] }, 400],
		['a schedule entry without refresh_window', { schedule: [{ run_interval: 'daily', run_hour: 1 }] }, 400],
		['refresh_window 365', { schedule: [{ run_interval: 'daily', run_hour: 1, refresh_window: 365 }] }, 201],
		['refresh_window 366', { schedule: [{ run_interval: 'daily', run_hour: 1, refresh_window: 366 }] }, 400],
		['refresh_window 0', { schedule: [{ run_interval: 'daily', run_hour: 1, refresh_window: 0 }] }, 400],
		['a schedule entry without run_interval', { schedule: [{ run_hour: 1, refresh_window: 1 }] }, 400],
		['a schedule entry without run_hour (its description: required for daily, weekly, monthly)', { schedule: [{ run_interval: 'daily', refresh_window: 1 }] }, 400],
		['run_hour 24', { schedule: [{ run_interval: 'daily', run_hour: 24, refresh_window: 1 }] }, 400],
		['weekly without run_weekday', { schedule: [{ run_interval: 'weekly', run_hour: 1, refresh_window: 1 }] }, 400],
		['run_weekday 8', { schedule: [{ run_interval: 'weekly', run_hour: 1, run_weekday: 8, refresh_window: 1 }] }, 400],
		['monthly without run_day', { schedule: [{ run_interval: 'monthly', run_hour: 1, refresh_window: 1 }] }, 400],
		['run_day 32', { schedule: [{ run_interval: 'monthly', run_hour: 1, run_day: 32, refresh_window: 1 }] }, 400],
		['100 data_source_settings', { data_source_settings: range(100, (i) => ({ field_id: `F${i}`, value: i })) }, 201],
		['101 data_source_settings', { data_source_settings: range(101, (i) => ({ field_id: `F${i}`, value: i })) }, 400],
		['a setting field_id of 101', { data_source_settings: [{ field_id: 'f'.repeat(101) }] }, 400],
		['a setting group of 101', { data_source_settings: [{ field_id: 'F', group: 'g'.repeat(101) }] }, 400],
		['50 notification_recipients', { notification_recipients: range(50, (i) => `n${i}@example.com`) }, 201],
		['51 notification_recipients', { notification_recipients: range(51, (i) => `n${i}@example.com`) }, 400],
		['a recipient that is no email', { notification_recipients: ['not an email'] }, 400],
		['a recipient of 256', { notification_recipients: [`${'r'.repeat(244)}@example.com`] }, 400],
		['a field the clone schema does not declare (no additionalProperties: false)', { transfer_type: 3 }, 201],
		['an array body', [], 400],
		['a string body', 'copy', 400],
	])('%s: %i', async (_case, body, status) => {
		const before = holder.sandbox.state.transfers.size;
		const answer = await clone(body);
		expect(answer.status).toBe(status);
		if (status === 400) expect((answer.json as ApiJson).error?.code).toBe('INVALID_PARAMETER');
		expect(holder.sandbox.state.transfers.size).toBe(before + (status === 201 ? 1 : 0));
	});

	test('a body that is not JSON is 400', async () => {
		expect((await raw('/transfers/36091/clone', '{"display_name":')).status).toBe(400);
	});

	test.each([
		['0', 400],
		['2147483648', 400],
		['abc', 400],
		['99999', 404],
	])('source transfer_id %s: %i', async (id, status) => {
		const answer = await clone({}, id);
		expect(answer.status).toBe(status);
		expect((answer.json as ApiJson).error?.code).toBe(status === 404 ? 'NOT_FOUND' : 'INVALID_PARAMETER');
	});

	test('another team\'s transfer is 404; the read-only key is 403; the bare key is 401', async () => {
		expect((await call('POST', team999('/transfers/36091/clone'), {})).status).toBe(404);
		expectError(await clone({}, '36091', 'Bearer sandbox-readonly-key'), 403, 'ACCESS_DENIED');
		expect((await clone({}, '36091', 'sandbox-demo-key')).status).toBe(401);
		expect(holder.sandbox.state.transfers.size).toBe(1);
	});
});

describe('Batch Create: POST /teams/{team_id}/transfers/batch', () => {
	test('200 with a result per item, by index: the transfers are created, in order', async () => {
		const answer = await batch([VALID, { ...VALID, display_name: 'Batch two', data_source_id: 'FA', schedule: [{ run_interval: 'hourly' }] }]);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
			data: {
				has_errors: false,
				results: [
					{ index: 0, transfer_id: 36092, transfer_name: 'Batch one', status: 'success' },
					{ index: 1, transfer_id: 36093, transfer_name: 'Batch two', status: 'success' },
				],
			},
		});
		expect((await get(36093)).data_source.data_source_id).toBe('FA');
		expect(answer.headers.get('access-control-allow-origin')).toBe('*');
	});

	test('each item alone: a failing item leaves the others created; has_errors true', async () => {
		const noDestination = { ...VALID, destination_id: undefined };
		const answer = await batch([VALID, { ...noDestination, display_name: 'No destination' }, { ...VALID, display_name: 'Batch three' }]);
		expect(answer.status).toBe(200);
		expect(answer.json.data.has_errors).toBe(true);
		expect(answer.json.data.results).toEqual([
			{ index: 0, transfer_id: 36092, transfer_name: 'Batch one', status: 'success' },
			{
				index: 1,
				status: 'error',
				error_code: 'DWH_INVALID_TRANSFER_SETUP_DATA',
				message: 'Transfer configuration is invalid. Check validation_errors for details.',
				validation_errors: [{ field_id: 'destination_id', error_code: 'isEmpty', message: "The field 'destination_id' is required." }],
			},
			{ index: 2, transfer_id: 36093, transfer_name: 'Batch three', status: 'success' },
		]);
	});

	test.each([
		['a missing field', { ...VALID, schedule: undefined }],
		['an unknown field', { ...VALID, owner: 'me' }],
		['an unknown data source', { ...VALID, data_source_id: 'NOPE' }],
		['an unknown schema', { ...VALID, schema_id: 77 }],
		['another team\'s destination', { ...VALID, destination_id: 4242 }],
		['a bad schedule entry', { ...VALID, schedule: [{ run_interval: 'yearly' }] }],
		['an empty schedule', { ...VALID, schedule: [] }],
		['a recipient that is no email', { ...VALID, notification_recipients: ['nope'] }],
		['a display_name of 256', { ...VALID, display_name: 'd'.repeat(256) }],
		['several problems at once', { data_source_id: 'nope', schema_id: 'two', display_name: 7 }],
	])('an item with %s is refused as Create refuses it: every problem Create finds, the first one Create\'s answer', async (_case, item) => {
		const single = await call('POST', '/transfers', item);
		const validation = await call<{ errors: Array<{ field_id: string; error_code: string }> }>('POST', '/transfers/validations', item);
		const answer = await batch([item]);
		const [result] = answer.json.data.results;
		expect(result).toMatchObject({ index: 0, status: 'error', error_code: 'DWH_INVALID_TRANSFER_SETUP_DATA' });
		expect(result.validation_errors?.map(({ field_id, error_code }) => ({ field_id, error_code }))).toEqual(validation.json.errors);
		expect(result.validation_errors?.[0].message).toBe((single.json as ApiJson).error?.description);
		expect(holder.sandbox.state.transfers.size).toBe(1);
	});

	test('a name already taken (Create\'s 409) is DWH_TRANSFER_CREATE_FAILED; so is a later item taking an earlier one\'s name', async () => {
		expect((await call('POST', '/transfers', VALID)).status).toBe(201);
		const single = await call('POST', '/transfers', VALID);
		expect(single.status).toBe(409);
		const answer = await batch([VALID, { ...VALID, display_name: 'Fresh' }, { ...VALID, display_name: 'Fresh', schema_id: 3 }]);
		expect(answer.json.data.results).toEqual([
			{ index: 0, status: 'error', error_code: 'DWH_TRANSFER_CREATE_FAILED', message: (single.json as ApiJson).error?.description },
			{ index: 1, transfer_id: 36093, transfer_name: 'Fresh', status: 'success' },
			{ index: 2, status: 'error', error_code: 'DWH_TRANSFER_CREATE_FAILED', message: "Transfer 36093 is already named 'Fresh'." },
		]);
	});

	test('an item that is no object is INVALID_ITEM_DATA', async () => {
		const answer = await batch([null, 'x', [VALID], 7, VALID]);
		expect(answer.json.data.results.map((r) => [r.index, r.status, r.error_code])).toEqual([
			[0, 'error', 'INVALID_ITEM_DATA'],
			[1, 'error', 'INVALID_ITEM_DATA'],
			[2, 'error', 'INVALID_ITEM_DATA'],
			[3, 'error', 'INVALID_ITEM_DATA'],
			[4, 'success', undefined],
		]);
	});

	test('exact duplicates within the batch: the first is created, each later copy refused with DWH_BATCH_CREATE_DUPLICATE_CONFIGURATION, whatever its key order', async () => {
		const reordered = Object.fromEntries(Object.entries(VALID).reverse());
		const other = { ...VALID, display_name: 'Other' };
		const answer = await batch([VALID, other, reordered, VALID]);
		expect(answer.json.data.has_errors).toBe(true);
		expect(answer.json.data.results).toEqual([
			{ index: 0, transfer_id: 36092, transfer_name: 'Batch one', status: 'success' },
			{ index: 1, transfer_id: 36093, transfer_name: 'Other', status: 'success' },
			{ index: 2, status: 'error', error_code: 'DWH_BATCH_CREATE_DUPLICATE_CONFIGURATION', message: 'Item 2 is an exact duplicate of item 0 in this batch.' },
			{ index: 3, status: 'error', error_code: 'DWH_BATCH_CREATE_DUPLICATE_CONFIGURATION', message: 'Item 3 is an exact duplicate of item 0 in this batch.' },
		]);
		// Two invalid copies: the first is refused as invalid, the copy as a duplicate.
		const invalid = { ...VALID, display_name: 'Invalid', schema_id: 77 };
		expect((await batch([invalid, invalid])).json.data.results.map((r) => r.error_code)).toEqual(['DWH_INVALID_TRANSFER_SETUP_DATA', 'DWH_BATCH_CREATE_DUPLICATE_CONFIGURATION']);
	});

	test('1 and 100 items are taken; 100 are all created', async () => {
		expect((await batch([VALID])).json.data.results).toHaveLength(1);
		const hundred = await batch(range(100, (i) => ({ ...VALID, display_name: `T${i}` })));
		expect(hundred.status).toBe(200);
		expect(hundred.json.data.has_errors).toBe(false);
		expect(hundred.json.data.results.map((r) => r.index)).toEqual(range(100, (i) => i));
		expect(holder.sandbox.state.transfers.size).toBe(102);
	});

	test.each([
		['an empty batch', [], 'DWH_BATCH_EMPTY'],
		['101 items', range(101, (i) => ({ ...VALID, display_name: `T${i}` })), 'DWH_BATCH_TOO_LARGE'],
		['transfers as an object', VALID, 'DWH_BATCH_NOT_ARRAY'],
		['transfers as a string', 'all', 'DWH_BATCH_NOT_ARRAY'],
		['transfers null', null, 'DWH_BATCH_NOT_ARRAY'],
	])('400 for %s, code %s, nothing created', async (_case, transfers, code) => {
		const answer = await batch(transfers);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ meta: { request_id: expect.any(String) }, error: { code, message: 'Batch-level validation failed; no transfers were created.', description: expect.any(String) } });
		expect(holder.sandbox.state.transfers.size).toBe(1);
	});

	test('400 DWH_BATCH_NOT_ARRAY without transfers; 400 INVALID_PARAMETER for a body that is no object or not JSON', async () => {
		expectError(await call('POST', '/transfers/batch', {}), 400, 'DWH_BATCH_NOT_ARRAY');
		expectError(await call('POST', '/transfers/batch', [VALID]), 400, 'INVALID_PARAMETER');
		const notJson = await raw('/transfers/batch', '{"transfers": [');
		expect(notJson.status).toBe(400);
		expect(((await notJson.json()) as ApiJson).error?.code).toBe('INVALID_PARAMETER');
	});

	test('the read-only key is 403; a bad team id 400; the bare key 401', async () => {
		expectError(await batch([VALID], 'Bearer sandbox-readonly-key'), 403, 'ACCESS_DENIED');
		expect((await call('POST', '/../0/transfers/batch', { transfers: [VALID] })).status).toBe(400);
		expect((await batch([VALID], 'sandbox-demo-key')).status).toBe(401);
		expect(holder.sandbox.state.transfers.size).toBe(1);
	});

	test('a table group\'s schema_id is taken per item, for the team that owns the group', async () => {
		const answer = await batch([{ ...VALID, schema_id: 90123 }, { ...VALID, display_name: 'Ads', schema_id: 99999 }]);
		expect(answer.json.data.has_errors).toBe(false);
		expect((await get(36093)).schema_id).toBe(99999);
	});
});
