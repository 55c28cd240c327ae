/**
 * A 2xx to a write means it was carried out. Whatever its body lacks (the spec makes transfer_id,
 * a destination's id and most other fields optional), the item says what the API did send and what
 * was missing, and is never an error a person would answer by running the item again.
 */
import { byCode, byId, byName, TEAM } from './context';
import { runNode } from './harness';
import { apiData } from './hostile';
import { scriptedApi } from './scripted';
import { API_CANARY } from './support';

const api = scriptedApi();

const run = (parameters: Record<string, unknown>) =>
	runNode({ parameters: { teamId: TEAM, ...parameters }, credentials: { apiKey: API_CANARY, baseUrl: api.url } });

/** Answers every request with `status` and this raw body (and headers). */
function answerWith(status: number, body: string | undefined, headers: Record<string, string> = {}) {
	api.answer = (_req, res) => {
		res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		res.end(body ?? '');
	};
}

const LOCATION = 'https://dts-api.supermetrics.com/v1/teams/12345/things/9';
const transferConfiguration = {
	dataSourceId: byCode('AW'),
	schemaId: '2',
	destinationId: byId('8'),
	displayName: 'Google Ads to Snowflake',
	schedule: { entries: [{ runInterval: 'daily', runHour: 22, refreshWindow: 1 }] },
	accounts: { entries: [{ accountId: '8733197711', dataSourceUsername: 'user.name@supermetrics.com', loginId: 2682599 }] },
};
const destinationConfiguration = {
	destinationType: byCode('DWH_SNOWFLAKE'),
	displayName: 'Warehouse',
	authMethod: 'AUTH_METHOD_KEY_PAIR',
	settings: byName({ hostname: 'acme.snowflakecomputing.com' }),
	secretsSource: 'none',
};

/** Each write, what it sends, and what its item must hand on whatever the answer. */
const WRITES: Array<{ name: string; parameters: Record<string, unknown>; status: number; call: string; expect: string[]; done: string; again?: boolean; echo: object; bare?: boolean; fixed?: boolean }> = [
	{ name: 'Data Source Connection: Create', parameters: { resource: 'dataSourceConnection', operation: 'create', dataSourceId: byCode('GAWA'), destinationType: byCode('SQL_BQ') }, status: 201, call: `POST /teams/${TEAM}/data-source-connections`, expect: ['connection_id'], done: 'the connection was created', again: true, echo: { team_id: TEAM, data_source_id: 'GAWA', connection_id: null }, fixed: true },
	{ name: 'Transfer: Create', parameters: { resource: 'transfer', operation: 'create', ...transferConfiguration }, status: 201, call: `POST /teams/${TEAM}/transfers`, expect: ['transfer_id'], done: 'the transfer was created', again: true, echo: {} },
	{ name: 'Transfer: Update', parameters: { resource: 'transfer', operation: 'update', transferId: byId('36091'), ...transferConfiguration }, status: 200, call: `PUT /teams/${TEAM}/transfers/36091`, expect: [], done: 'the transfer was updated', echo: { transfer_id: '36091' }, bare: true },
	{ name: 'Transfer: Pause or Resume', parameters: { resource: 'transfer', operation: 'changeState', transferId: byId('36091'), transferState: 'pause' }, status: 200, call: `PUT /teams/${TEAM}/transfers/36091/state`, expect: [], done: 'the state change was made', echo: { transfer_id: '36091' }, bare: true },
	{ name: 'Destination: Create', parameters: { resource: 'destination', operation: 'create', ...destinationConfiguration }, status: 201, call: `POST /teams/${TEAM}/destinations`, expect: ['id'], done: 'the destination was created', again: true, echo: {} },
	{ name: 'Destination: Update', parameters: { resource: 'destination', operation: 'update', destinationId: byId('8'), ...destinationConfiguration }, status: 200, call: `PUT /teams/${TEAM}/destinations/8`, expect: [], done: 'the destination was updated', echo: { destination_id: '8' } },
	{ name: 'Backfill: Create (waiting)', parameters: { resource: 'backfill', operation: 'create', transferId: byId('36091'), rangeStart: '2024-01-01', rangeEnd: '2024-01-31', waitUntilFinished: true, pollInterval: 1, maxWait: 1 }, status: 200, call: `POST /teams/${TEAM}/transfers/36091/backfills`, expect: ['transfer_backfill_id'], done: 'the backfill was scheduled', again: true, echo: {} },
	{ name: 'Backfill: Cancel', parameters: { resource: 'backfill', operation: 'cancel', backfillId: '12344' }, status: 200, call: `PATCH /teams/${TEAM}/backfills/12344`, expect: [], done: 'the backfill was cancelled', echo: { transfer_backfill_id: '12344' } },
];

describe.each(WRITES)('$name', ({ parameters, status, call, expect: expected, done, again, echo, bare, fixed }) => {
	async function item() {
		const result = await run(parameters);
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1);
		// Sent once: the node never repeats a write, nor waits on a backfill it has no id for.
		expect(api.received).toHaveLength(1);
		expect(`${api.received[0].method} ${api.received[0].url}`).toBe(call.replace(" ", " /v1"));
		return result.output![0].json;
	}

	test('a body that is not JSON: the item says the write was carried out and must not be repeated', async () => {
		answerWith(status, '{"meta":{"request_id":"R1"},"data":{"transfer_id":36', { Location: LOCATION });
		const json = await item();
		expect(json).toMatchObject({ ...echo, missing_fields: expected, request_id: null, location: LOCATION });
		expect(json.notice).toContain(`The API answered HTTP ${status} to ${call}, so ${done}, but its answer could not be read (not valid JSON: "{"meta"`);
		if (again) expect(json.notice).toContain('Do not run this item again');
	});

	if (bare) {
		// Its answer is a bare object whose fields are all optional: meta alone is an empty one.
		test('an answer with meta alone is a plain success', async () => {
			answerWith(status, JSON.stringify({ meta: { request_id: 'REQ-12345678' } }));
			expect(await item()).toEqual(echo);
		});
	} else {
		test('an answer without its data object: what the API sent, what was missing', async () => {
			answerWith(status, JSON.stringify({ meta: { request_id: 'REQ-12345678' } }));
			const json = await item();
			expect(json).toMatchObject({ ...echo, missing_fields: expected, request_id: 'REQ-12345678', location: null });
			expect(json.notice).toContain(`so ${done}, but its answer has no ${expected.length ? `data.${expected[0]}` : 'data object'}`);
		});
	}

	if (expected.length) {
		test(`data without ${expected[0]} (or with null): handed on as sent, with the notice`, async () => {
			api.answer = (_req, res) => apiData(res, status, { [expected[0]]: null, display_name: 'kept' }, { Location: LOCATION });
			const json = await item();
			expect(json).toMatchObject({ ...(fixed ? echo : { display_name: 'kept' }), missing_fields: expected, request_id: 'HOSTILE-REQUEST-2', location: LOCATION });
			expect(json.notice).toContain(`but its answer has no data.${expected[0]}`);
		});
	} else if (bare) {
		test('an empty bare object is a plain success', async () => {
			answerWith(status, '{}');
			expect(await item()).toEqual(echo);
		});
	} else {
		test('an empty object, where the spec has {meta, data}, says what was missing', async () => {
			answerWith(status, '{}');
			const json = await item();
			expect(json).toMatchObject({ ...echo, missing_fields: [], request_id: null });
			expect(json.notice).toContain(`so ${done}, but its answer has no data object`);
		});
	}
});

describe('a write with all it expects has no notice', () => {
	test('Transfer Create', async () => {
		api.answer = (_req, res) => apiData(res, 201, { transfer_id: 36092, transfer_name: 'x' });
		const result = await run(WRITES[1].parameters);
		expect(result.output![0].json).toEqual({ transfer_id: '36092', transfer_name: 'x' });
	});
});

describe('a byte order mark before the JSON', () => {
	test('is ignored, as RFC 8259 allows (proxies add one)', async () => {
		answerWith(200, `\uFEFF${JSON.stringify({ meta: { request_id: 'REQ-BOM-0001' }, data: [{ dwh_transfer_id: 36091, display_name: 'AW' }] })}`);
		const result = await run({ resource: 'transfer', operation: 'list' });
		expect(result.error).toBeUndefined();
		expect(result.output!.map((i) => i.json)).toEqual([{ dwh_transfer_id: '36091', transfer_id: '36091', display_name: 'AW' }]);
	});
});
