/**
 * Contract: what the editor asks of the API while a node is being filled in (the pickers' list
 * searches, the load-options methods and the Settings form's resource mapper, through n8n's
 * load-options context and real HTTP helper), and the credential test n8n sends when the
 * credential is saved. Against Prism mocking the references: statically, and for the pickers also
 * at random within the schemas (three seeds).
 */
import axios from 'axios';

import { credentialTestRequest } from '../engine/harness';
import { OLDER_OPERATIONS } from './newest';
import { declared, expectDynamicPicker, load, PICKERS } from './pickers';
import { API_KEY, credentials, expectValidRequests, seeded, seededLogins, SEEDS, showError, showExchange, STATIC_DTS, STATIC_LOGINS, useMocks } from './support';

const mocks = useMocks({ static: STATIC_DTS, logins: STATIC_LOGINS, ...seeded(), ...seededLogins() });

/**
 * The pickers that read operations these references have, and those operations: a picker's reads
 * of an operation only the newest reference has (its table groups) are held to that one alone
 * (newest.*.test.ts).
 */
const olderCalls = (name: string) => PICKERS[name].calls.filter((call) => OLDER_OPERATIONS.has(call));
const OLDER_PICKERS = Object.keys(PICKERS).filter((name) => olderCalls(name).length > 0);

test('every list search, load-options method and resource mapper the node declares has a row', () => {
	expect(Object.keys(PICKERS).sort()).toEqual(declared().sort());
});

describe('pickers and forms against the static mock', () => {
	test.each(OLDER_PICKERS)('%s', async (name) => {
		const picker = PICKERS[name];
		const mock = picker.api === 'logins' ? mocks.logins : mocks.static;
		const from = mock.log.length;
		const { result, error } = await load(picker, credentials(mocks.static, mocks.logins));
		const exchanges = mock.take();
		await expectValidRequests(mock, exchanges, name, from);
		expect(exchanges.map((exchange) => exchange.operation)).toEqual(olderCalls(name));
		if (error) throw new Error(`${name} failed on the reference's examples: ${showError(error)}`);
		expect(result).toEqual(picker.result);
	});
});

describe.each(SEEDS)('pickers and forms against the dynamic mock, seed %s', (seed) => {
	test.each(OLDER_PICKERS)('%s', async (name) => {
		const picker = PICKERS[name];
		const mock = picker.api === 'logins' ? mocks[`logins-${seed}`] : mocks[seed];
		const from = mock.log.length;
		const { result, error } = await load(picker, credentials(mocks[seed], mocks[`logins-${seed}`]));
		const exchanges = mock.take();
		await expectValidRequests(mock, exchanges, `${name}, seed ${seed}`, from);
		expectDynamicPicker(`${name}, seed ${seed}`, { result, error }, exchanges);
	});
});

describe('the credential test', () => {
	test('GET {Supermetrics API URL}/ds/logins, as n8n sends it when the credential is saved: valid, answered 200', async () => {
		const request = await credentialTestRequest({ apiKey: API_KEY, baseUrl: mocks.static.url, apiUrl: mocks.logins.url });
		const from = mocks.logins.log.length;
		const answer = await axios({ ...request, validateStatus: () => true });
		const exchanges = mocks.logins.take();
		await expectValidRequests(mocks.logins, exchanges, 'credential test', from);
		expect(exchanges.map((exchange) => exchange.operation)).toEqual(['listDataSourceLogins']);
		if (answer.status !== 200) throw new Error(`The credential test was answered ${answer.status}:\n${exchanges.map(showExchange).join('\n')}`);
		expect(mocks.static.take()).toEqual([]);
	});
});
