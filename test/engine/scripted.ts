/**
 * One hostile API server per test file, started before its tests and closed after them. Each test
 * sets `api.answer`; what the server received is cleared before every test.
 */
import { hostileServer } from './hostile';
import type { Hostile } from './hostile';

type Answer = Parameters<typeof hostileServer>[0];

export interface ScriptedApi {
	/** What the server does with the next requests. */
	answer: Answer;
	readonly url: string;
	readonly received: Hostile['received'];
}

export function scriptedApi(): ScriptedApi {
	let server: Hostile | undefined;
	const started = () => {
		if (!server) throw new Error('the scripted API server is used outside a test');
		return server;
	};
	const api: ScriptedApi = {
		answer: () => {},
		get url() {
			return started().url;
		},
		get received() {
			return started().received;
		},
	};
	beforeAll(async () => {
		server = await hostileServer((req, res, received) => api.answer(req, res, received));
	});
	afterAll(async () => server?.close());
	beforeEach(() => {
		started().received.length = 0;
	});
	return api;
}
