/**
 * Transfer → Create Many and Destination → Rotate Secrets: input items sent together, 100 to a
 * request, each item exactly one output paired to it; a request never retried; a run without
 * Continue On Fail stops after the request that refused an item, saying which items were done.
 */
import { byCode, byId, TEAM } from './context';
import { runNode } from './harness';
import { apiData } from './hostile';
import { scriptedApi } from './scripted';
import { API_CANARY, everythingVisible } from './support';

const api = scriptedApi();
const bodies = () => api.received.map((r) => JSON.parse(r.body));
const jsonOf = (result: Awaited<ReturnType<typeof runNode>>) => (result.output ?? []).map((item) => item.json);

const configuration = {
	teamId: TEAM,
	dataSourceId: byCode('GAWA'),
	schemaId: '2',
	destinationId: byId('8'),
	displayName: '={{ $json.name }}',
	schedule: { entries: [{ runInterval: 'daily', runHour: 5, refreshWindow: 3 }] },
	accounts: { entries: [{ accountId: '={{ $json.account }}', dataSourceUsername: 'u@client.com', loginId: 2682599 }] },
};
const createMany = (items: object[], extra: { continueOnFail?: boolean; parameters?: Record<string, unknown> } = {}) =>
	runNode({
		parameters: { resource: 'transfer', operation: 'createMany', ...configuration, ...extra.parameters },
		items,
		continueOnFail: extra.continueOnFail,
		credentials: { apiKey: API_CANARY, baseUrl: api.url },
	});
const clients = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `Client ${i}`, account: String(1000 + i) }));

/** Answers a batch create: every transfer created, but those whose display name is in `refuse`. */
function batchAnswers(refuse: string[] = []) {
	let next = 50000;
	api.answer = (_req, res, received) => {
		const { transfers } = JSON.parse(received.body) as { transfers: Array<{ display_name: string }> };
		const results = transfers.map((t, index) =>
			refuse.includes(t.display_name)
				? { index, status: 'error', error_code: 'DWH_INVALID_TRANSFER_SETUP_DATA', message: 'Transfer configuration is invalid.', validation_errors: [{ field_id: 'destination_id', error_code: 'Value is required', message: 'This field is required.' }] }
				: { index, status: 'success', transfer_id: next++, transfer_name: t.display_name },
		);
		apiData(res, 200, { has_errors: results.some((r) => r.status === 'error'), results });
	};
}

describe('Transfer → Create Many', () => {
	test('150 items: two requests (100 and 50), each item its own transfer, in order', async () => {
		batchAnswers();
		const result = await createMany(clients(150));
		expect(result.error).toBeUndefined();
		expect(api.received.map((r) => `${r.method} ${r.url}`)).toEqual([`POST /v1/teams/${TEAM}/transfers/batch`, `POST /v1/teams/${TEAM}/transfers/batch`]);
		expect(bodies().map((b) => b.transfers.length)).toEqual([100, 50]);
		expect(bodies()[0].transfers[0]).toEqual({
			data_source_id: 'GAWA',
			schema_id: 2,
			destination_id: 8,
			display_name: 'Client 0',
			schedule: [{ run_interval: 'daily', run_hour: 5, refresh_window: 3 }],
			accounts: [{ account_id: '1000', data_source_username: 'u@client.com', login_id: 2682599 }],
		});
		const out = result.output!;
		expect(out).toHaveLength(150);
		expect(out.map((item) => item.pairedItem)).toEqual(out.map((_, i) => ({ item: i })));
		expect(out[149].json).toEqual({ transfer_id: '50149', transfer_name: 'Client 149', status: 'success' });
	});

	test('Continue On Fail: a refused item is an error item with the API\'s code and field errors; the others are created', async () => {
		batchAnswers(['Client 1']);
		const result = await createMany(clients(3), { continueOnFail: true });
		const [first, refused, third] = jsonOf(result);
		expect(first).toMatchObject({ transfer_id: '50000', status: 'success' });
		expect(refused).toMatchObject({
			error: 'Transfer configuration is invalid. (DWH_INVALID_TRANSFER_SETUP_DATA)',
			code: 'DWH_INVALID_TRANSFER_SETUP_DATA',
			http_code: 200,
			description: 'destination_id: This field is required.',
		});
		expect(third).toMatchObject({ transfer_id: '50001', status: 'success' });
	});

	test('without it: the run stops after the request that refused an item, naming the items created and those never sent', async () => {
		batchAnswers(['Client 101']);
		const result = await createMany(clients(250));
		expect(api.received).toHaveLength(2);
		expect(result.error!.message).toBe('Transfer configuration is invalid. (DWH_INVALID_TRANSFER_SETUP_DATA) (item 101; 199 of the run\'s items were created)');
		expect(result.error!.description).toContain('Transfers created, do not run these items again: 0, 1, 2,');
		expect(result.error!.description).toContain('Refused: items 101.');
		expect(result.error!.description).toContain('Not sent: items 200, 201,');
	});

	test('an item\'s input refused: nothing is sent, and the error names the field, the value and the item', async () => {
		batchAnswers();
		const result = await createMany([...clients(2), { name: 'x'.repeat(256), account: '9' }]);
		expect(api.received).toEqual([]);
		expect(result.error!.message).toMatch(/^Invalid Display Name "x{256}" in item 2: must be at most 255 characters/);
		const lenient = await createMany([...clients(2), { name: 'x'.repeat(256), account: '9' }], { continueOnFail: true });
		expect(jsonOf(lenient).map((j) => j.status ?? j.code)).toEqual(['success', 'success', 'INVALID_INPUT']);
		expect(bodies()[0].transfers).toHaveLength(2);
	});

	test('a 5xx is not retried: each item of that request says it may have been created', async () => {
		api.answer = (_req, res) => {
			res.writeHead(502, { 'Content-Type': 'text/plain' });
			res.end('bad gateway');
		};
		const lenient = await createMany(clients(2), { continueOnFail: true });
		expect(api.received).toHaveLength(1);
		expect(jsonOf(lenient).map((j) => j.code)).toEqual(['HTTP_502', 'HTTP_502']);
		expect(String(jsonOf(lenient)[0].description)).toContain('it may have been carried out');
		const strict = await createMany(clients(2));
		expect(strict.error!.description).toContain('The request for items 0, 1 failed: the transfers may have been created; find them with Transfer → List before running them again.');
	});

	test('a 2xx without results: each item says the request was carried out, never an error to run again', async () => {
		api.answer = (_req, res) => apiData(res, 200, {});
		const result = await createMany(clients(2));
		expect(result.error).toBeUndefined();
		for (const json of jsonOf(result)) {
			expect(json).toMatchObject({ status: 'unknown', request_id: 'HOSTILE-REQUEST-2' });
			expect(json.notice).toContain('The transfer may have been created: find it with Transfer → List before running this item again.');
		}
	});

	test('items of other teams go in their own requests', async () => {
		batchAnswers();
		const result = await createMany([{ ...clients(1)[0], team: '1' }, { ...clients(2)[1], team: '2' }, { ...clients(3)[2], team: '1' }], { parameters: { teamId: '={{ $json.team }}' } });
		expect(result.error).toBeUndefined();
		expect(api.received.map((r) => r.url)).toEqual(['/v1/teams/1/transfers/batch', '/v1/teams/2/transfers/batch']);
		expect(bodies().map((b) => b.transfers.map((t: { display_name: string }) => t.display_name))).toEqual([['Client 0', 'Client 2'], ['Client 1']]);
		expect(jsonOf(result).map((j) => j.transfer_name)).toEqual(['Client 0', 'Client 1', 'Client 2']);
	});
});

describe('Destination → Rotate Secrets', () => {
	const ROTATED = 'vault-secret-8f3a-never-shown';
	const rotate = (items: object[], extra: { continueOnFail?: boolean; parameters?: Record<string, unknown>; secrets?: object } = {}) =>
		runNode({
			parameters: { resource: 'destination', operation: 'rotateSecrets', teamId: TEAM, destinationId: byId('={{ $json.id }}'), destinationType: byCode('={{ $json.type }}'), secretsSource: 'item', inputField: 'vault.secret', ...extra.parameters },
			items,
			continueOnFail: extra.continueOnFail,
			credentials: { apiKey: API_CANARY, baseUrl: api.url },
			secrets: extra.secrets,
		});
	/** Rotates each destination, but refuses `refuse`, echoing its secret back. */
	function rotation(refuse?: number) {
		api.answer = (_req, res, received) => {
			const { updates } = JSON.parse(received.body) as { updates: Array<{ destination_id: number; new_secret: string }> };
			const results = updates.map((u) => (u.destination_id === refuse ? { destination_id: u.destination_id, status: 'error', error_code: 'DWH_DESTINATION_UPDATE_FAILED', message: `Secret ${u.new_secret} was rejected` } : { destination_id: u.destination_id, status: 'success' }));
			apiData(res, 200, { has_errors: refuse !== undefined, results });
		};
	}
	const item = (id: number, type = 'DWH_SNOWFLAKE', secret = `${ROTATED}-${id}`) => ({ id: String(id), type, vault: { secret } });

	test('from the input item: one request per destination type, each destination its own result, no secret in any output', async () => {
		rotation();
		const result = await rotate([item(8), item(9), item(10, 'SQL_BQ')]);
		expect(result.error).toBeUndefined();
		expect(api.received.map((r) => `${r.method} ${r.url}`)).toEqual([`PATCH /v1/teams/${TEAM}/destinations/batch`, `PATCH /v1/teams/${TEAM}/destinations/batch`]);
		expect(bodies()).toEqual([
			{ type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 8, new_secret: `${ROTATED}-8` }, { destination_id: 9, new_secret: `${ROTATED}-9` }] },
			{ type: 'SQL_BQ', updates: [{ destination_id: 10, new_secret: `${ROTATED}-10` }] },
		]);
		expect(jsonOf(result)).toEqual([
			{ destination_id: '8', status: 'success' },
			{ destination_id: '9', status: 'success' },
			{ destination_id: '10', status: 'success' },
		]);
	});

	test('from the Destination Secrets credential\'s New Secret', async () => {
		rotation();
		const result = await rotate([item(8)], { parameters: { secretsSource: 'credential' }, secrets: { newSecret: ROTATED } });
		expect(result.error).toBeUndefined();
		expect(bodies()[0].updates).toEqual([{ destination_id: 8, new_secret: ROTATED }]);
	});

	test('a secret the API echoes in a refusal never shows: not in the item, the error or anything n8n keeps', async () => {
		rotation(9);
		const lenient = await rotate([item(8), item(9)], { continueOnFail: true });
		const [, refused] = jsonOf(lenient);
		expect(refused).toMatchObject({ code: 'DWH_DESTINATION_UPDATE_FAILED', error: 'Secret *** was rejected (DWH_DESTINATION_UPDATE_FAILED)' });
		const strict = await rotate([item(8), item(9)]);
		expect(strict.error!.message).toContain('Secret *** was rejected');
		expect(strict.error!.description).toContain('Destinations rotated, do not run these items again: 0.');
		for (const run of [lenient, strict]) {
			// The input items carry the secrets by design (a vault step's output); what the node makes does not.
			const shown = everythingVisible({ run: { storedNode: (run.error as { node?: unknown } | undefined)?.node }, output: run.output, error: run.error });
			expect(shown).not.toContain(ROTATED);
		}
	});

	test('refused before anything is sent: an empty secret (without its value), and a destination named twice', async () => {
		rotation();
		const result = await rotate([item(8, 'DWH_SNOWFLAKE', ''), item(9), item(9)], { continueOnFail: true });
		const [empty, ok, twice] = jsonOf(result);
		expect(empty).toMatchObject({ code: 'INVALID_INPUT', error: 'Invalid New Secret in item 0: is required (a non-empty text)' });
		expect(empty.description).toBe('Field: New Secret (new_secret), from the input item\'s field "vault.secret". Nothing was sent for this item.');
		expect(ok).toEqual({ destination_id: '9', status: 'success' });
		expect(twice).toMatchObject({ code: 'DUPLICATE_DESTINATION', error: 'Destination 9 in item 2 is already rotated by item 1' });
		expect(bodies()).toEqual([{ type: 'DWH_SNOWFLAKE', updates: [{ destination_id: 9, new_secret: `${ROTATED}-9` }] }]);
		const strict = await rotate([item(8), item(8)]);
		expect(strict.error!.message).toBe('Destination 8 in item 1 is already rotated by item 0');
		expect(api.received).toHaveLength(1);
	});
});
