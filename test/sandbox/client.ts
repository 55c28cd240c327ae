/**
 * For tests of the sandbox itself: one sandbox per file, reset before each test, called with the
 * demo key as a bearer token (the form every operation of both APIs takes).
 */
import { createSandbox } from './server';
import type { Sandbox, SandboxOptions } from './server';

/** An answer's JSON as the API writes it, wrapped: its data, or its error. */
export interface ApiJson {
	meta?: { request_id: string };
	data?: unknown;
	error?: { code: string; message: string; description: string };
}

export interface Answer<T> {
	status: number;
	/** The Date header: the sandbox's clock. */
	date: string | null;
	headers: Headers;
	text: string;
	/** The body as JSON, of the shape the test reads (undefined when the answer has no body). */
	json: T;
}

export interface CallOptions {
	/** Which origin: the DTS API (`url`, the default) or the Supermetrics API's logins (`apiUrl`). */
	api?: 'dts' | 'logins';
	/** The Authorization header as sent; null sends none. Default `Bearer sandbox-demo-key`. */
	authorization?: string | null;
}

export const DEMO_KEY = 'sandbox-demo-key';

/** A sandbox made with `options`, and `call` to its APIs: `pathPrefix` and the path after /v1 (or after the logins origin). */
export function useSandboxClient(pathPrefix = '', options: SandboxOptions = {}) {
	const holder = { sandbox: undefined as unknown as Sandbox };
	beforeAll(async () => {
		holder.sandbox = await createSandbox(options).start();
	});
	afterAll(() => holder.sandbox.close());
	beforeEach(() => holder.sandbox.reset());

	/** Calls an API, by default DTS with the demo key; `T` names the shape of the JSON the test reads. */
	async function call<T = ApiJson>(method: string, path: string, body?: object, { api = 'dts', authorization = `Bearer ${DEMO_KEY}` }: CallOptions = {}): Promise<Answer<T>> {
		const base = api === 'dts' ? holder.sandbox.url : holder.sandbox.apiUrl;
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (authorization !== null) headers.authorization = authorization;
		const response = await fetch(base + pathPrefix + path, { method, headers, body: body && JSON.stringify(body) });
		const text = await response.text();
		return { status: response.status, date: response.headers.get('date'), headers: response.headers, text, json: text ? (JSON.parse(text) as T) : (undefined as T) };
	}
	return { holder, call };
}
