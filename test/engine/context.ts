import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest } from '../sandbox/server';
import { runNode } from './harness';
import type { RunResult } from './harness';
import { useSandbox as useSharedSandbox } from './support';
import type { Sandbox } from './support';

/** One sandbox per test file, reset before each test, and a runner with its demo credentials. */
export interface Context {
	sandbox: Sandbox;
	run(parameters: object, options?: { items?: object[]; continueOnFail?: boolean; apiKey?: string; secrets?: object }): Promise<RunResult>;
	/** Requests that reached the API (the sandbox's control calls are not recorded). */
	sent(): RecordedRequest[];
	/** The last request that reached the API. */
	last(): RecordedRequest;
}

export function useSandbox(): Context {
	const holder = useSharedSandbox();
	const context = {
		get sandbox() {
			return holder.sandbox;
		},
	} as Context;
	context.run = (parameters, options = {}) =>
		runNode({
			parameters: parameters as Record<string, unknown>,
			items: options.items,
			continueOnFail: options.continueOnFail,
			credentials: { apiKey: options.apiKey ?? 'sandbox-demo-key', baseUrl: holder.sandbox.url, apiUrl: holder.sandbox.apiUrl },
			secrets: options.secrets,
		});
	context.sent = () => holder.sandbox.requests;
	context.last = () => {
		const requests = holder.sandbox.requests;
		if (requests.length === 0) throw new Error('No request reached the sandbox');
		return requests[requests.length - 1];
	};
	return context;
}

/** A resource locator value as the editor saves it: a numeric id typed By ID, a code typed By Code. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const byCode = (value: string) => ({ __rl: true, mode: 'code', value });
/** Other Settings as the editor saves them: settings by name and value. */
export const byName = (values: Record<string, unknown>) => ({ entries: Object.entries(values).map(([name, value]) => ({ name, value })) });

export const TEAM = '12345';
/** Seeded on every sandbox reset. */
export const SEEDED = { transferId: '36091', destinationId: '8', backfillId: '12344' };

/** A copy of `object` without the named members: parameters with some left out. */
export function without<T extends object, K extends keyof T>(object: T, ...names: K[]): Omit<T, K> {
	const copy = { ...object };
	for (const name of names) delete copy[name];
	return copy;
}

/** The JSON of each output item. */
export const json = (result: RunResult): IDataObject[] => (result.output ?? []).map((item) => item.json);
