/** Shared set-up for the trigger's engine tests: a sandbox on a clock the test moves, and the trigger. */
import type { IDataObject } from 'n8n-workflow';

import { byId, SEEDED, TEAM } from './context';
import { pollingTrigger } from './harness';
import type { PollingTrigger, PollResult, Scheduler } from './harness';
import type { TriggerState } from '../../nodes/SupermetricsTransfers/trigger/state';
import { API_CANARY, useSandbox } from './support';
import type { Sandbox } from './support';

/** A Monday 08:00 UTC: the seeded transfer's daily run comes at 22:00, fourteen hours on. */
export const START = Date.parse('2026-03-02T08:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const TRANSFER = SEEDED.transferId;

export function useTriggerSandbox(): { sandbox: Sandbox } {
	return useSandbox({ clock: { start: START } });
}

/** How the trigger is run: which n8n scheduler, and what getPollBudgetMs() answers (durable). */
export interface TriggerSetup {
	scheduler?: Scheduler;
	budgetMs?: number | 'absent';
	/** The node's name in the workflow. */
	name?: string;
}

export function trigger(sandbox: Sandbox, parameters: Record<string, unknown> = {}, apiKey = API_CANARY, setup: TriggerSetup = {}): PollingTrigger {
	return pollingTrigger({
		parameters: { event: 'transferRunFinished', teamId: TEAM, transferId: byId(TRANSFER), onlyFailures: false, ...parameters },
		credentials: { apiKey, baseUrl: sandbox.url, apiUrl: sandbox.apiUrl },
		...setup,
	});
}

/**
 * Another client's key, sent as Bearer (taken on every path): what the test itself does through
 * `api` is not the trigger's.
 */
const OTHER_CLIENT = 'Bearer sandbox-demo-key';

/** The trigger's API requests since the last call, as `METHOD path?query`, and forgets all. */
export function takeRequests(sandbox: Sandbox): string[] {
	const sent = sandbox.requests.filter((r) => r.headers.authorization !== OTHER_CLIENT).map((r) => {
		const query = new URLSearchParams(r.query).toString();
		return `${r.method} ${r.path}${query ? `?${query}` : ''}`;
	});
	sandbox.requests.length = 0;
	return sent;
}

/** A run of `transfer` created now that finishes `durationMs` after its 30 s in the queue. */
export function startRun(sandbox: Sandbox, options: { dataDate?: string; durationMs?: number; outcome?: string; transferId?: string } = {}) {
	return sandbox.addRun({ transferId: options.transferId ?? TRANSFER, durationMs: options.durationMs ?? MINUTE, dataDate: options.dataDate, outcome: options.outcome });
}

export const ids = (items: IDataObject[]) => items.map((item) => item.id);

/**
 * A call to the sandbox's API as another client would make it (not counted as the trigger's).
 * Resolves with the answer's JSON (ids past 2^53 as strings), `T` naming what the test reads of it.
 */
export async function api<T = unknown>(sandbox: Sandbox, method: string, path: string, body?: object): Promise<T> {
	// The logins API's paths are on its own origin.
	const origin = path.startsWith('/ds/') ? sandbox.apiUrl : sandbox.url;
	const response = await fetch(`${origin}${path}`, {
		method,
		headers: { authorization: OTHER_CLIENT, 'content-type': 'application/json' },
		body: body && JSON.stringify(body),
	});
	const text = await response.text();
	if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
	return text ? (JSON.parse(text.replace(/"id":(\d{16,})/g, '"id":"$1"')) as T) : (undefined as T);
}

/** Another transfer's configuration (Create's body), daily at 23:00 UTC. */
export const transferConfiguration = (name: string) => ({
	data_source_id: 'GAWA',
	schema_id: 2,
	destination_id: 8,
	display_name: name,
	schedule: [{ run_interval: 'daily', run_hour: 23 }],
	accounts: [{ account_id: '1' }],
});

/** Another transfer of the team; resolves with its id. */
export async function createTransfer(sandbox: Sandbox, name: string): Promise<string> {
	const { data } = await api<{ data: { transfer_id: number } }>(sandbox, 'POST', `/teams/${TEAM}/transfers`, transferConfiguration(name));
	return String(data.transfer_id);
}

export async function createBackfill(sandbox: Sandbox, rangeStart: string, rangeEnd: string, transferId = TRANSFER): Promise<string> {
	const { data } = await api<{ data: { transfer_backfill_id: number } }>(sandbox, 'POST', `/teams/${TEAM}/transfers/${transferId}/backfills`, { range_start: rangeStart, range_end: rangeEnd });
	return String(data.transfer_backfill_id);
}

/**
 * n8n starts again, and what its first poll of the trigger emits: the regular scheduler polls at
 * start (activation mode 'init'); the durable one keeps its job and polls at the next tick.
 */
export async function restartAndPoll(t: PollingTrigger): Promise<PollResult> {
	const restarted = await t.restart();
	return t.scheduler === 'durable' ? await t.poll() : restarted;
}

/**
 * The state the activation left for the next poll: the node's static data (regular), or, since
 * n8n 2.41's durable scheduler drops a non-emitting activation poll's cursor, the activation copy
 * in the workflow's global static data, which the first tick takes up.
 */
export function activationState(t: PollingTrigger): TriggerState | undefined {
	if (t.scheduler === 'regular') return t.saved()?.supermetricsTransfersTrigger;
	const copy = t.global()?.[`supermetricsTransfersTrigger:${t.node.id}`] as { state?: TriggerState } | undefined;
	return copy?.state;
}

/** n8n's clock (Date) under Jest's control; timers stay real, so HTTP and the sandbox work as ever. */
export function holdNow(): void {
	jest.useFakeTimers({
		now: Date.now(),
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
}
export const later = (ms: number) => jest.setSystemTime(Date.now() + ms);
