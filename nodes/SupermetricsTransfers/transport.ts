import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../../credentials/SupermetricsTransfersApi.credentials';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'supermetricsTransfersApi';

/** One call plus its retries: the first try and at most two more after a 429. */
export const MAX_TRIES = 3;

const DEFAULT_RETRY_AFTER_SECONDS = 1;

export interface RequestSettings {
	/** The credential's base URL, without a trailing slash. */
	baseUrl: string;
	timeoutMs: number;
	/** A 429 whose Retry-After is longer than this fails at once instead of waiting. */
	maxRateLimitWaitSeconds: number;
}

export interface DtsCall {
	method: IHttpRequestMethods;
	/** Below the base URL, e.g. `/teams/12345/data-source-connections`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Secret inputs sent in the body; masked wherever an answer or an error might echo them. */
	secrets?: string[];
}

export interface DtsResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, string | undefined>;
	/** `meta.request_id` when the body is the API's wrapped form. */
	requestId: string | null;
}

/** What a failed item shows under Continue On Fail, in the API's own words. */
export interface DtsErrorDetails {
	code: string;
	http_code: number | null;
	request_id: string | null;
	description: string;
}

/** The contexts that send requests: a node run, a list search, a trigger's poll. */
type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The credential's base URL and the node's options, read once per run (or per list search). */
export async function requestSettings(this: Context, options: IDataObject = {}): Promise<RequestSettings> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\/\S+$/.test(baseUrl)) {
		throw new NodeOperationError(
			this.getNode(),
			`The credential's Base URL ${JSON.stringify(baseUrl)} is not an http(s) URL`,
			{ description: `Set it to ${DEFAULT_BASE_URL}, or to a proxy or sandbox URL.` },
		);
	}
	return {
		baseUrl,
		timeoutMs: Number(options.timeout ?? 30000),
		maxRateLimitWaitSeconds: Number(options.maxRateLimitWait ?? 60),
	};
}

/** A write that may already have happened when its answer went missing. */
function mayHaveChanged(method: IHttpRequestMethods): boolean {
	return method !== 'GET' && method !== 'HEAD';
}

function header(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	const value = (headers as Record<string, unknown>)[name];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * Quotes integer literals past 2^53 outside strings, so an int64 id keeps its digits as a string
 * instead of being rounded by JSON.parse.
 */
function quoteBigIntegers(text: string): string {
	return text.replace(/"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![.eE\d])/g, (token) =>
		token.startsWith('"') || Number.isSafeInteger(Number(token)) ? token : `"${token}"`,
	);
}

/** Ids are strings end to end: `id` and `*_id` integers become decimal strings, at any depth. */
function idsAsStrings(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(idsAsStrings);
	if (!isObject(value)) return value;
	const result: IDataObject = {};
	for (const [key, inner] of Object.entries(value)) {
		const isId = key === 'id' || key.endsWith('_id');
		result[key] = (
			isId && typeof inner === 'number' && Number.isInteger(inner) ? String(inner) : idsAsStrings(inner)
		) as IDataObject[keyof IDataObject];
	}
	return result;
}

function parseJson(text: unknown): { ok: true; value: unknown } | { ok: false } {
	if (typeof text !== 'string') return { ok: true, value: text };
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(quoteBigIntegers(text)) as unknown };
	} catch {
		return { ok: false };
	}
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestIdOf(body: unknown): string | null {
	if (!isObject(body) || !isObject(body.meta)) return null;
	const id = body.meta.request_id;
	return typeof id === 'string' ? id : null;
}

/** Seconds to wait: an integer (what the API sends) or an HTTP date, as RFC 9110 allows. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text);
	const at = Date.parse(text);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Every occurrence of a secret replaced, in any string of a value. */
function redact<T>(value: T, secrets: string[] | undefined): T {
	const masked = (secrets ?? []).filter((secret) => secret.length > 0);
	if (masked.length === 0) return value;
	const walk = (inner: unknown): unknown => {
		if (typeof inner === 'string') return masked.reduce((text, secret) => text.split(secret).join('***'), inner);
		if (Array.isArray(inner)) return inner.map(walk);
		if (isObject(inner)) return Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, walk(v)]));
		return inner;
	};
	return walk(value) as T;
}

/** A snippet of a body that is not the API's JSON, for a message a person can act on. */
function snippet(text: unknown): string {
	const flat = String(text ?? '')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}

interface ErrorParts extends DtsErrorDetails {
	message: string;
}

export function dtsError(node: INode, parts: ErrorParts, itemIndex: number): NodeApiError {
	const facts = [
		parts.http_code === null ? undefined : `HTTP ${parts.http_code}`,
		`code ${parts.code}`,
		parts.request_id ? `request_id ${parts.request_id}` : undefined,
	]
		.filter(Boolean)
		.join(', ');
	const error = new NodeApiError(
		node,
		// Only these plain facts go in: never the request, whose headers carry the key. The code
		// is not under `code`, where n8n would swap our message for a generic one (ECONNRESET…).
		{ api_code: parts.code, message: parts.message, description: parts.description } as JsonObject,
		{
			message: parts.message,
			description: `${parts.description} [${facts}]`,
			httpCode: parts.http_code === null ? undefined : String(parts.http_code),
			itemIndex,
		},
	);
	const details: DtsErrorDetails = {
		code: parts.code,
		http_code: parts.http_code,
		request_id: parts.request_id,
		description: parts.description,
	};
	error.context.dts = details as unknown as IDataObject;
	return error;
}

/** The API's own words from an error answer, or a plain account of a body that is not one. */
function describeFailure(
	call: DtsCall,
	response: { statusCode: number; bodyText: unknown; headers: unknown },
): ErrorParts {
	const parsed = parseJson(response.bodyText);
	const body = parsed.ok ? parsed.value : undefined;
	const status = response.statusCode;
	const requestId = requestIdOf(body);
	const apiError = isObject(body) && isObject(body.error) ? body.error : undefined;

	let code: string;
	let message: string;
	let description: string;
	if (apiError && typeof apiError.code === 'string') {
		code = apiError.code;
		message = `${code}: ${typeof apiError.message === 'string' ? apiError.message : `HTTP ${status}`}`;
		description = typeof apiError.description === 'string' ? apiError.description : '';
	} else {
		const type = header(response.headers, 'content-type') ?? 'no content type';
		code = `HTTP_${status}`;
		message = `The Supermetrics API answered HTTP ${status} without its JSON error body`;
		description = `The body (${type}) was not the API's {meta, error} JSON, which usually means a proxy or gateway answered: "${snippet(response.bodyText)}".`;
	}

	const hints: string[] = [];
	if (status === 401) hints.push('Check the API key in the Supermetrics Transfers API credential.');
	if (status === 403)
		hints.push('The key needs the dwh_transfers_write scope, and its owner the dwh.transfer.edit permission.');
	if (status >= 500 && mayHaveChanged(call.method))
		hints.push(
			'The node does not retry a write after a server error: it may have been carried out. Check in Supermetrics Hub before running it again.',
		);
	return {
		code,
		message,
		description: [description, ...hints].filter(Boolean).join(' '),
		http_code: status,
		request_id: requestId,
	};
}

/** A request that got no usable HTTP answer: refused, dropped, timed out or cancelled. */
function describeNoAnswer(call: DtsCall, error: unknown, settings: RequestSettings): ErrorParts {
	const original = (isObject(error) && error.cause instanceof Error ? error.cause : error) as {
		code?: unknown;
		message?: unknown;
	};
	const rawCode = typeof original?.code === 'string' ? original.code : undefined;
	const rawMessage = typeof original?.message === 'string' ? original.message : 'no answer';
	const timedOut =
		rawCode === 'ECONNABORTED' || rawCode === 'ETIMEDOUT' || /timeout/i.test(rawMessage);
	const afterWrite = mayHaveChanged(call.method)
		? ' The node does not retry it: the request may have reached Supermetrics and been carried out. Check in Supermetrics Hub before running it again.'
		: '';
	if (timedOut) {
		return {
			code: 'TIMEOUT',
			message: `The Supermetrics API did not answer within ${settings.timeoutMs} ms`,
			description: `No answer to ${call.method} ${call.path} before the node's timeout (option "Timeout").${afterWrite}`,
			http_code: null,
			request_id: null,
		};
	}
	return {
		code: rawCode ?? 'NO_RESPONSE',
		// n8n replaces a message that names a socket error code with a generic one, so the code
		// goes in the description.
		message: `Could not reach the Supermetrics API at ${settings.baseUrl}`,
		description: `${rawCode ? `${rawCode}: ` : ''}${rawMessage}.${afterWrite}`,
		http_code: null,
		request_id: null,
	};
}

/**
 * The only HTTP in the node. Sends one call with the credential's key, waits out 429s within the
 * allowed wait, and turns anything but a 2xx JSON answer into an error naming the API's code,
 * status and request id. Nothing else is ever retried: a write may already have happened.
 */
export async function dtsRequest(
	this: Context,
	call: DtsCall,
	settings: RequestSettings,
	itemIndex: number,
): Promise<DtsResponse> {
	const node = this.getNode();
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${settings.baseUrl}${call.path}`,
		qs: call.qs,
		body: call.body,
		json: true,
		// The body is parsed here, so that an HTML page or a cut-off answer becomes a clear error.
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: settings.timeoutMs,
	};

	for (let attempt = 1; ; attempt++) {
		let response: { statusCode: number; body: unknown; headers: unknown };
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{ ...options },
			)) as typeof response;
		} catch (error) {
			throw dtsError(node, redact(describeNoAnswer(call, error, settings), call.secrets), itemIndex);
		}

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) {
			const parsed = parseJson(response.body);
			if (!parsed.ok) {
				throw dtsError(
					node,
					redact({
						code: 'INVALID_RESPONSE',
						message: `The Supermetrics API answered HTTP ${statusCode} with a body that is not valid JSON`,
						description: `The answer was cut off or garbled: "${snippet(response.body)}".${
							mayHaveChanged(call.method)
								? ' The write may have been carried out; check in Supermetrics Hub before running it again.'
								: ''
						}`,
						http_code: statusCode,
						request_id: null,
					}, call.secrets),
					itemIndex,
				);
			}
			const headers: Record<string, string | undefined> = {
				location: header(response.headers, 'location'),
				// The API's clock, which stamps run and backfill times: the trigger reckons by it.
				date: header(response.headers, 'date'),
			};
			const body = redact(idsAsStrings(parsed.value), call.secrets);
			return { statusCode, body, headers, requestId: requestIdOf(body) };
		}

		const failure = describeFailure(call, { ...response, bodyText: response.body });
		if (statusCode === 429) {
			const waitSeconds =
				parseRetryAfter(header(response.headers, 'retry-after')) ?? DEFAULT_RETRY_AFTER_SECONDS;
			if (attempt < MAX_TRIES && waitSeconds <= settings.maxRateLimitWaitSeconds) {
				await sleep(waitSeconds * 1000);
				continue;
			}
			const retryAt = new Date(Date.now() + waitSeconds * 1000).toISOString();
			failure.description = `${failure.description} Retry after ${waitSeconds} s (at ${retryAt}).${
				waitSeconds > settings.maxRateLimitWaitSeconds
					? ` That is longer than the node's "Max Rate-Limit Wait" of ${settings.maxRateLimitWaitSeconds} s, so it did not wait.`
					: ` Still rate limited after ${MAX_TRIES} tries.`
			}`;
		}
		throw dtsError(node, redact(failure, call.secrets), itemIndex);
	}
}

/** The `data` of a wrapped `{meta, data}` answer, or the bare body where the spec has no wrapper. */
export function unwrap(response: DtsResponse): unknown {
	const { body } = response;
	if (isObject(body) && 'data' in body && 'meta' in body) return body.data;
	return body;
}

/** The details a failed item carries under Continue On Fail. */
export function errorDetails(error: unknown): DtsErrorDetails & { message: string } {
	const err = error as { message?: string; description?: string | null; context?: IDataObject };
	const details = err?.context?.dts as unknown as DtsErrorDetails | undefined;
	if (details) return { message: String(err.message), ...details };
	return {
		message: String(err?.message ?? error),
		code: 'NODE_ERROR',
		http_code: null,
		request_id: null,
		description: err?.description ?? '',
	};
}

/** The `data` object of a 2xx answer, checked for the keys the operation hands on. */
export function requireData(
	node: INode,
	response: DtsResponse,
	keys: string[],
	itemIndex: number,
): IDataObject {
	const data = unwrap(response);
	const missing = isObject(data) ? keys.filter((key) => typeof data[key] !== 'string') : keys;
	if (isObject(data) && missing.length === 0) return data;
	throw dtsError(
		node,
		{
			code: 'INVALID_RESPONSE',
			message: `The Supermetrics API answered HTTP ${response.statusCode} without ${missing.map((key) => `data.${key}`).join(', ')}`,
			description: `The answer did not have the documented shape, so its result cannot be handed on: ${snippet(JSON.stringify(response.body))}`,
			http_code: response.statusCode,
			request_id: response.requestId,
		},
		itemIndex,
	);
}

/** The `data` object of a 2xx answer (wrapped or bare), for operations that hand it on whole. */
export async function dtsObject(
	this: Context,
	call: DtsCall,
	settings: RequestSettings,
	itemIndex: number,
): Promise<IDataObject> {
	return requireData(this.getNode(), await dtsRequest.call(this, call, settings, itemIndex), [], itemIndex);
}

/** The `data` array of a 2xx list answer; anything else is an INVALID_RESPONSE error. */
export function requireList(node: INode, response: DtsResponse, itemIndex: number): IDataObject[] {
	const data = unwrap(response);
	if (Array.isArray(data) && data.every(isObject)) return data;
	throw dtsError(
		node,
		{
			code: 'INVALID_RESPONSE',
			message: `The Supermetrics API answered HTTP ${response.statusCode} without a list`,
			description: `The answer did not have the documented shape: ${snippet(JSON.stringify(response.body))}`,
			http_code: response.statusCode,
			request_id: response.requestId,
		},
		itemIndex,
	);
}

export async function dtsList(
	this: Context,
	call: DtsCall,
	settings: RequestSettings,
	itemIndex: number,
): Promise<IDataObject[]> {
	return requireList(this.getNode(), await dtsRequest.call(this, call, settings, itemIndex), itemIndex);
}
