/**
 * Contract: every operation against Prism answering at random within the newest reference's
 * schemas (its derived copy, dynamic mode, the three seeds of support.ts; see dynamic.test.ts for
 * what a seed gives). Optional properties are left out half the time, nullable ones may be null.
 *
 * Each request must be valid against the newest reference and carry `Authorization: Bearer <key>`
 * from the first (a fresh credential each run; without --errors Prism would answer a wrong form
 * with the reference's 401, and the node's second try would show as a request without Bearer);
 * each row calls exactly its operations; each answer comes to what rowChecks.ts says. Likewise
 * the editor's pickers and forms, and the trigger's events.
 *
 * An answer Prism itself finds invalid is let through only for the one known reason (README, "What
 * Prism does"): a generated null in a `value` whose oneOf of three nullable types a null matches
 * three times. Any other verdict of Prism's on its own answer fails, so that a new disagreement
 * between Prism and the reference is looked at, not silently allowed.
 */
import { pollingTrigger, runNode } from '../engine/harness';
import { OPERATIONS, parametersOf, rowName } from './operations';
import type { OperationRow } from './operations';
import { expectDynamicPicker, load, PICKERS } from './pickers';
import { responseProblems } from './prism';
import { expectDynamicOutcome } from './rowChecks';
import { expectBearerAccepted, expectValidRequests, freshCredentialId, newestCredentials, SEEDS, seededNewest, showExchange, useMocks } from './support';
import type { Exchange } from './support';
import { DTS_CASES, dtsParameters, dynamicDtsTrigger, LOGIN_CASES, loginTrigger } from './triggerChecks';

const mocks = useMocks(seededNewest());

/** The one verdict of Prism's on its own answers that is allowed: a null where a oneOf of nullable types matches it more than once. */
const NULL_IN_ONE_OF = /^response\.body\.(?:\S+\.)?value: Response body property (?:\S+\.)?value must match exactly one schema in oneOf$/;

function expectOnlyKnownAnswerProblems(exchanges: Exchange[], context: string): void {
	const unknown = exchanges.filter((exchange) => responseProblems(exchange).some((problem) => !NULL_IN_ONE_OF.test(problem)));
	if (unknown.length) throw new Error(`${context}: Prism found its own answer invalid for a reason this suite does not know:\n${unknown.map(showExchange).join('\n')}`);
}

describe.each(SEEDS)('each operation against the newest dynamic mock, seed %s', (seed) => {
	test.each(OPERATIONS.map((row): [string, OperationRow] => [rowName(row), row]))('%s', async (name, row) => {
		const mock = mocks[`newest-${seed}`];
		const from = mock.log.length;
		const result = await runNode({ parameters: parametersOf(row), credentials: newestCredentials(mock), secrets: row.secrets, credentialId: freshCredentialId(`seed-${seed}`) });
		const exchanges = mock.take();
		const context = `${name}, newest, seed ${seed}`;
		expectBearerAccepted(exchanges, context);
		await expectValidRequests(mock, exchanges, context, from);
		expectOnlyKnownAnswerProblems(exchanges, context);
		expect(exchanges.map((exchange) => exchange.operation)).toEqual(row.calls);
		expectDynamicOutcome(row, seed, exchanges, result, 'the newest dynamic mock');
	});
});

describe.each(SEEDS)('pickers and forms against the newest dynamic mock, seed %s', (seed) => {
	test.each(Object.keys(PICKERS))('%s', async (name) => {
		const mock = mocks[`newest-${seed}`];
		const from = mock.log.length;
		const outcome = await load(PICKERS[name], newestCredentials(mock), freshCredentialId(`picker-${seed}`));
		const exchanges = mock.take();
		const context = `${name}, newest, seed ${seed}`;
		expectBearerAccepted(exchanges, context);
		await expectValidRequests(mock, exchanges, context, from);
		expectOnlyKnownAnswerProblems(exchanges, context);
		expect(exchanges.map((exchange) => exchange.operation).sort()).toEqual([...PICKERS[name].calls].sort());
		expectDynamicPicker(context, outcome, exchanges);
	});
});

describe.each(SEEDS.map((seed, i): [string, string] => [seed, SEEDS[(i + 1) % SEEDS.length]]))('the trigger against the newest dynamic mock, seed %s (then seed %s)', (seed, next) => {
	const trigger = (parameters: Record<string, unknown>) =>
		pollingTrigger({ parameters, credentials: newestCredentials(mocks[`newest-${seed}`]), credentialId: freshCredentialId(`trigger-${seed}`) });

	test.each(DTS_CASES)('%s: activation and polls send valid Bearer requests and do not crash', async (name, parameters) => {
		const context = `${name} (newest)`;
		await dynamicDtsTrigger(mocks[`newest-${seed}`], mocks[`newest-${next}`], trigger(dtsParameters(parameters)), context, seed, next, (exchanges) => {
			expectBearerAccepted(exchanges, context);
			expectOnlyKnownAnswerProblems(exchanges, context);
		});
	});

	test.each(LOGIN_CASES)('%s: activation, two polls and Fetch Test Event send valid Bearer requests and do not crash', async (name, parameters) => {
		const context = `${name} (newest, seed ${seed})`;
		await loginTrigger(mocks[`newest-${seed}`], trigger(parameters), context, parameters, (exchanges) => {
			expectBearerAccepted(exchanges, context);
			expectOnlyKnownAnswerProblems(exchanges, context);
		});
	});
});
