/** A redirect never takes the key or a body to another origin; nothing is followed. */
import { byCode, TEAM } from '../context';
import { runNode } from '../harness';
import { apiData, hostileServer } from '../hostile';
import type { Hostile } from '../hostile';
import { API_CANARY, everythingVisible } from '../support';

/** A warehouse password: a canary that must reach no other origin and show nowhere. */
const WAREHOUSE_CANARY = 'warehouse-canary-77f1';

let api: Hostile;
let elsewhere: Hostile;
let status = 302;
let location = (path: string) => `${elsewhere.url}${path}`;

beforeAll(async () => {
	// Another origin: same machine, another port. It answers like the API would, to tempt a client.
	elsewhere = await hostileServer((_req, res) => apiData(res, 201, { connection_id: '019461A0-0000-7000-8000-0000000000EE' }));
	api = await hostileServer((req, res) => {
		res.writeHead(status, { Location: location(req.url?.replace(/^\/v1/, '') ?? '') });
		res.end();
	});
});
afterAll(async () => {
	await api.close();
	await elsewhere.close();
});
beforeEach(() => {
	api.received.length = 0;
	elsewhere.received.length = 0;
});

const run = (parameters: Record<string, unknown>, continueOnFail = false) =>
	runNode({ parameters, continueOnFail, credentials: { apiKey: API_CANARY, baseUrl: api.url } });

describe.each([301, 302, 303, 307, 308])('HTTP %i from the API host to another origin', (code) => {
	beforeEach(() => {
		status = code;
	});

	test('Create Data Source Connection: an error naming the status and the target origin; nothing sent there', async () => {
		const result = await run({ resource: 'dataSourceConnection', operation: 'create', teamId: TEAM, dataSourceId: byCode('GAWA'), destinationType: byCode('SQL_BQ') });
		expect(result.output).toBeUndefined();
		expect(result.error!.message).toBe(`The Supermetrics API answered with a redirect (HTTP ${code}) to ${elsewhere.origin}, which the node does not follow`);
		expect(api.received).toHaveLength(1);
		expect(api.received[0].headers.authorization).toBe(`Bearer ${API_CANARY}`);
		expect(elsewhere.received).toEqual([]);
	});

	test('Destination Create with a password: the body goes nowhere else; Continue On Fail gives the error item', async () => {
		const result = await run(
			{
				resource: 'destination',
				operation: 'create',
				teamId: TEAM,
				destinationType: byCode('DWH_SNOWFLAKE'),
				displayName: 'Warehouse',
				secretsSource: 'node',
				secrets: { password: WAREHOUSE_CANARY },
			},
			true,
		);
		expect(result.output!.map((item) => item.json.code)).toEqual(['REDIRECT_REFUSED']);
		expect(result.output![0].json.http_code).toBe(code);
		expect(api.received[0].body).toContain(WAREHOUSE_CANARY);
		expect(elsewhere.received).toEqual([]);
		expect(everythingVisible(result)).not.toContain(WAREHOUSE_CANARY);
	});

	test('a GET (Transfer List) is not followed either', async () => {
		const result = await run({ resource: 'transfer', operation: 'list', teamId: TEAM });
		expect(result.error!.message).toContain(`redirect (HTTP ${code})`);
		expect(elsewhere.received).toEqual([]);
	});
});

test('a redirect whose Location carries the key shows only the origin', async () => {
	status = 302;
	location = () => `${elsewhere.url}/steal?api_key=${encodeURIComponent(API_CANARY)}`;
	const result = await run({ resource: 'transfer', operation: 'list', teamId: TEAM });
	expect(result.error!.message).toContain(`to ${elsewhere.origin},`);
	expect(result.error!.message).not.toContain('/steal');
	expect(everythingVisible(result)).not.toContain(API_CANARY);
	expect(elsewhere.received).toEqual([]);
});
