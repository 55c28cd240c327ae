/**
 * The trigger's contract runs, shared by the older references' suites (trigger.test.ts,
 * triggerLogins.test.ts) and the newest reference's: each event, activated as n8n does, polled,
 * and its Fetch Test Event, against a mock; every request must be one the reference allows; no
 * poll may crash, nor fail on answers Prism finds valid. A suite's own check of the exchanges (the
 * newest's: Bearer on every request) runs first, as `first`.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PollingTrigger, PollResult } from '../engine/harness';
import { responseProblems } from './prism';
import { byId, expectValidRequests, showError, showExchange, TEAM, TRANSFER_INT64 } from './support';
import type { Exchange, Mock } from './support';
import { isNodeError } from './rowChecks';

/** A suite's own check of a run's exchanges, before they are held to the reference. */
type Check = (exchanges: Exchange[]) => void;

export const ALL_TRANSFERS = { __rl: true, mode: 'list', value: '' };

/** The DTS events (Base URL), for one transfer and for every transfer; Team ID and Only Failures are added. */
export const DTS_CASES: Array<[string, Record<string, unknown>]> = [
	['Transfer Run Finished, one transfer', { event: 'transferRunFinished', transferId: byId(TRANSFER_INT64) }],
	['Transfer Run Finished, every transfer', { event: 'transferRunFinished', transferId: ALL_TRANSFERS }],
	['Backfill Finished, one transfer', { event: 'backfillFinished', transferId: byId(TRANSFER_INT64) }],
	['Backfill Finished, every transfer', { event: 'backfillFinished', transferId: ALL_TRANSFERS }],
];
export const dtsParameters = (parameters: Record<string, unknown>) => ({ teamId: TEAM, onlyFailures: false, ...parameters });

/** The login events (Supermetrics API URL). */
export const LOGIN_CASES: Array<[string, Record<string, unknown>]> = [
	['Login Link Used', { event: 'loginLinkUsed' }],
	['Login Link Used, one data source', { event: 'loginLinkUsed', dsId: 'GAWA' }],
	['Login Expiring', { event: 'loginExpiring', daysBeforeExpiry: 365 }],
];

function describePoll(step: string, result: PollResult, exchanges: Exchange[]): string {
	return [`${step}: ${result.error ? showError(result.error as never) : `${result.items.length} item(s)`}`, ...exchanges.map(showExchange)].join('\n');
}

/**
 * A DTS event against a static mock (the reference's examples): activation, a poll, a poll after
 * the incomplete backfills left their list (the reference's documented empty example, picked with
 * Prism's Prefer header), Fetch Test Event.
 */
export async function staticDtsTrigger(mock: Mock, t: PollingTrigger, name: string, parameters: Record<string, unknown>, first?: Check): Promise<void> {
	const from = mock.log.length;
	const steps: Array<[string, PollResult, Exchange[]]> = [];
	const step = async (label: string, call: () => Promise<PollResult>) => {
		const result = await call();
		steps.push([label, result, mock.take()]);
		return result;
	};
	await step('activation', () => t.activate());
	await step('poll', () => t.poll());
	// The incomplete backfills seen so far leave the list (its documented empty example), so the
	// trigger asks for each by id.
	mock.prefer = ({ path }) => (/\/backfills$/.test(path) ? 'example=emptyList' : undefined);
	try {
		await step('poll after the backfills left the incomplete list', () => t.poll());
	} finally {
		mock.prefer = undefined;
	}
	const test = await step('Fetch Test Event', () => t.fetchTestEvent());

	const all = steps.flatMap(([, , exchanges]) => exchanges);
	first?.(all);
	await expectValidRequests(mock, all, name, from);
	const report = steps.map(([label, result, exchanges]) => describePoll(label, result, exchanges)).join('\n');
	for (const [label, result] of steps.slice(0, 3)) {
		if (result.error) throw new Error(`${name}: ${label} failed on the reference's examples:\n${report}`);
	}
	// With nothing finished yet the test event is the node's own message, not a failure of the API's.
	if (test.error && !isNodeError(test.error)) throw new Error(`${name}: Fetch Test Event crashed:\n${report}`);
	if (parameters.event === 'backfillFinished') {
		expect(all.map((exchange) => exchange.operation)).toContain('getBackfillById');
	}
}

/**
 * A DTS event against a dynamic mock: activation on one seed, then a poll and Fetch Test Event
 * answered by another seed's Prism (the same seed gives the same answers: another's, so that lists
 * change between polls).
 */
export async function dynamicDtsTrigger(mock: Mock, other: Mock, t: PollingTrigger, name: string, seed: string, next: string, first?: Check): Promise<void> {
	const marks = [mock.log.length, other.log.length];
	const steps: Array<[string, PollResult, Exchange[]]> = [];
	const step = async (label: string, call: () => Promise<PollResult>) => {
		const result = await call();
		steps.push([label, result, mock.take()]);
	};
	await step(`activation (seed ${seed})`, () => t.activate());
	mock.upstream = other.prismUrl;
	try {
		await step(`poll (seed ${next})`, () => t.poll());
		await step(`Fetch Test Event (seed ${next})`, () => t.fetchTestEvent());
	} finally {
		mock.upstream = mock.prismUrl;
	}

	const all = steps.flatMap(([, , exchanges]) => exchanges);
	const context = `${name}, seeds ${seed} then ${next}`;
	first?.(all);
	await expectValidRequests(mock, all.filter((e) => e.upstream === mock.label), context, marks[0]);
	await expectValidRequests(other, all.filter((e) => e.upstream !== mock.label), context, marks[1]);
	const report = `${context}\n${steps.map(([label, result, exchanges]) => describePoll(label, result, exchanges)).join('\n')}`;
	for (const [label, result, exchanges] of steps) {
		if (!result.error) continue;
		if (!isNodeError(result.error)) throw new Error(`${label} crashed:\n${report}`);
		const valid = exchanges.every((e) => e.status >= 200 && e.status < 300 && responseProblems(e).length === 0);
		// Fetch Test Event may find nothing finished: its message, not a failure.
		const nothingYet = /^No finished/.test(String((result.error as Error).message));
		if (valid && !nothingYet) throw new Error(`${label} failed on answers Prism found valid:\n${report}`);
	}
	for (const [, result] of steps) for (const item of result.items) expect(item).toEqual(expect.objectContaining({ team_id: TEAM } as IDataObject));
}

/** A login event: activation, two polls and Fetch Test Event, each one list request; the second poll reports nothing new. */
export async function loginTrigger(mock: Mock, t: PollingTrigger, context: string, parameters: Record<string, unknown>, first?: Check): Promise<void> {
	const from = mock.log.length;
	const steps: Array<[string, PollResult, Exchange[]]> = [];
	for (const [step, call] of [
		['activation', () => t.activate()],
		['poll', () => t.poll()],
		['poll', () => t.poll()],
		['Fetch Test Event', () => t.fetchTestEvent()],
	] as const) {
		const result = await call();
		steps.push([step, result, mock.take()]);
	}
	const all = steps.flatMap(([, , exchanges]) => exchanges);
	first?.(all);
	await expectValidRequests(mock, all, context, from);
	expect(all.map((exchange) => exchange.operation)).toEqual(Array(4).fill(parameters.event === 'loginLinkUsed' ? 'listLoginLinks' : 'listDataSourceLogins'));
	const report = steps.map(([step, result, exchanges]) => describePoll(step, result, exchanges)).join('\n');
	for (const [step, result, exchanges] of steps) {
		if (!result.error) continue;
		if (!isNodeError(result.error)) throw new Error(`${context}: ${step} crashed:\n${report}`);
		// Fetch Test Event may find nothing to show: its message, not a failure.
		const nothingYet = /^No (used login link|login)/.test(String((result.error as Error).message));
		const valid = exchanges.every((e) => e.status >= 200 && e.status < 300 && responseProblems(e).length === 0);
		if (valid && !nothingYet) throw new Error(`${context}: ${step} failed on answers Prism found valid:\n${report}`);
	}
	// The same answers twice: the second poll reports nothing the first did not.
	expect(steps[2][1].items).toEqual([]);
}
