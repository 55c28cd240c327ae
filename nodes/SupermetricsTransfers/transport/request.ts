import { sleep } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods, INode } from 'n8n-workflow';

import { describeFailure, describeNoAnswer, describeRedirect, dtsError, mayHaveChanged, snippet } from './errors';
import type { ErrorParts } from './errors';
import { isObject, parseJson, readAnswer, requestIdOf, unwrapBody } from './read';
import { parseRetryAfter } from './retryAfter';
import { HOSTS } from './hosts';
import type { Api } from './hosts';
import type { Masker } from './mask';
import { DECLARED, describeScheme, SCHEME_HEADER, schemesToTry } from './schemes';
import type { Scheme } from './schemes';
import { exchange } from './send';
import { FIRST_ANSWER_WAIT_MS } from './schemeMemory';
import type { Context, RequestSettings } from './settings';

/** One call plus its retries: the first try and at most two more after a 429. */
export const MAX_TRIES = 3;
/** The wait after a 429 whose Retry-After is missing or unreadable (negative, fractional, words). */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;
/** Past this a Retry-After is not turned into a date (it would be past year 275760). */
const DATEABLE_SECONDS = 1e9;

export interface DtsCall {
	/** The DTS API (default), or the Supermetrics API's login links and logins, or its table groups. */
	api?: Api;
	method: IHttpRequestMethods;
	/** Below that API's URL, e.g. `/teams/12345/data-source-connections` or `/ds/logins`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Secret inputs sent in the body; masked wherever an answer or an error might echo them. */
	secrets?: string[];
	/**
	 * What an error status means for this call, said before the API's own words (which may be as
	 * bare as "Conflict") when the answer is the API's error: e.g. Table Group Import's 409, a group
	 * of that name existing already.
	 */
	explain?: Partial<Record<number, { message: string; hint: string }>>;
}

export interface DtsResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, string | undefined>;
	/** `meta.request_id` when the body is the API's wrapped form. */
	requestId: string | null;
	/** Which API answered: the logins reference makes `meta` optional beside `data`, DTS does not. */
	api?: Api;
	/** What hides the key and the call's secrets, for errors about this answer. */
	masker: Masker;
	/**
	 * Why a write's 2xx body could not be read (cut off, not JSON): the write was carried out, so
	 * the answer is handed on (writes.ts) rather than thrown as an error.
	 */
	unreadable?: string;
}

function retryNote(waitSeconds: number, settings: RequestSettings, unreadable: boolean): string {
	const when =
		waitSeconds < DATEABLE_SECONDS ? ` (at ${new Date(Date.now() + waitSeconds * 1000).toISOString()})` : '';
	const default_ = unreadable ? ` (the Retry-After header was missing or unreadable, so the node's default of ${DEFAULT_RETRY_AFTER_SECONDS} s)` : '';
	return `Retry after ${waitSeconds} s${default_}${when}.${
		waitSeconds > settings.maxRateLimitWaitSeconds
			? ` That is longer than the node's "Max Rate-Limit Wait" of ${settings.maxRateLimitWaitSeconds} s, so it did not wait.`
			: ` Still rate limited after ${MAX_TRIES} tries.`
	}`;
}

/** What a 401 says about the forms sent, so that the person knows what to change. */
function schemeNote(tried: Scheme[], settings: RequestSettings): string {
	if (tried.length > 1) {
		const why = tried[0] === DECLARED ? ", as Supermetrics' API reference declares for every path," : ", the form this credential's key was last accepted with,";
		return `Sent ${describeScheme(tried[0])}${why} then ${describeScheme(tried[1])}: both were refused, so the key itself was not accepted (wrong, revoked, or from another environment).`;
	}
	const format = settings.authMode === 'bearer' ? 'Bearer on Every Request' : 'Key Only on Every Request';
	const sent = `Sent ${describeScheme(tried[0])}, as the credential's Authorization Header Format (${format}) says`;
	return tried[0] === DECLARED
		? `${sent}, which is what Supermetrics' API reference declares for every path.`
		: `${sent}; Supermetrics' API reference declares ${describeScheme(DECLARED)} for every path. Set the format to "Bearer, or the Key Alone if Refused" to send that.`;
}

/**
 * The only HTTP in the node. Sends one call with the credential's key, waits out 429s within the
 * allowed wait (sharing the pause with the run's other requests), and turns anything but a 2xx
 * JSON answer into an error naming the API's code, status and request id. Nothing else is ever
 * retried, but for one case that cannot have changed anything: in the default header format, a 401
 * to one form of the Authorization header is tried once with the other, since Supermetrics' newest
 * reference (Bearer) and its older one (the key alone on most DTS paths) disagree; the form that was
 * accepted is kept for the credential (schemeMemory.ts).
 */
export async function dtsRequest(
	this: Context,
	call: DtsCall,
	settings: RequestSettings,
	itemIndex: number,
): Promise<DtsResponse> {
	if (settings.authMode !== 'perEndpoint') return await sendWithKey.call(this, call, settings, itemIndex);
	return await settings.schemes.first(Math.min(settings.timeoutMs, FIRST_ANSWER_WAIT_MS), async () => await sendWithKey.call(this, call, settings, itemIndex));
}

async function sendWithKey(this: Context, call: DtsCall, settings: RequestSettings, itemIndex: number): Promise<DtsResponse> {
	const node = this.getNode();
	const masker = settings.masker.with(call.secrets);
	const fail = (parts: ErrorParts) => dtsError(node, parts, itemIndex, masker);
	const cancel = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	const api = call.api ?? 'dts';
	const schemes = schemesToTry(settings.authMode, settings.schemes.get());
	let scheme = 0;
	let rateLimited = 0;

	for (;;) {
		const paused = settings.pause.remainingMs();
		if (paused > 0) await sleep(paused, cancel);

		const outcome = await exchange(
			this,
			{
				method: call.method,
				url: `${settings.hosts[api]}${call.path}`,
				body: call.body,
				qs: call.qs,
				headers: { [SCHEME_HEADER]: schemes[scheme] },
			},
			settings.timeoutMs,
		);
		if (!outcome.ok) throw fail(describeNoAnswer(call.method, call.path, settings.hosts[api], outcome.reason));
		const { answer } = outcome;
		const { status, text, headers } = answer;
		settings.quota.observe(headers);

		if (status >= 200 && status < 300) {
			if (settings.authMode === 'perEndpoint') settings.schemes.set(schemes[scheme]);
			return { ...readSuccess(node, answer, call.method, masker, itemIndex), api };
		}
		if (status >= 300 && status < 400) throw fail(describeRedirect(status, headers.location));
		if (status === 401 && scheme + 1 < schemes.length) {
			scheme++;
			continue;
		}

		const failure = describeFailure(api, call.method, status, text, headers['content-type'], masker);
		// Only for the API's own error body: a proxy's page with that status says nothing of the kind.
		const meaning = failure.code === `HTTP_${status}` ? undefined : call.explain?.[status];
		if (meaning) {
			failure.message = `${meaning.message}: ${failure.message}`;
			failure.description = `${meaning.hint} ${failure.description}`.trim();
		}
		if (status === 401) {
			failure.description = `${failure.description} ${schemeNote(schemes.slice(0, scheme + 1), settings)}`.trim();
		}
		if (status === 429) {
			const given = parseRetryAfter(headers['retry-after']);
			const waitSeconds = given ?? DEFAULT_RETRY_AFTER_SECONDS;
			if (++rateLimited < MAX_TRIES && waitSeconds <= settings.maxRateLimitWaitSeconds) {
				settings.pause.extend(waitSeconds * 1000);
				continue;
			}
			failure.description = `${failure.description} ${retryNote(waitSeconds, settings, given === undefined)}`.trim();
		}
		throw fail(failure);
	}
}

function readSuccess(node: INode, answer: { status: number; text: string; headers: Record<string, string | undefined> }, method: IHttpRequestMethods, masker: Masker, itemIndex: number): DtsResponse {
	const parsed = parseJson(answer.text);
	const location = answer.headers.location;
	const headers = {
		location: location === undefined ? undefined : masker.value(location),
		// The API's clock, which stamps run and backfill times: the trigger reckons by it.
		date: answer.headers.date,
	};
	if (!parsed.ok) {
		const excerpt = `${parsed.reason}: "${snippet(answer.text, masker)}"`;
		if (mayHaveChanged(method)) return { statusCode: answer.status, body: undefined, headers, requestId: null, masker, unreadable: excerpt };
		throw dtsError(
			node,
			{
				code: 'INVALID_RESPONSE',
				message: `The Supermetrics API answered HTTP ${answer.status} with a body that is ${parsed.reason}`,
				description: `The answer was cut off or garbled: "${snippet(answer.text, masker)}".`,
				http_code: answer.status,
				request_id: null,
			},
			itemIndex,
			masker,
		);
	}
	const body = readAnswer(parsed.value, masker);
	return { statusCode: answer.status, body, headers, requestId: requestIdOf(body), masker };
}

/** Whether the answering API's reference leaves `meta` and `data` optional (hosts.ts). */
const looseEnvelope = (response: DtsResponse) => response.api !== undefined && HOSTS[response.api].looseEnvelope;

/**
 * The `data` of a wrapped answer, or the bare body where the spec has no wrapper (Table Group
 * Export's): `{meta, data}` for DTS, `{data}` with or without meta for the Supermetrics API's
 * logins and table groups, whose references require neither.
 */
export function unwrap(response: DtsResponse): unknown {
	return unwrapBody(response.body, looseEnvelope(response));
}

function shapeError(node: INode, response: DtsResponse, message: string, itemIndex: number) {
	const { masker } = response;
	return dtsError(
		node,
		{
			code: 'INVALID_RESPONSE',
			message: response.unreadable ? `The Supermetrics API answered HTTP ${response.statusCode} with a body that is ${response.unreadable.split(':')[0]}` : message,
			description: response.unreadable
				? `The answer was cut off or garbled: ${response.unreadable.slice(response.unreadable.indexOf(':') + 2)}.`
				: `The answer did not have the documented shape: ${snippet(JSON.stringify(response.body) ?? '', masker)}`,
			http_code: response.statusCode,
			request_id: response.requestId,
		},
		itemIndex,
		masker,
	);
}

/** The `data` object of a 2xx answer, checked for the (string) keys the operation hands on. */
export function requireData(node: INode, response: DtsResponse, keys: string[], itemIndex: number): IDataObject {
	const data = unwrap(response);
	const missing = isObject(data) ? keys.filter((key) => typeof data[key] !== 'string') : keys;
	if (isObject(data) && missing.length === 0) return data;
	const what = missing.length ? `without ${missing.map((key) => `data.${key}`).join(', ')}` : 'without a data object';
	throw shapeError(node, response, `The Supermetrics API answered HTTP ${response.statusCode} ${what}`, itemIndex);
}

/** The `data` array of a 2xx list answer; anything else is an INVALID_RESPONSE error. */
export function requireList(node: INode, response: DtsResponse, itemIndex: number): IDataObject[] {
	// The logins and table groups references make a list answer's data optional: an answer without it lists nothing.
	if (looseEnvelope(response) && isObject(response.body) && !('data' in response.body)) return [];
	const data = unwrap(response);
	if (Array.isArray(data) && data.every(isObject)) return data;
	throw shapeError(node, response, `The Supermetrics API answered HTTP ${response.statusCode} without a list`, itemIndex);
}

/** The `data` object of a 2xx answer (wrapped or bare), for operations that hand it on whole. */
export async function dtsObject(this: Context, call: DtsCall, settings: RequestSettings, itemIndex: number): Promise<IDataObject> {
	const response = await dtsRequest.call(this, call, settings, itemIndex);
	return requireData(this.getNode(), response, [], itemIndex);
}

export async function dtsList(this: Context, call: DtsCall, settings: RequestSettings, itemIndex: number): Promise<IDataObject[]> {
	const response = await dtsRequest.call(this, call, settings, itemIndex);
	return requireList(this.getNode(), response, itemIndex);
}
