/**
 * Contract: every operation of the node, through n8n's engine and its real HTTP helper, against
 * Stoplight Prism mocking the DTS reference with its examples (--errors: a request Prism finds
 * invalid is refused, never answered with a mocked success). Each request must be one the
 * reference allows (method, path, parameters, body, security scheme) and the item must come out.
 */
import { runNode } from '../engine/harness';
import { OLDER_ROWS } from './newest';
import { OPERATIONS, parametersOf, rowName } from './operations';
import type { OperationRow } from './operations';
import { specOperationList } from './prism';
import { credentials, expectValidRequests, showError, STATIC_DTS, STATIC_LOGINS, useMocks } from './support';

const mocks = useMocks({ dts: STATIC_DTS, logins: STATIC_LOGINS });

describe('each operation against the static mock (the reference\'s examples)', () => {
	// The rows of operations these references have (the newest reference's own: newest.static.test.ts).
	test.each(OLDER_ROWS.map((row): [string, OperationRow] => [rowName(row), row]))('%s', async (name, row) => {
		// Each request to its own API's mock, and nothing to the other.
		const [mock, other] = row.api === 'logins' ? [mocks.logins, mocks.dts] : [mocks.dts, mocks.logins];
		const from = mock.log.length;
		const result = await runNode({ parameters: parametersOf(row), credentials: credentials(mocks.dts, mocks.logins), secrets: row.secrets });
		const exchanges = mock.take();

		await expectValidRequests(mock, exchanges, name, from);
		expect(exchanges.map((exchange) => exchange.operation)).toEqual(row.calls);
		expect(other.take()).toEqual([]);
		if (result.error) throw new Error(`${name}: the node failed on valid answers: ${showError(result.error)}`);
		expect((result.output ?? []).map((item) => item.json)).toEqual(row.output);
	});
});

describe('Wait Until Finished against the static mock', () => {
	// The reference's only example of a backfill by id is RUNNING, so both waits run to Max Wait
	// (0.1 minutes) and end in the node's WAIT_TIMEOUT; what is held to the reference is each poll.
	// Run side by side, so the file waits 6 s once; each has 5 s of slack for its first poll.
	const wait = { waitUntilFinished: true, pollInterval: 1, maxWait: 0.1 };
	const row = (operation: string) => OPERATIONS.find((r) => r.resource === 'backfill' && r.operation === operation) as OperationRow;

	test('Backfill Create and Backfill Get poll with valid Backfill Get requests', async () => {
		const from = mocks.dts.log.length;
		const runs = await Promise.all(
			['create', 'get'].map(async (operation) => runNode({ parameters: { ...parametersOf(row(operation)), ...wait }, credentials: credentials(mocks.dts) })),
		);
		const exchanges = mocks.dts.take();
		await expectValidRequests(mocks.dts, exchanges, 'Wait Until Finished', from);
		const calls = exchanges.map((exchange) => exchange.operation);
		expect(calls.filter((call) => call === 'createBackfill')).toHaveLength(1);
		// Backfill Get's own request, then at least one poll of each wait.
		expect(calls.filter((call) => call === 'getBackfillById').length).toBeGreaterThanOrEqual(3);
		expect(new Set(exchanges.filter((e) => e.operation === 'getBackfillById').map((e) => e.path))).toEqual(new Set(['/teams/936506/backfills/12345']));
		for (const run of runs) {
			expect(run.error?.message).toBe('Backfill 12345 did not finish within 0.1 minutes (last status RUNNING)');
		}
	});
});

describe('the table', () => {
	// That every operation the node offers has a row: newest.static.test.ts (the newest reference has them all).
	test.each(['dts', 'logins'] as const)('calls every operation of the %s reference', (spec) => {
		const declared = new Set(OPERATIONS.flatMap((row) => row.calls));
		expect(specOperationList(spec).map((o) => o.operationId).filter((id) => !declared.has(id))).toEqual([]);
	});
});
