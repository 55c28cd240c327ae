/**
 * Contract: the Supermetrics Transfers Trigger as n8n runs an active one (activation, then polls,
 * and the editor's Fetch Test Event), for both events, for one transfer and for all, against
 * Prism mocking the DTS reference: statically (its examples) and at random within its schemas
 * (three seeds). Every request must be one the reference allows; no poll may crash.
 */
import { pollingTrigger } from '../engine/harness';
import { credentials, seeded, SEEDS, STATIC_DTS, useMocks } from './support';
import type { Mock } from './support';
import { DTS_CASES, dtsParameters, dynamicDtsTrigger, staticDtsTrigger } from './triggerChecks';

const mocks = useMocks({ static: STATIC_DTS, ...seeded() });

const trigger = (mock: Mock, parameters: Record<string, unknown>) => pollingTrigger({ parameters: dtsParameters(parameters), credentials: credentials(mock) });

describe('against the static mock (the reference\'s examples)', () => {
	test.each(DTS_CASES)('%s: activation, two polls and Fetch Test Event send valid requests and do not fail', async (name, parameters) => {
		await staticDtsTrigger(mocks.static, trigger(mocks.static, parameters), name, parameters);
	});
});

describe.each(SEEDS.map((seed, i): [string, string] => [seed, SEEDS[(i + 1) % SEEDS.length]]))('against the dynamic mock, seed %s (then seed %s)', (seed, next) => {
	test.each(DTS_CASES)('%s: activation and polls send valid requests and do not crash', async (name, parameters) => {
		await dynamicDtsTrigger(mocks[seed], mocks[next], trigger(mocks[seed], parameters), name, seed, next);
	});
});
