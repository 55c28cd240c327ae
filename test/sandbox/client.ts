/** For tests of the sandbox itself: one sandbox per file, reset before each test, called with the demo key. */
import { createSandbox } from './server';

export interface Answer {
	status: number;
	text: string;
	json: any;
}

export function useSandboxClient(pathPrefix = '') {
	const holder = { sandbox: undefined as any };
	beforeAll(async () => {
		holder.sandbox = await createSandbox().start();
	});
	afterAll(() => holder.sandbox.close());
	beforeEach(() => holder.sandbox.reset());

	async function call(method: string, path: string, body?: object): Promise<Answer> {
		const response = await fetch(holder.sandbox.url + pathPrefix + path, {
			method,
			headers: { authorization: 'sandbox-demo-key', 'content-type': 'application/json' },
			body: body && JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
	}
	return { holder, call };
}
