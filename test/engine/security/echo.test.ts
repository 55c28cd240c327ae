/**
 * Whatever a server or proxy echoes, and however, the API key and the item's secrets are not in
 * what a person or a log sees: output items, errors, Continue On Fail items, the error n8n stores
 * (with its copy of the node's parameters) and the log. Masking leaves unrelated data alone.
 */
import { byCode, TEAM, without } from '../context';
import { runNode } from '../harness';
import { apiData, apiError } from '../hostile';
import { scriptedApi } from '../scripted';
import type { ScriptedApi } from '../scripted';
import { API_CANARY, everythingVisible, logLines } from '../support';

const PEM = [
	'-----BEGIN ENCRYPTED PRIVATE KEY-----',
	'MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIq3mJ0Tn7k7UCAggA',
	'MAwGCCqGSIb3DQIJBQAwFAYIKoZIhvcNAwcECB0dK1yP2kxWBIIEyIy4vKQ4bGfR',
	'-----END ENCRYPTED PRIVATE KEY-----',
].join('\n');
const PASSWORD = 'Tr0ub4dor&3-"quoted"/slash';

const api = scriptedApi();
beforeEach(() => {
	logLines.length = 0;
});

/** Every window of 10 characters of a secret: none may show, so no part long enough to use does. */
function expectHidden(visible: string, secret: string) {
	const flat = visible.replace(/\\n/g, '\n');
	for (let i = 0; i + 10 <= secret.length; i++) {
		const part = secret.slice(i, i + 10);
		if (part.trim().length < 10) continue;
		expect({ part, found: visible.includes(part) || flat.includes(part) }).toEqual({ part, found: false });
	}
}

const createConnection = { resource: 'dataSourceConnection', operation: 'create', teamId: TEAM, dataSourceId: byCode('GAWA'), destinationType: byCode('SQL_BQ') };
const createDestination = {
	resource: 'destination',
	operation: 'create',
	teamId: TEAM,
	destinationType: byCode('DWH_SNOWFLAKE'),
	displayName: 'Snowflake warehouse',
	secretsSource: 'node',
	secrets: { privateKey: PEM, password: PASSWORD },
};

async function both(parameters: Record<string, unknown>) {
	const results = [];
	for (const continueOnFail of [false, true]) {
		results.push(await runNode({ parameters, continueOnFail, credentials: { apiKey: API_CANARY, baseUrl: api.url } }));
	}
	return results;
}

const auth = (req: { headers: Record<string, unknown> }) => String(req.headers.authorization);

describe('an echoed API key never shows', () => {
	const echoes: Array<[string, ScriptedApi['answer']]> = [
		['in a JSON error description', (req, res) => apiError(res, 401, { code: 'API_KEY_INVALID', description: `Key ${auth(req)} is not valid.` })],
		['in a JSON error message and code', (req, res) => apiError(res, 400, { code: auth(req), message: `bad ${auth(req)}` })],
		[
			'in an HTML 502 page, spread over lines',
			(req, res) => {
				res.writeHead(502, { 'Content-Type': 'text/html' });
				res.end(`<html><body><h1>502</h1><pre>Authorization:\n   ${auth(req)}\n</pre></body></html>`);
			},
		],
		['in a 429 body, with a Retry-After past the wait', (req, res) => apiError(res, 429, { code: 'TOO_MANY_REQUESTS', description: `slow down ${auth(req)}` }, { 'Retry-After': '99999' })],
		['in a 2xx body, as a value and as a key', (req, res) => apiData(res, 201, { connection_id: '019461A0-0000-7000-8000-000000000001', note: `hello ${auth(req)}`, [auth(req)]: true })],
		['in the Location header', (req, res) => apiData(res, 201, { connection_id: '019461A0-0000-7000-8000-000000000001' }, { Location: `https://x.example/?k=${auth(req)}` })],
		['URL-encoded and base64 in a text page', (req, res) => {
			res.writeHead(500, { 'Content-Type': 'text/plain' });
			res.end(`k=${encodeURIComponent(auth(req))} b=${Buffer.from(auth(req)).toString('base64')}`);
		}],
		['after 150 characters of filler, where the excerpt is cut', (req, res) => {
			res.writeHead(503, { 'Content-Type': 'text/plain' });
			res.end(`${'x'.repeat(150)} ${auth(req)} and more`);
		}],
		['in a 201 body cut off in the middle of the key', (req, res) => {
			res.writeHead(201, { 'Content-Type': 'application/json' });
			res.end(`{"meta":{"request_id":"R"},"data":{"connection_id":"C","echo":"${auth(req).slice(0, 17)}`);
		}],
	];

	test.each(echoes)('%s', async (_name, handler) => {
		api.answer = handler;
		for (const result of await both(createConnection)) {
			// The server saw the real key: as Bearer, and after a 401 alone too (or alone first, once
			// it was taken so).
			const sent = api.received.slice(-2).map((r) => r.headers.authorization);
			for (const header of sent) expect([`Bearer ${API_CANARY}`, API_CANARY]).toContain(header);
			expectHidden(everythingVisible(result), API_CANARY);
		}
	});

	test('the 2xx answer still holds everything else, masked only where the key was', async () => {
		api.answer = (req, res) => apiData(res, 201, { connection_id: '019461A0-0000-7000-8000-000000000001', note: `hello ${auth(req)}` });
		const [result] = await both(createConnection);
		expect(result.output![0].json).toMatchObject({ connection_id: '019461A0-0000-7000-8000-000000000001', team_id: TEAM });
	});
});

describe('the secrets of a destination never show', () => {
	test.each<[string, ScriptedApi['answer']]>([
		['echoed in a JSON error', (_req, res) => apiError(res, 400, { description: `bad: ${PEM} / ${PASSWORD}` })],
		['echoed JSON-escaped in a text page (newlines as \\n)', (_req, res, received) => {
			res.writeHead(500, { 'Content-Type': 'text/plain' });
			res.end(`request was ${received.body}`);
		}],
		['echoed with its white space collapsed in an HTML page', (_req, res) => {
			res.writeHead(502, { 'Content-Type': 'text/html' });
			res.end(`<p>${PEM.replace(/\n/g, ' ')}</p><p>${PASSWORD.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</p>`);
		}],
		['echoed as keys of a 2xx answer', (_req, res) => apiData(res, 201, { id: 9, display_name: 'x', [PASSWORD]: PEM })],
		['not echoed at all: a plain 500', (_req, res) => apiError(res, 500, {})],
	])('%s', async (_name, handler) => {
		api.answer = handler;
		for (const result of await both(createDestination)) {
			// The secrets did go out, in the body, to the API only.
			expect(JSON.parse(api.received.at(-1)!.body).fields).toMatchObject({ private_key: PEM, password: PASSWORD });
			// Typed into the node, they are part of the workflow itself; everywhere else they are hidden.
			const visible = everythingVisible(result, { exceptWorkflow: true });
			expectHidden(visible, PEM);
			expectHidden(visible, PASSWORD);
		}
	});

	test('the error n8n stores carries the node with its secret parameters replaced', async () => {
		api.answer = (_req, res) => apiError(res, 500, {});
		const [stopped] = await both(createDestination);
		const stored = stopped.run.data.resultData.error as unknown as { node: { parameters: Record<string, unknown> } };
		expect(stored.node.parameters).toMatchObject({ displayName: 'Snowflake warehouse', secrets: { privateKey: '***', password: '***' } });
	});

	test('with the Destination Secrets credential, the workflow holds no secret at all', async () => {
		api.answer = (_req, res, received) => apiError(res, 400, { description: `request was ${received.body}` });
		const parameters = without(createDestination, 'secrets', 'secretsSource');
		const result = await runNode({
			parameters: { ...parameters, secretsSource: 'credential' },
			credentials: { apiKey: API_CANARY, baseUrl: api.url },
			secrets: { privateKey: PEM, password: PASSWORD },
		});
		expect(JSON.parse(api.received.at(-1)!.body).fields).toEqual({ private_key: PEM, password: PASSWORD });
		const visible = everythingVisible(result);
		expectHidden(visible, PEM);
		expectHidden(visible, PASSWORD);
	});
});

describe('masking never changes unrelated data', () => {
	test('password "12" leaves the new destination id "12" and its Location alone', async () => {
		api.answer = (_req, res) => apiData(res, 201, { id: 12, display_name: 'W12', destination_type: { type: 'DWH_SNOWFLAKE' }, edit_settings: [] }, { Location: `${api.url}/teams/12345/destinations/12` });
		const result = await runNode({
			parameters: { ...createDestination, secrets: { password: '12' } },
			credentials: { apiKey: API_CANARY, baseUrl: api.url },
		});
		expect(result.output![0].json).toMatchObject({ id: '12', display_name: 'W12', location: `${api.url}/teams/12345/destinations/12` });
	});

	test('password "a" leaves "Snowflake warehouse" alone, and a value that is only the password is hidden', async () => {
		api.answer = (_req, res) => apiData(res, 201, { id: 9, display_name: 'Snowflake warehouse', destination_type: { type: 'DWH_SNOWFLAKE' }, edit_settings: [{ id: 'password', value: 'a' }] });
		const result = await runNode({
			parameters: { ...createDestination, secrets: { password: 'a' } },
			credentials: { apiKey: API_CANARY, baseUrl: api.url },
		});
		expect(result.output![0].json).toMatchObject({ id: '9', display_name: 'Snowflake warehouse', edit_settings: [{ id: 'password', value: '***' }] });
	});
});
