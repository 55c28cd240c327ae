import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import type { NoAnswer } from './errors';
import { CREDENTIAL_TYPE } from './settings';
import type { Context } from './settings';

/**
 * One HTTP exchange through n8n's helper, with what the helper does not give: a deadline for the
 * whole exchange (a server trickling bytes cannot stretch it), a size limit on the decompressed
 * answer, and no redirect followed.
 */

/** No DTS answer comes near this; a gzip bomb or a runaway proxy stops here. */
export const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

export interface Exchange {
	status: number;
	headers: Record<string, string | undefined>;
	text: string;
}

/** An answer, or why there was none. */
export type Outcome = { ok: true; answer: Exchange } | { ok: false; reason: NoAnswer };

function header(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	const value = (headers as Record<string, unknown>)[name];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

interface Body {
	on(event: string, listener: (...args: never[]) => void): unknown;
	destroy(error?: Error): unknown;
}

const isStream = (value: unknown): value is Body =>
	typeof value === 'object' && value !== null && typeof (value as Body).on === 'function' && typeof (value as Body).destroy === 'function';

const tooLarge = (status: number): NoAnswer => ({ kind: 'tooLarge', limitBytes: MAX_ANSWER_BYTES, status });

/** The body's text, up to the limit, until the signal aborts; or why it stopped. */
function readBody(body: unknown, status: number, signal: AbortSignal): Promise<{ text: string } | { stopped: unknown }> {
	if (!isStream(body)) {
		// Not a stream: a helper that ignored `encoding`; still held to the limit.
		const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
		return Promise.resolve(Buffer.byteLength(text) > MAX_ANSWER_BYTES ? { stopped: tooLarge(status) } : { text });
	}
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const stop = (why: unknown) => {
			signal.removeEventListener('abort', onAbort);
			body.destroy();
			if (!settled) resolve({ stopped: why });
			settled = true;
		};
		const onAbort = () => stop(signal.reason);
		if (signal.aborted) return onAbort();
		signal.addEventListener('abort', onAbort, { once: true });
		body.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_ANSWER_BYTES) return stop(tooLarge(status));
			chunks.push(chunk);
		});
		body.on('end', () => {
			signal.removeEventListener('abort', onAbort);
			if (!settled) resolve({ text: Buffer.concat(chunks).toString('utf8') });
			settled = true;
		});
		body.on('error', (error: Error) => stop(error));
	});
}

function networkFailure(error: unknown): NoAnswer {
	const object = error as { cause?: unknown; code?: unknown; message?: unknown };
	const original = (object?.cause instanceof Error ? object.cause : object) as { code?: unknown; message?: unknown };
	return {
		kind: 'network',
		code: typeof original?.code === 'string' ? original.code : undefined,
		message: typeof original?.message === 'string' ? original.message : 'no answer',
	};
}

/**
 * Sends one request with the credential and reads its answer, or says why there was none. The
 * deadline covers the whole exchange: connecting, waiting, and every byte of the answer.
 */
export async function exchange(
	ctx: Context,
	request: { method: IHttpRequestMethods; url: string; body?: IDataObject; qs?: IDataObject; headers?: Record<string, string> },
	timeoutMs: number,
): Promise<Outcome> {
	const deadline = AbortSignal.timeout(timeoutMs);
	const cancel = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	// n8n's helper replaces a request's abortSignal with the execution's cancel signal, which it
	// takes from getExecutionCancelSignal(): hand it one that also fires at the deadline.
	const caller = Object.create(ctx, { getExecutionCancelSignal: { value: () => signal } }) as Context;
	const options: IHttpRequestOptions = {
		...request,
		json: true,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: timeoutMs,
		abortSignal: signal,
	};
	const failed = (error: unknown): Outcome => {
		if (cancel?.aborted && !deadline.aborted) throw new NodeOperationError(ctx.getNode(), 'The execution was cancelled');
		return { ok: false, reason: deadline.aborted ? { kind: 'deadline', timeoutMs } : networkFailure(error) };
	};

	let response: { statusCode: number; headers: unknown; body: unknown };
	try {
		response = await ctx.helpers.httpRequestWithAuthentication.call(caller, CREDENTIAL_TYPE, options);
	} catch (error) {
		return failed(error);
	}
	const { statusCode: status, headers } = response;
	if (Number(header(headers, 'content-length')) > MAX_ANSWER_BYTES) {
		if (isStream(response.body)) response.body.destroy();
		return { ok: false, reason: tooLarge(status) };
	}
	const read = await readBody(response.body, status, signal);
	if ('stopped' in read) {
		const why = read.stopped as NoAnswer;
		return why?.kind === 'tooLarge' ? { ok: false, reason: why } : failed(read.stopped);
	}
	return {
		ok: true,
		answer: {
			status,
			text: read.text,
			headers: {
				location: header(headers, 'location'),
				'content-type': header(headers, 'content-type'),
				'retry-after': header(headers, 'retry-after'),
				date: header(headers, 'date'),
				'x-ratelimit-limit': header(headers, 'x-ratelimit-limit'),
				'x-ratelimit-remaining': header(headers, 'x-ratelimit-remaining'),
			},
		},
	};
}
