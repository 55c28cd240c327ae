/**
 * Contract: the trigger's login events (Login Link Used, Login Expiring) as n8n runs an active one
 * (activation, polls, Fetch Test Event) against Prism mocking the logins reference: its examples,
 * and answers at random within its schemas (absent fields and nulls included). Every request must
 * be one the reference allows; no poll may crash, nor fail on an answer Prism finds valid.
 */
import { pollingTrigger } from '../engine/harness';
import { API_KEY, SEEDS, STATIC_LOGINS, useMocks } from './support';
import type { Mock } from './support';
import { LOGIN_CASES, loginTrigger } from './triggerChecks';

const mocks = useMocks({ static: STATIC_LOGINS, ...Object.fromEntries(SEEDS.map((seed) => [seed, { spec: 'logins' as const, dynamic: true, seed, label: `logins Prism (dynamic, seed ${seed})` }])) });

/** The DTS host is never asked for these events: a closed port stands in for it. */
const trigger = (mock: Mock, parameters: Record<string, unknown>) =>
	pollingTrigger({ parameters, credentials: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9/v1', apiUrl: mock.url } });

describe.each(['static', ...SEEDS])('against the logins mock (%s)', (name) => {
	test.each(LOGIN_CASES)('%s: activation, two polls and Fetch Test Event send valid requests and do not crash', async (label, parameters) => {
		await loginTrigger(mocks[name], trigger(mocks[name], parameters), `${label} (${name})`, parameters);
	});
});
