/** Shared set-up for engine tests: a sandbox per file, a distinctive key, and log capture. */
import { jsonStringify } from 'n8n-workflow';

import { createSandbox, DEFAULT_KEYS } from '../sandbox/server';
import { runNode } from './harness';
import { logLines } from './logs';

export { logLines };

/**
 * The API keys the engine tests run with: canaries, distinctive values that must never show up in
 * an output, an error or a log line. The second lacks the write scope.
 */
export const API_CANARY = 'canary_SECRET_4f9a_do_not_leak';
export const READONLY_CANARY = 'canary_READONLY_77c1';

export type Sandbox = Awaited<ReturnType<ReturnType<typeof createSandbox>['start']>>;

/** Starts one sandbox for the file, reset before each test. */
export function useSandbox(options: object = {}) {
	const holder = { sandbox: undefined as unknown as Sandbox };
	beforeAll(async () => {
		holder.sandbox = await createSandbox({
			keys: {
				...DEFAULT_KEYS,
				[API_CANARY]: { scopes: [...DEFAULT_KEYS['sandbox-demo-key'].scopes], userId: 1, email: 'a@sandbox.invalid', teamId: 12345 },
				[READONLY_CANARY]: { scopes: [...DEFAULT_KEYS['sandbox-readonly-key'].scopes], userId: 2, email: 'b@sandbox.invalid', teamId: 12345 },
			},
			...options,
		}).start();
	});
	beforeEach(() => {
		holder.sandbox.reset();
		logLines.length = 0;
	});
	afterAll(async () => holder.sandbox.close());
	return holder;
}

export const CREATE = { resource: 'dataSourceConnection', operation: 'create' };

/** Runs Create Data Source Connection with the given fields against the sandbox. */
export function runCreate(
	sandbox: Sandbox,
	fields: Record<string, unknown>,
	extra: { items?: object[]; continueOnFail?: boolean; apiKey?: string; credentials?: object; options?: object; credentialId?: string } = {},
) {
	return runNode({
		credentialId: extra.credentialId,
		parameters: { ...CREATE, ...fields, ...(extra.options ? { options: extra.options } : {}) },
		items: extra.items,
		continueOnFail: extra.continueOnFail,
		credentials: { apiKey: extra.apiKey ?? API_CANARY, baseUrl: sandbox.url, ...extra.credentials },
	});
}

/**
 * Everything a user or a log could see of a run, as one string (circular parts included).
 * `exceptWorkflow` leaves out the execution's copy of the workflow itself (the node definitions
 * on its execution stack): parameters typed into a node live there by design, as in any exported
 * workflow, which is why secrets belong in a credential.
 */
export function everythingVisible(
	result: { run: unknown; error?: unknown; output?: unknown },
	{ exceptWorkflow = false }: { exceptWorkflow?: boolean } = {},
): string {
	const error = result.error as { message?: string; description?: string; stack?: string; cause?: unknown } | undefined;
	const deep = (value: unknown) => jsonStringify(value, { replaceCircularRefs: true });
	let run = result.run;
	if (exceptWorkflow) {
		const copy = JSON.parse(deep(run)) as { data?: { executionData?: { nodeExecutionStack?: Array<{ node?: unknown }> } } };
		for (const entry of copy.data?.executionData?.nodeExecutionStack ?? []) delete entry.node;
		run = copy;
	}
	return [
		deep(run),
		deep(result.output),
		error?.message,
		error?.description,
		error?.stack,
		deep(error?.cause),
		...logLines,
	].join('\n');
}
