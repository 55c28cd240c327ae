/**
 * The Authorization header each path gets: the scheme its reference declares, the other one once
 * after a 401 (default format), learnt for the rest of the run; an explicit format everywhere.
 */
import { TEAM } from './context';
import { runNode } from './harness';
import { API_CANARY, runCreate, useSandbox } from './support';

const ctx = useSandbox();
const VALID = { teamId: TEAM, dataSourceId: 'GAWA', destinationType: 'SQL_BQ' };
const BEARER = `Bearer ${API_CANARY}`;
const sent = () => ctx.sandbox.requests.map((r) => [`${r.method} ${r.path}`, r.headers.authorization]);

describe('the default header format: what each path declares', () => {
	test('the key alone on an ApiKeyAuth path, Bearer on a BearerAuth one', async () => {
		await runCreate(ctx.sandbox, VALID);
		await runNode({ parameters: { resource: 'backfill', operation: 'listIncomplete', teamId: TEAM }, credentials: { apiKey: API_CANARY, baseUrl: ctx.sandbox.url } });
		expect(sent()).toEqual([
			[`POST /teams/${TEAM}/data-source-connections`, API_CANARY],
			[`GET /teams/${TEAM}/backfills`, BEARER],
		]);
	});

	test('a 401 is tried once with the other scheme; the run keeps the one that worked', async () => {
		ctx.sandbox.queueFault({ status: 401, code: 'API_KEY_INVALID' });
		const { output, error } = await runCreate(ctx.sandbox, VALID, { items: [{}, {}] });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(2);
		const create = `POST /teams/${TEAM}/data-source-connections`;
		expect(sent()).toEqual([
			[create, API_CANARY],
			[create, BEARER],
			[create, BEARER],
		]);
		// Nothing was created twice: the first try was refused before anything happened.
		expect(ctx.sandbox.state.connections.size).toBe(2);
	});

	test('both refused: the error says what was sent, and that the key itself is not accepted', async () => {
		const { error, output } = await runCreate(ctx.sandbox, VALID, { apiKey: 'wrong-key-1234', continueOnFail: true });
		expect(error).toBeUndefined();
		expect(output![0].json).toMatchObject({ code: 'API_KEY_INVALID', http_code: 401 });
		expect(output![0].json.description).toContain(
			`Sent "Authorization: [API key]" (ApiKeyAuth), as the reference declares for POST /teams/${TEAM}/data-source-connections, then "Authorization: Bearer [API key]" (BearerAuth): both were refused`,
		);
		expect(ctx.sandbox.requests.map((r) => r.headers.authorization)).toEqual(['wrong-key-1234', 'Bearer wrong-key-1234']);
	});
});

describe('an explicit format: one scheme everywhere, no second try', () => {
	test.each([
		['bearer', BEARER, 'Bearer on Every Request'],
		['keyOnly', API_CANARY, 'Key Only on Every Request'],
	])('%s', async (authScheme, header, label) => {
		ctx.sandbox.queueFault({ status: 401, code: 'API_KEY_INVALID' });
		const { output } = await runNode({
			parameters: { resource: 'backfill', operation: 'listIncomplete', teamId: TEAM },
			continueOnFail: true,
			credentials: { apiKey: API_CANARY, baseUrl: ctx.sandbox.url, authScheme },
		});
		expect(ctx.sandbox.requests.map((r) => r.headers.authorization)).toEqual([header]);
		const description = String(output![0].json.description);
		expect(description).toContain(`as the credential's Authorization Header Format (${label}) says`);
		if (authScheme === 'keyOnly') {
			expect(description).toContain(`the reference declares "Authorization: Bearer [API key]" (BearerAuth) for GET /teams/${TEAM}/backfills. Set the format to "As Each Endpoint Declares" to send that.`);
		} else {
			expect(description).toContain(`which is what the reference declares for GET /teams/${TEAM}/backfills.`);
		}
	});
});
