/**
 * The sandbox must refuse what the real API refuses (reference: create-data-source-connection.txt,
 * which shows the key alone: the older files' reading, where that path takes either form).
 */
import axios from 'axios';
import { sleep } from 'n8n-workflow';

import { createSandbox } from './server';

let sandbox: Awaited<ReturnType<ReturnType<typeof createSandbox>['start']>>;
beforeAll(async () => {
	sandbox = await createSandbox({ rateLimit: { limit: 5 }, auth: 'perPath' }).start();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const KEY = 'sandbox-demo-key';
function post(path: string, body: unknown, headers: Record<string, string> = { Authorization: KEY }) {
	return axios.post(`${sandbox.url}${path}`, body, { headers, validateStatus: () => true });
}
const create = (body: unknown, team = '12345', headers?: Record<string, string>) =>
	post(`/teams/${team}/data-source-connections`, body, headers);
const VALID = { data_source_id: 'ADM', destination_type: 'DWH_SNOWFLAKE' };

test('201 with the documented body, an upper-case UUID, Location and CORS headers', async () => {
	const res = await create(VALID);
	expect(res.status).toBe(201);
	expect(res.data).toEqual({
		meta: { request_id: expect.stringMatching(/^[A-Za-z0-9_-]{1,50}$/) },
		data: { connection_id: expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/), login_url: null, connect_url: null },
	});
	expect(res.headers.location).toBe(`${sandbox.url}/teams/12345/data-source-connections/${res.data.data.connection_id}`);
	expect(res.headers['access-control-allow-origin']).toBe('*');
	expect(res.headers['content-type']).toBe('application/json');
});

test.each([
	['no key', {}],
	['an unknown key', { Authorization: 'nope' }],
])('401 API_KEY_INVALID with %s', async (_name, headers) => {
	const res = await create(VALID, '12345', headers);
	expect(res.status).toBe(401);
	expect(res.data).toEqual({
		meta: { request_id: expect.any(String) },
		error: { code: 'API_KEY_INVALID', message: 'Invalid API key', description: 'Provided API key was invalid.' },
	});
});

test('the key is accepted raw, as Bearer, or as the api_key body field', async () => {
	expect((await create(VALID, '1', { Authorization: KEY })).status).toBe(201);
	expect((await create(VALID, '1', { Authorization: `Bearer ${KEY}` })).status).toBe(201);
	expect((await create({ ...VALID, api_key: KEY }, '1', {})).status).toBe(201);
});

test('403 ACCESS_DENIED for a key without dwh_transfers_write', async () => {
	const res = await create(VALID, '1', { Authorization: 'sandbox-readonly-key' });
	expect(res.status).toBe(403);
	expect(res.data.error?.code).toBe('ACCESS_DENIED');
});

test.each(['0', '-1', 'abc', '1.5', '9223372036854775808', '99999999999999999999'])('400 for team_id %s', async (team) => {
	const res = await create(VALID, team);
	expect(res.status).toBe(400);
	expect(res.data.error?.code).toBe('INVALID_PARAMETER');
});

test('the largest int64 team id is accepted', async () => {
	expect((await create(VALID, '9223372036854775807')).status).toBe(201);
});

test.each([
	['a missing data_source_id', { destination_type: 'SQL_BQ' }, "'data_source_id' is required"],
	['a missing destination_type', { data_source_id: 'GA' }, "'destination_type' is required"],
	['a lower-case code', { data_source_id: 'ga', destination_type: 'SQL_BQ' }, "'data_source_id' must match"],
	['a 51-character code', { data_source_id: 'A'.repeat(51), destination_type: 'SQL_BQ' }, 'at most 50'],
	['a number for a code', { data_source_id: 7, destination_type: 'SQL_BQ' }, 'must be a string'],
	['an array body', [], 'JSON object'],
])('400 INVALID_PARAMETER for %s', async (_name, body, description) => {
	const res = await create(body);
	expect(res.status).toBe(400);
	expect(res.data.error?.code).toBe('INVALID_PARAMETER');
	expect(res.data.error?.description).toContain(description);
});

test('400 for a body that is not JSON', async () => {
	const res = await create('{"data_source_id":', '1', { Authorization: KEY, 'Content-Type': 'application/json' });
	expect(res.status).toBe(400);
});

test('422 UNPROCESSABLE_ENTITY for a well-formed but unknown code, with rate-limit headers', async () => {
	const res = await create({ data_source_id: 'NOPE', destination_type: 'SQL_BQ' });
	expect(res.status).toBe(422);
	expect(res.data.error?.code).toBe('UNPROCESSABLE_ENTITY');
	expect(res.headers['x-ratelimit-limit']).toBe('5');
	expect(res.headers['x-ratelimit-remaining']).toBe('4');
});

test('429 with Retry-After once the hourly limit is spent, per key', async () => {
	for (let i = 0; i < 5; i++) expect((await create(VALID)).status).toBe(201);
	const res = await create(VALID);
	expect(res.status).toBe(429);
	expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(3500);
	expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(3600);
	expect(res.data.error?.code).toBe('TOO_MANY_REQUESTS');
	// Another key has its own window.
	expect((await create(VALID, '1', { Authorization: 'sandbox-readonly-key' })).status).toBe(403);
});

test('404 for an unknown path, 405 for a wrong method', async () => {
	expect((await axios.get(`${sandbox.url}/nowhere`, { headers: { Authorization: KEY }, validateStatus: () => true })).status).toBe(404);
	expect((await axios.get(`${sandbox.url}/teams/1/data-source-connections`, { headers: { Authorization: KEY }, validateStatus: () => true })).status).toBe(405);
});

test('faults are consumed in order, and recorded requests show what arrived', async () => {
	sandbox.queueFault({ status: 500 }, { status: 429, retryAfter: 7 });
	expect((await create(VALID)).status).toBe(500);
	const limited = await create(VALID);
	expect(limited.status).toBe(429);
	expect(limited.headers['retry-after']).toBe('7');
	expect((await create(VALID)).status).toBe(201);
	expect(sandbox.requests.map((r: { fault?: string }) => r.fault ?? 'none')).toEqual(['500', '429', 'none']);
});

test('control endpoints queue faults and list requests for out-of-process runs', async () => {
	const base = sandbox.url.replace(/\/v1$/, '');
	await axios.post(`${base}/__sandbox/faults`, { status: 503 });
	expect((await create(VALID)).status).toBe(503);
	const { data } = await axios.get(`${base}/__sandbox/requests`);
	expect(data).toHaveLength(1);
	expect(data[0].body).toEqual(VALID);
});

test('chaos mode is seeded: the same seed gives the same faults', async () => {
	const run = async () => {
		sandbox.reset();
		sandbox.setChaos({ rate429: 0.2, rate500: 0.2, retryAfter: 1, seed: 7 });
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await create(VALID, String(i + 1), { Authorization: 'sandbox-demo-key' })).status);
		return statuses;
	};
	const first = await run();
	expect(await run()).toEqual(first);
	expect(first.some((s) => s !== 201)).toBe(true);
});

test('control endpoints move the clock and start a run, for out-of-process runs', async () => {
	const base = sandbox.url.replace(/\/v1$/, '');
	const before = sandbox.clock.now();
	const moved = await axios.post(`${base}/__sandbox/clock`, { advanceMs: 3600000 });
	expect(moved.data.now).toBe(new Date(Math.floor((before + 3600000) / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
	expect((await axios.get(`${base}/__sandbox/clock`)).data.now).toBe(moved.data.now);
	expect((await axios.post(`${base}/__sandbox/clock`, { advanceMs: -1 }, { validateStatus: () => true })).status).toBe(400);
	const run = await axios.post(`${base}/__sandbox/runs`, { transfer_id: '36091', data_date: '2024-01-13', duration_ms: 60000 });
	expect(run.data).toMatchObject({ transfer_id: '36091', data_date: '2024-01-13', outcome: 'FAILED', created_time: moved.data.now });
	expect(sandbox.state.runs.get(run.data.id)?.status).toBe('QUEUED');
	expect((await axios.post(`${base}/__sandbox/runs`, { transfer_id: '4242' }, { validateStatus: () => true })).status).toBe(404);
});

test('a gate holds matching requests, recorded and unanswered, until it is released', async () => {
	const gate = sandbox.hold({ method: 'POST', path: '/data-source-connections' });
	const pending = [create(VALID, '1'), create(VALID, '2')];
	const answered: number[] = [];
	pending.forEach((p) => p.then((res) => answered.push(res.status)));
	// A request the gate does not match is answered meanwhile.
	expect((await axios.get(`${sandbox.url}/teams/1/data-source-connections`, { headers: { Authorization: KEY }, validateStatus: () => true })).status).toBe(405);
	for (let i = 0; i < 400 && gate.held < 2; i++) await sleep(25);
	expect(gate.held).toBe(2);
	expect(answered).toEqual([]);
	expect(sandbox.requests.filter((r: { method: string }) => r.method === 'POST')).toHaveLength(2);
	gate.release();
	expect((await Promise.all(pending)).map((res) => res.status)).toEqual([201, 201]);
	expect(sandbox.gates).toEqual([]);
});
