/**
 * Contract: every operation against Prism answering at random within the reference's schemas
 * (dynamic mode, seeded so a run repeats: Prism restarts its generator from the seed for every
 * answer, so one seed is one answer per operation, and three seeds are three). Optional properties
 * are left out half the time and nullable ones may be null, as the reference allows.
 *
 * Each request must still be valid, and each answer come to what rowChecks.ts says: items from a
 * valid answer, a clear error for a write's answer that lacks what the node hands on, no crash on
 * an answer Prism itself finds invalid.
 */
import { runNode } from '../engine/harness';
import { OLDER_ROWS } from './newest';
import { parametersOf, rowName } from './operations';
import type { OperationRow } from './operations';
import { expectDynamicOutcome } from './rowChecks';
import { credentials, expectValidRequests, seeded, seededLogins, SEEDS, useMocks } from './support';
import type { Mock } from './support';

const mocks = useMocks({ ...seeded(), ...seededLogins() });

describe.each(SEEDS)('each operation against the dynamic mock, seed %s', (seed) => {
	let dts: Mock;
	let logins: Mock;
	beforeAll(() => {
		dts = mocks[seed];
		logins = mocks[`logins-${seed}`];
	});

	// The rows of operations these references have (the newest reference's own: newest.dynamic.test.ts).
	test.each(OLDER_ROWS.map((row): [string, OperationRow] => [rowName(row), row]))('%s', async (name, row) => {
		const mock = row.api === 'logins' ? logins : dts;
		const from = mock.log.length;
		const result = await runNode({ parameters: parametersOf(row), credentials: credentials(dts, logins), secrets: row.secrets });
		const exchanges = mock.take();
		await expectValidRequests(mock, exchanges, `${name}, seed ${seed}`, from);
		expect(exchanges.map((exchange) => exchange.operation)).toEqual(row.calls);
		expectDynamicOutcome(row, seed, exchanges, result);
	});
});
