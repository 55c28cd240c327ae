/**
 * Contract: the Supermetrics Transfers Trigger as n8n runs an active one (activation, then polls,
 * and the editor's Fetch Test Event), for both events, for one transfer and for all, against
 * Prism mocking the DTS reference: statically (its examples) and at random within its schemas
 * (three seeds). Every request must be one the reference allows; no poll may crash.
 */
import type { IDataObject } from 'n8n-workflow';

import { pollingTrigger } from '../engine/harness';
import type { PollResult } from '../engine/harness';
import { responseProblems } from './prism';
import { byId, credentials, expectValidRequests, seeded, SEEDS, showError, showExchange, STATIC_DTS, TEAM, TRANSFER_INT64, useMocks } from './support';
import type { Exchange, Mock } from './support';

const mocks = useMocks({ static: STATIC_DTS, ...seeded() });

const ALL_TRANSFERS = { __rl: true, mode: 'list', value: '' };

const CASES: Array<[string, Record<string, unknown>]> = [
	['Transfer Run Finished, one transfer', { event: 'transferRunFinished', transferId: byId(TRANSFER_INT64) }],
	['Transfer Run Finished, every transfer', { event: 'transferRunFinished', transferId: ALL_TRANSFERS }],
	['Backfill Finished, one transfer', { event: 'backfillFinished', transferId: byId(TRANSFER_INT64) }],
	['Backfill Finished, every transfer', { event: 'backfillFinished', transferId: ALL_TRANSFERS }],
];

const trigger = (mock: Mock, parameters: Record<string, unknown>) =>
	pollingTrigger({ parameters: { teamId: TEAM, onlyFailures: false, ...parameters }, credentials: credentials(mock) });

/** n8n shows the node's own errors; anything else (a TypeError, say) is a crash. */
const isNodeError = (error: unknown) => ['NodeApiError', 'NodeOperationError'].includes(String((error as Error | undefined)?.name));

function describePoll(step: string, result: PollResult, exchanges: Exchange[]): string {
	return [`${step}: ${result.error ? showError(result.error as never) : `${result.items.length} item(s)`}`, ...exchanges.map(showExchange)].join('\n');
}

describe('against the static mock (the reference\'s examples)', () => {
	test.each(CASES)('%s: activation, two polls and Fetch Test Event send valid requests and do not fail', async (name, parameters) => {
		const mock = mocks.static;
		const from = mock.log.length;
		const t = trigger(mock, parameters);
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
	});
});

describe.each(SEEDS.map((seed, i): [string, string] => [seed, SEEDS[(i + 1) % SEEDS.length]]))('against the dynamic mock, seed %s (then seed %s)', (seed, next) => {
	test.each(CASES)('%s: activation and polls send valid requests and do not crash', async (name, parameters) => {
		const mock = mocks[seed];
		const other = mocks[next];
		const marks = [mock.log.length, other.log.length];
		const t = trigger(mock, parameters);
		const steps: Array<[string, PollResult, Exchange[]]> = [];
		const step = async (label: string, call: () => Promise<PollResult>) => {
			const result = await call();
			steps.push([label, result, mock.take()]);
		};
		await step(`activation (seed ${seed})`, () => t.activate());
		// The same seed gives the same answers: another seed's, so that lists change between polls.
		mock.upstream = other.prismUrl;
		try {
			await step(`poll (seed ${next})`, () => t.poll());
			await step(`Fetch Test Event (seed ${next})`, () => t.fetchTestEvent());
		} finally {
			mock.upstream = mock.prismUrl;
		}

		const all = steps.flatMap(([, , exchanges]) => exchanges);
		const context = `${name}, seeds ${seed} then ${next}`;
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
	});
});
