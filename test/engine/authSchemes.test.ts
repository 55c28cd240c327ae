/**
 * The Authorization header the default credential sends: Bearer on every path of both APIs, as the
 * newest reference declares; the key alone once after a 401 (the older page's form), then kept for
 * the credential in this process (n8n's), so an API that takes only the key alone refuses one
 * request per process and credential, not one per execution or poll. Explicit formats: one form.
 */
import { sleep } from 'n8n-workflow';

import { TEAM } from './context';
import { pollingTrigger, runNode } from './harness';
import { API_CANARY, runCreate, useSandbox } from './support';
import { FIRST_ANSWER_WAIT_MS } from '../../nodes/SupermetricsTransfers/transport/schemeMemory';

const ctx = useSandbox();
const VALID = { teamId: TEAM, dataSourceId: 'GAWA', destinationType: 'SQL_BQ' };
const BEARER = `Bearer ${API_CANARY}`;
const sent = () => ctx.sandbox.requests.map((r) => r.headers.authorization);
const refused = () => ctx.sandbox.requests.filter((r) => r.fault === undefined && r.status === 401).length;

/** A credential of its own for each test: n8n keeps what a credential's key was accepted with per process. */
let credentialCount = 0;
const newCredential = () => `auth-${++credentialCount}`;

/** A chain of five operations on both APIs, as one execution each: create, list, get, backfills, logins. */
async function chain(credentialId: string, credentials: Record<string, unknown> = {}) {
	const base = { apiKey: API_CANARY, baseUrl: ctx.sandbox.url, apiUrl: ctx.sandbox.apiUrl, ...credentials };
	const steps = [
		{ resource: 'dataSourceConnection', operation: 'create', ...VALID },
		{ resource: 'transfer', operation: 'list', teamId: TEAM },
		{ resource: 'destination', operation: 'list', teamId: TEAM },
		{ resource: 'backfill', operation: 'listIncomplete', teamId: TEAM },
		{ resource: 'dataSourceLogin', operation: 'list' },
	];
	for (const parameters of steps) {
		const { error } = await runNode({ parameters, credentials: base, credentialId });
		expect(error).toBeUndefined();
	}
}

describe('the default: Bearer, or the key alone if refused', () => {
	test('on an API that keeps to the newest reference: Bearer on every path, not one refused request', async () => {
		const credentialId = newCredential();
		await chain(credentialId);
		await chain(credentialId);
		expect(sent()).toEqual(Array(10).fill(BEARER));
		expect(refused()).toBe(0);
	});

	test('on one that takes only the key alone: one refused request per process and credential, not per execution or poll', async () => {
		ctx.sandbox.setAuth('keyOnly');
		const credentialId = newCredential();
		await chain(credentialId);
		await chain(credentialId);
		const trigger = pollingTrigger({ parameters: { event: 'transferRunFinished', teamId: TEAM }, credentials: { apiKey: API_CANARY, baseUrl: ctx.sandbox.url, apiUrl: ctx.sandbox.apiUrl }, credentialId });
		await trigger.activate();
		await trigger.poll();
		expect(sent().slice(0, 3)).toEqual([BEARER, API_CANARY, API_CANARY]);
		expect(sent().slice(1).every((header) => header === API_CANARY)).toBe(true);
		expect(refused()).toBe(1);
		// Nothing was created twice: the refused try changed nothing.
		expect(ctx.sandbox.state.connections.size).toBe(2);
	});

	test('what is kept is the form, by credential: another credential starts with Bearer; the same one with another key keeps the key alone', async () => {
		ctx.sandbox.setAuth('keyOnly');
		const first = newCredential();
		await runCreate(ctx.sandbox, VALID, { credentialId: first });
		const other = newCredential();
		await runCreate(ctx.sandbox, VALID, { credentialId: other });
		// The first credential, its key replaced (a rotated key): still the key alone at once.
		await runCreate(ctx.sandbox, VALID, { apiKey: 'sandbox-demo-key', credentialId: first });
		expect(sent()).toEqual([BEARER, API_CANARY, BEARER, API_CANARY, 'sandbox-demo-key']);
	});

	test('items sent side by side: one refused request, the others wait for its answer', async () => {
		ctx.sandbox.setAuth('keyOnly');
		const credentialId = newCredential();
		const { output, error } = await runNode({
			parameters: { resource: 'dataSourceConnection', operation: 'create', ...VALID, options: { batching: { batch: { batchSize: 8, concurrency: 8, batchInterval: 0 } } } },
			items: Array.from({ length: 8 }, () => ({})),
			credentials: { apiKey: API_CANARY, baseUrl: ctx.sandbox.url },
			credentialId,
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(8);
		expect(sent().filter((header) => header === BEARER)).toHaveLength(1);
		expect(refused()).toBe(1);
		expect(ctx.sandbox.state.connections.size).toBe(8);
	});

	test('a first answer that takes long holds the others at most FIRST_ANSWER_WAIT_MS, not their Timeout: a worker\'s other executions go on', async () => {
		const credentialId = newCredential();
		const gate = ctx.sandbox.hold({ method: 'POST' });
		const run = runNode({
			parameters: { resource: 'dataSourceConnection', operation: 'create', ...VALID, options: { timeout: 600000, batching: { batch: { batchSize: 4, concurrency: 4, batchInterval: 0 } } } },
			items: Array.from({ length: 4 }, () => ({})),
			credentials: { apiKey: API_CANARY, baseUrl: ctx.sandbox.url },
			credentialId,
		});
		// All four reach the API while the first is still unanswered (it would wait 600 s for it).
		while (gate.held < 4) await sleep(100);
		gate.release();
		const { output, error } = await run;
		expect(error).toBeUndefined();
		expect(output).toHaveLength(4);
		expect(sent()).toEqual([BEARER, BEARER, BEARER, BEARER]);
		expect(ctx.sandbox.state.connections.size).toBe(4);
	}, FIRST_ANSWER_WAIT_MS + 30_000);

	test('both refused: the error says what was sent, and that the key itself is not accepted', async () => {
		const { error, output } = await runCreate(ctx.sandbox, VALID, { apiKey: 'wrong-key-1234', continueOnFail: true, credentialId: newCredential() });
		expect(error).toBeUndefined();
		expect(output![0].json).toMatchObject({ code: 'API_KEY_INVALID', http_code: 401 });
		expect(output![0].json.description).toContain(
			`Sent "Authorization: Bearer [API key]", as Supermetrics' API reference declares for every path, then "Authorization: [API key]" (the key alone): both were refused, so the key itself was not accepted`,
		);
		expect(sent()).toEqual(['Bearer wrong-key-1234', 'wrong-key-1234']);
	});

	test('a credential last accepted with the key alone says so when both are refused later', async () => {
		ctx.sandbox.setAuth('keyOnly');
		const credentialId = newCredential();
		await runCreate(ctx.sandbox, VALID, { credentialId });
		const { output } = await runCreate(ctx.sandbox, VALID, { apiKey: 'revoked-key', continueOnFail: true, credentialId });
		expect(output![0].json.description).toContain(
			`Sent "Authorization: [API key]" (the key alone), the form this credential's key was last accepted with, then "Authorization: Bearer [API key]": both were refused`,
		);
	});
});

describe('an explicit format: one form everywhere, no second try', () => {
	test.each([
		['bearer', BEARER, 'Bearer on Every Request'],
		['keyOnly', API_CANARY, 'Key Only on Every Request'],
	])('%s', async (authScheme, header, label) => {
		ctx.sandbox.queueFault({ status: 401, code: 'API_KEY_INVALID' });
		const { output } = await runNode({
			parameters: { resource: 'backfill', operation: 'listIncomplete', teamId: TEAM },
			continueOnFail: true,
			credentials: { apiKey: API_CANARY, baseUrl: ctx.sandbox.url, authScheme },
			credentialId: newCredential(),
		});
		expect(sent()).toEqual([header]);
		const description = String(output![0].json.description);
		expect(description).toContain(`as the credential's Authorization Header Format (${label}) says`);
		if (authScheme === 'keyOnly') {
			expect(description).toContain(`Supermetrics' API reference declares "Authorization: Bearer [API key]" for every path. Set the format to "Bearer, or the Key Alone if Refused" to send that.`);
		} else {
			expect(description).toContain("which is what Supermetrics' API reference declares for every path.");
		}
	});
});
