/**
 * Batch Rotate Secrets (newest reference): PATCH /teams/{team_id}/destinations/batch, {type,
 * updates: [1..100 {destination_id, new_secret}]} of one destination type. Batch-level checks (the
 * reference's prose: 1 to 100 items, a valid destination_id and a non-empty new_secret each, no
 * destination_id twice) refuse the whole batch with 400; then each update succeeds or fails alone.
 * No answer carries a secret; the store shows what was rotated.
 */
import { useSandboxClient } from './client';
import type { ApiJson } from './client';

const { holder, call } = useSandboxClient('/teams/12345');

const SNOWFLAKE = { hostname: 'h.snowflakecomputing.com', warehouse: 'W', database_name: 'D', schema: 'S', username: 'U', private_key: 'old-key' };

interface Rotated {
	meta: { request_id: string };
	data: { has_errors: boolean; results: Array<{ destination_id: number; status: 'success' | 'error'; error_code?: string; message?: string }> };
}

const rotate = (body: unknown, authorization?: string) => call<Rotated>('PATCH', '/destinations/batch', body as object, authorization ? { authorization } : {});
const add = async (type: string, display_name: string, fields: object, auth_method?: string) => {
	const answer = await call<{ data: { id: number } }>('POST', '/destinations', { type, display_name, fields, ...(auth_method ? { auth_method } : {}) });
	expect(answer.status).toBe(201);
	return answer.json.data.id;
};
const fields = (id: number) => holder.sandbox.state.destinations.get(String(id))?.fields as Record<string, unknown>;
const range = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

test('200 with a result per destination, in order; the new secret replaces the stored one, which no answer shows', async () => {
	const second = await add('DWH_SNOWFLAKE', 'Second', SNOWFLAKE);
	const withPassword = await add('DWH_SNOWFLAKE', 'With password', { ...SNOWFLAKE, private_key: undefined, password: 'old-password' }, 'AUTH_METHOD_PASSWORD');
	const answer = await rotate({ type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 8, new_secret: 'NEW-SECRET-8' }, { destination_id: second, new_secret: 'NEW-SECRET-2' }, { destination_id: withPassword, new_secret: 'NEW-PASSWORD' }] });
	expect(answer.status).toBe(200);
	expect(answer.json).toEqual({
		meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
		data: {
			has_errors: false,
			results: [
				{ destination_id: 8, status: 'success' },
				{ destination_id: second, status: 'success' },
				{ destination_id: withPassword, status: 'success' },
			],
		},
	});
	expect(answer.text).not.toContain('NEW-');
	expect(answer.headers.get('access-control-allow-origin')).toBe('*');
	expect(fields(8).private_key).toBe('NEW-SECRET-8');
	expect(fields(second).private_key).toBe('NEW-SECRET-2');
	expect(fields(withPassword).password).toBe('NEW-PASSWORD');
	expect(holder.sandbox.state.secretRotations).toEqual([
		{ destination_id: '8', team_id: '12345', field: 'private_key', at: expect.any(Number) },
		{ destination_id: String(second), team_id: '12345', field: 'private_key', at: expect.any(Number) },
		{ destination_id: String(withPassword), team_id: '12345', field: 'password', at: expect.any(Number) },
	]);
	expect(JSON.stringify(holder.sandbox.state.secretRotations)).not.toContain('NEW-');
	// Get still shows the secret as null (write-only); the other fields are untouched.
	const shown = await call<{ data: { edit_settings: Array<{ id: string; value: unknown }> } }>('GET', '/destinations/8');
	expect(shown.json.data.edit_settings.find((s) => s.id === 'private_key')?.value).toBeNull();
	expect(shown.text).not.toContain('NEW-');
	expect(fields(8).hostname).toBe('sandbox.snowflakecomputing.com');
});

test('each update alone: an unknown, another team\'s, or another type\'s destination, or one without a secret, fails; the rest succeed', async () => {
	const bigQuery = await add('SQL_BQ', 'BQ', { project_id: 'acme', dataset_location: 'EU' });
	const theirs = await call<{ data: { id: number } }>('POST', '/../999/destinations', { type: 'DWH_SNOWFLAKE', display_name: 'Theirs', fields: SNOWFLAKE });
	const answer = await rotate({
		type: 'DWH_SNOWFLAKE',
		updates: [
			{ destination_id: 4242, new_secret: 's1' },
			{ destination_id: theirs.json.data.id, new_secret: 's2' },
			{ destination_id: bigQuery, new_secret: 's3' },
			{ destination_id: 8, new_secret: 's4' },
		],
	});
	expect(answer.status).toBe(200);
	expect(answer.json.data).toEqual({
		has_errors: true,
		results: [
			{ destination_id: 4242, status: 'error', error_code: 'NOT_FOUND', message: 'Destination 4242 was not found in team 12345.' },
			{ destination_id: theirs.json.data.id, status: 'error', error_code: 'NOT_FOUND', message: `Destination ${theirs.json.data.id} was not found in team 12345.` },
			{ destination_id: bigQuery, status: 'error', error_code: 'DESTINATION_TYPE_MISMATCH', message: `Destination ${bigQuery} is SQL_BQ, not DWH_SNOWFLAKE; a batch rotates secrets of one destination type.` },
			{ destination_id: 8, status: 'success' },
		],
	});
	expect(fields(8).private_key).toBe('s4');
	expect(fields(theirs.json.data.id).private_key).toBe('old-key');
	// BigQuery with Supermetrics' service account has no secret to rotate.
	const none = await rotate({ type: 'SQL_BQ', updates: [{ destination_id: bigQuery, new_secret: 'x' }] });
	expect(none.json.data.results).toEqual([{ destination_id: bigQuery, status: 'error', error_code: 'UNPROCESSABLE_ENTITY', message: expect.stringContaining('no secret to rotate') }]);
	expect(none.text).not.toContain('"x"');
});

test('1 and 100 updates are taken', async () => {
	expect((await rotate({ type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 8, new_secret: 'one' }] })).json.data.has_errors).toBe(false);
	const hundred = await rotate({ type: 'DWH_SNOWFLAKE', updates: range(100, (i) => ({ destination_id: i === 0 ? 8 : 1000 + i, new_secret: `s${i}` })) });
	expect(hundred.status).toBe(200);
	expect(hundred.json.data.results).toHaveLength(100);
	expect(fields(8).private_key).toBe('s0');
});

test.each<[string, unknown, RegExp]>([
	['no updates', { type: 'DWH_SNOWFLAKE', updates: [] }, /between 1 and 100/],
	['101 updates', { type: 'DWH_SNOWFLAKE', updates: range(101, (i) => ({ destination_id: i + 1, new_secret: 's' })) }, /between 1 and 100/],
	['updates missing', { type: 'DWH_SNOWFLAKE' }, /'updates'/],
	['updates not an array', { type: 'DWH_SNOWFLAKE', updates: { destination_id: 8, new_secret: 's' } }, /'updates' must be an array/],
	['type missing', { updates: [{ destination_id: 8, new_secret: 's' }] }, /'type' is required/],
	['type not a string', { type: 5, updates: [{ destination_id: 8, new_secret: 's' }] }, /'type' must be a string/],
	['an unknown type', { type: 'SNOWFLAKE', updates: [{ destination_id: 8, new_secret: 's' }] }, /Unknown destination type/],
	['a type in the wrong case', { type: 'dwh_snowflake', updates: [{ destination_id: 8, new_secret: 's' }] }, /Unknown destination type/],
	['an item that is no object', { type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 8, new_secret: 's' }, 'x'] }, /updates\[1\] must be an object/],
	['an item without destination_id', { type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 8, new_secret: 's' }, { new_secret: 's' }] }, /updates\[1\]: The field 'destination_id' is required/],
	['a destination_id that is a string', { type: 'DWH_SNOWFLAKE', updates: [{ destination_id: '8', new_secret: 's' }] }, /must be an integer/],
	['destination_id 0', { type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 0, new_secret: 's' }] }, /between 1 and 2147483647/],
	['destination_id 2147483648', { type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 2147483648, new_secret: 's' }] }, /between 1 and 2147483647/],
	['an item without new_secret', { type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 8 }] }, /'new_secret' is required/],
	['an empty new_secret', { type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 8, new_secret: '' }] }, /'new_secret' must not be empty/],
	['a new_secret that is no string', { type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 8, new_secret: 12345 }] }, /'new_secret' must be a string/],
	['a destination_id twice', { type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 8, new_secret: 'a' }, { destination_id: 8, new_secret: 'b' }] }, /Duplicate destination_id 8/],
	['an array body', [{ destination_id: 8, new_secret: 's' }], /JSON object/],
])('400 INVALID_PARAMETER for %s; nothing is rotated', async (_case, body, description) => {
	const answer = await rotate(body);
	expect(answer.status).toBe(400);
	expect(answer.json).toEqual({ meta: { request_id: expect.any(String) }, error: { code: 'INVALID_PARAMETER', message: expect.any(String), description: expect.stringMatching(description) } });
	expect(fields(8).private_key).toBe('seeded-secret-key');
	expect(holder.sandbox.state.secretRotations).toEqual([]);
	expect(answer.text).not.toMatch(/"a"|"b"/);
});

test('a body that is not JSON is 400; the read-only key 403; the bare key 401; nothing rotated', async () => {
	const notJson = await fetch(`${holder.sandbox.url}/teams/12345/destinations/batch`, { method: 'PATCH', headers: { authorization: 'Bearer sandbox-demo-key' }, body: '{"type":' });
	expect(notJson.status).toBe(400);
	const body = { type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 8, new_secret: 's' }] };
	const readonly = await rotate(body, 'Bearer sandbox-readonly-key');
	expect(readonly.status).toBe(403);
	expect((readonly.json as unknown as ApiJson).error?.code).toBe('ACCESS_DENIED');
	expect((await rotate(body, 'sandbox-demo-key')).status).toBe(401);
	expect(fields(8).private_key).toBe('seeded-secret-key');
});

test('the batch path is not a destination id: GET, PUT and DELETE on it are 400, and the single-destination routes still work', async () => {
	expect((await call('GET', '/destinations/batch')).status).toBe(400);
	expect((await call('DELETE', '/destinations/batch')).status).toBe(400);
	expect((await call('GET', '/destinations/8')).status).toBe(200);
});
