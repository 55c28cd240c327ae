/**
 * Contract: the trigger's login events (Login Link Used, Login Expiring) as n8n runs an active one
 * (activation, polls, Fetch Test Event) against Prism mocking the logins reference: its examples,
 * and answers at random within its schemas (absent fields and nulls included). Every request must
 * be one the reference allows; no poll may crash, nor fail on an answer Prism finds valid.
 */
import { pollingTrigger } from '../engine/harness';
import type { PollResult } from '../engine/harness';
import { responseProblems } from './prism';
import { API_KEY, expectValidRequests, SEEDS, showError, showExchange, STATIC_LOGINS, useMocks } from './support';
import type { Exchange, Mock } from './support';

const mocks = useMocks({ static: STATIC_LOGINS, ...Object.fromEntries(SEEDS.map((seed) => [seed, { spec: 'logins' as const, dynamic: true, seed, label: `logins Prism (dynamic, seed ${seed})` }])) });

const CASES: Array<[string, Record<string, unknown>]> = [
	['Login Link Used', { event: 'loginLinkUsed' }],
	['Login Link Used, one data source', { event: 'loginLinkUsed', dsId: 'GAWA' }],
	['Login Expiring', { event: 'loginExpiring', daysBeforeExpiry: 365 }],
];

/** The DTS host is never asked for these events: a closed port stands in for it. */
const trigger = (mock: Mock, parameters: Record<string, unknown>) =>
	pollingTrigger({ parameters, credentials: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9/v1', apiUrl: mock.url } });

const isNodeError = (error: unknown) => ['NodeApiError', 'NodeOperationError'].includes(String((error as Error | undefined)?.name));

describe.each(['static', ...SEEDS])('against the logins mock (%s)', (name) => {
	test.each(CASES)('%s: activation, two polls and Fetch Test Event send valid requests and do not crash', async (label, parameters) => {
		const mock = mocks[name];
		const from = mock.log.length;
		const t = trigger(mock, parameters);
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
		await expectValidRequests(mock, all, `${label} (${name})`, from);
		expect(all.map((exchange) => exchange.operation)).toEqual(Array(4).fill(parameters.event === 'loginLinkUsed' ? 'listLoginLinks' : 'listDataSourceLogins'));
		const report = steps.map(([step, result, exchanges]) => [`${step}: ${result.error ? showError(result.error as never) : `${result.items.length} item(s)`}`, ...exchanges.map(showExchange)].join('\n')).join('\n');
		for (const [step, result, exchanges] of steps) {
			if (!result.error) continue;
			if (!isNodeError(result.error)) throw new Error(`${label}: ${step} crashed:\n${report}`);
			// Fetch Test Event may find nothing to show: its message, not a failure.
			const nothingYet = /^No (used login link|login)/.test(String((result.error as Error).message));
			const valid = exchanges.every((e) => e.status >= 200 && e.status < 300 && responseProblems(e).length === 0);
			if (valid && !nothingYet) throw new Error(`${label}: ${step} failed on answers Prism found valid:\n${report}`);
		}
		// The same answers twice: the second poll reports nothing the first did not.
		expect(steps[2][1].items).toEqual([]);
	});
});
