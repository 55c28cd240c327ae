import { READONLY_CANARY, runCreate, useSandbox } from './support';

const ctx = useSandbox();
const VALID = { teamId: '12345', dataSourceId: 'GAWA', destinationType: 'SQL_BQ' };

interface ShownError {
	message: string;
	description: string;
	httpCode: string | null;
	context: { itemIndex?: number };
}

async function failing(fields: object = {}, extra: Parameters<typeof runCreate>[2] = {}) {
	const result = await runCreate(ctx.sandbox, { ...VALID, ...fields }, extra);
	expect(result.output).toBeUndefined();
	return result.error as unknown as ShownError;
}

/** The request id the sandbox gave its last answer, which the user must be able to quote. */
const lastRequestId = () => ctx.sandbox.requests[ctx.sandbox.requests.length - 1].requestId;

describe('API errors show the API code, message, description, HTTP status and request id', () => {
	test('401: an unknown key', async () => {
		const error = await failing({}, { apiKey: 'not-a-key' });
		// The cause leads, with the API's code; its short message follows in the description.
		expect(error.message).toBe('Provided API key was invalid. (API_KEY_INVALID)');
		expect(error.description).toContain('Invalid API key.');
		expect(error.description).toContain('Check the API key in the Supermetrics Transfers API credential.');
		expect(error.description).toContain(`[HTTP 401, code API_KEY_INVALID, request_id ${lastRequestId()}]`);
		expect(error.httpCode).toBe('401');
		expect(error.message).not.toContain('Authorization failed');
	});

	test('403: a key without the write scope', async () => {
		const error = await failing({}, { apiKey: READONLY_CANARY });
		expect(error.message).toBe('You do not have permission to perform this operation. (ACCESS_DENIED)');
		expect(error.description).toContain('dwh_transfers_write');
		expect(error.description).toContain('dwh.transfer.edit');
		expect(error.description).toContain(`[HTTP 403, code ACCESS_DENIED, request_id ${lastRequestId()}]`);
	});

	test('422: a well-formed code the API does not know', async () => {
		const error = await failing({ dataSourceId: 'NOT_A_SOURCE' });
		expect(error.message).toBe("Unknown data_source_id 'NOT_A_SOURCE'. (UNPROCESSABLE_ENTITY)");
		expect(error.description).toContain('Unprocessable Entity.');
		expect(error.description).toContain(`[HTTP 422, code UNPROCESSABLE_ENTITY, request_id ${lastRequestId()}]`);
	});

	test('400: the API refusing a parameter', async () => {
		ctx.sandbox.queueFault({ status: 400, description: "The field 'data_source_id' is required." });
		const error = await failing();
		expect(error.message).toBe("The field 'data_source_id' is required. (INVALID_PARAMETER)");
		expect(error.description).toContain('Invalid Parameter.');
		expect(error.description).toContain('HTTP 400, code INVALID_PARAMETER');
	});

	test('500: shown, not retried, and the user is told the connection may exist', async () => {
		ctx.sandbox.queueFault({ status: 500 });
		const error = await failing();
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(error.message).toBe('An unexpected error occurred. Please try again later or contact support. (INTERNAL_SERVER_ERROR)');
		expect(error.description).toContain('The node does not retry a write after this: it may have been carried out.');
		expect(error.description).toContain(`request_id ${lastRequestId()}`);
	});

	test('an HTML 502 from a proxy is a clear error, not a TypeError', async () => {
		ctx.sandbox.queueFault({ status: 502, html: true });
		const error = await failing();
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(error.message).toBe('The Supermetrics API answered HTTP 502 without its JSON error body');
		expect(error.description).toContain('text/html');
		expect(error.description).toContain('502 Bad Gateway');
		expect(error.description).not.toContain('<');
	});

	test('a 201 whose body was cut off: the connection exists, so the item says so, never as an error to run again', async () => {
		ctx.sandbox.queueFault({ truncate: true });
		const { output, error } = await runCreate(ctx.sandbox, VALID);
		expect(error).toBeUndefined();
		const [item] = output!.map((i) => i.json);
		// Its Location (the seed page: the created connection's URI) still names it: the chain goes on.
		const [created] = ctx.sandbox.state.connections.keys();
		expect(item).toMatchObject({ connection_id: created, team_id: '12345', missing_fields: [], request_id: null });
		expect(item.location).toMatch(new RegExp(`/teams/12345/data-source-connections/${created}$`));
		expect(item.notice).toContain('The API answered HTTP 201 to POST /teams/12345/data-source-connections, so the connection was created, but its answer could not be read (not valid JSON');
		expect(item.notice).toContain('Do not run this item again: it would create a second connection.');
		expect(item.notice).toContain("The answer had no data.connection_id: it was taken from the answer's Location header.");
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(ctx.sandbox.state.connections.size).toBe(1);
	});

	test('a dropped connection is reported and not retried', async () => {
		ctx.sandbox.queueFault({ drop: true });
		const error = await failing();
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(error.message).toBe(`Could not reach the Supermetrics API at ${ctx.sandbox.url}`);
		expect(error.description).toMatch(/^ECONNRESET: /);
		expect(error.description).toContain('The node does not retry a write after this: it may have been carried out.');
	});

	test('a timeout is reported with the limit and not retried', async () => {
		ctx.sandbox.queueFault({ delayMs: 1500 });
		const error = await failing({}, { options: { timeout: 300 } });
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(error.message).toBe('The Supermetrics API did not answer within 300 ms');
		expect(error.description).toContain('The node does not retry a write after this: it may have been carried out.');
	});

	test('nothing listening at the base URL is a clear error', async () => {
		const error = await failing({}, { credentials: { baseUrl: 'http://127.0.0.1:9/v1' } });
		expect(error.message).toBe('Could not reach the Supermetrics API at http://127.0.0.1:9/v1');
		expect(error.description).toMatch(/^ECONNREFUSED: /);
	});

	test('a base URL that is not http(s) is refused before sending', async () => {
		const error = await failing({}, { credentials: { baseUrl: 'dts-api.supermetrics.com/v1' } });
		expect(error.message).toBe('The credential\'s Base URL "dts-api.supermetrics.com/v1" is not a URL');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});

describe('429: Retry-After is honoured within the node\'s limit', () => {
	test('a short Retry-After is waited out and the request tried again', async () => {
		ctx.sandbox.queueFault({ status: 429, retryAfter: 1 });
		const started = Date.now();
		const { output, error } = await runCreate(ctx.sandbox, VALID);
		expect(error).toBeUndefined();
		expect(output![0].json.connection_id).toEqual(expect.any(String));
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(ctx.sandbox.requests[1].at - ctx.sandbox.requests[0].at).toBeGreaterThanOrEqual(950);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('a Retry-After longer than Max Rate-Limit Wait fails at once, saying when to retry', async () => {
		ctx.sandbox.queueFault({
			status: 429,
			retryAfter: 3600,
			code: 'API_ROW_QUOTA_EXCEEDED',
			message: 'Row quota exceeded',
			description: 'You have exceeded your row-quota limit of rows for this month.',
		});
		const error = await failing();
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(error.message).toBe('You have exceeded your row-quota limit of rows for this month. (API_ROW_QUOTA_EXCEEDED)');
		expect(error.description).toMatch(/Retry after 3600 s \(at \d{4}-\d\d-\d\dT[\d:.]+Z\)\. That is longer than the node's "Max Rate-Limit Wait" of 60 s/);
		expect(error.description).toContain('HTTP 429');
	});

	test('Max Rate-Limit Wait 0 never waits', async () => {
		ctx.sandbox.queueFault({ status: 429, retryAfter: 1 });
		const error = await failing({}, { options: { maxRateLimitWait: 0 } });
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(error.message).toBe('Rate limit exceeded. Retry after the time given in Retry-After. (TOO_MANY_REQUESTS)');
	});

	test('three 429s in a row: three tries, then the error', async () => {
		ctx.sandbox.queueFault({ status: 429, retryAfter: 1 }, { status: 429, retryAfter: 1 }, { status: 429, retryAfter: 1 });
		const error = await failing();
		expect(ctx.sandbox.requests).toHaveLength(3);
		expect(error.description).toContain('Still rate limited after 3 tries.');
	});

	test("the sandbox's own hourly limit gives a real 429 with its Retry-After", async () => {
		const { createSandbox } = await import('../sandbox/server');
		const limited = await createSandbox({ rateLimit: { limit: 1 } }).start();
		try {
			const first = await runCreate(limited, VALID, { apiKey: 'sandbox-demo-key' });
			expect(first.error).toBeUndefined();
			const second = await runCreate(limited, VALID, { apiKey: 'sandbox-demo-key' });
			const error = second.error as unknown as ShownError;
			expect(error.message).toBe('Rate limit of 1 requests per hour exceeded. (TOO_MANY_REQUESTS)');
			expect(error.description).toMatch(/Retry after 3[56]\d\d s/);
			expect(limited.requests).toHaveLength(2);
		} finally {
			await limited.close();
		}
	});
});
