/** For tests of the sandbox itself: one sandbox per file, reset before each test, called with the demo key. */
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
	text: string;
	/** The body as JSON, of the shape the test reads (undefined when the answer has no body). */
	json: T;
}

/** A sandbox made with `options`, and `call` to its API: `pathPrefix` and the path after /v1. */
export function useSandboxClient(pathPrefix = '', options: SandboxOptions = {}) {
	const holder = { sandbox: undefined as unknown as Sandbox };
	beforeAll(async () => {
		holder.sandbox = await createSandbox(options).start();
	});
	afterAll(() => holder.sandbox.close());
	beforeEach(() => holder.sandbox.reset());

	/** Calls the API with the demo key; `T` names the shape of the JSON the test reads. */
	async function call<T = ApiJson>(method: string, path: string, body?: object): Promise<Answer<T>> {
		const response = await fetch(holder.sandbox.url + pathPrefix + path, {
			method,
			headers: { authorization: 'sandbox-demo-key', 'content-type': 'application/json' },
			body: body && JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, date: response.headers.get('date'), text, json: text ? (JSON.parse(text) as T) : (undefined as T) };
	}
	return { holder, call };
}
