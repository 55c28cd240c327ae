/**
 * Contract: what the editor asks of the API while a node is being filled in (the pickers' list
 * searches, the load-options methods and the Settings form's resource mapper, through n8n's
 * load-options context and real HTTP helper), and the credential test n8n sends when the
 * credential is saved. Against Prism mocking the references: statically, and for the pickers also
 * at random within the schemas (three seeds).
 */
import axios from 'axios';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { credentialTestRequest, loadOptionsContext, SupermetricsTransfers } from '../engine/harness';
import { responseProblems } from './prism';
import { API_KEY, byCode, byId, credentials, DESTINATION, expectValidRequests, seeded, seededLogins, SEEDS, showError, showExchange, STATIC_DTS, STATIC_LOGINS, TEAM, useMocks } from './support';
import type { Mock } from './support';

const mocks = useMocks({ static: STATIC_DTS, logins: STATIC_LOGINS, ...seeded(), ...seededLogins() });

const { methods } = new SupermetricsTransfers();

interface Picker {
	/** The node's parameters as the editor sends them, and the parameter being loaded. */
	parameters: Record<string, unknown>;
	path: string;
	call: (context: ILoadOptionsFunctions) => Promise<unknown>;
	/** The reference operation it reads. */
	calls: string[];
	/** Read from the logins reference (the Supermetrics API URL) rather than DTS. */
	api?: 'logins';
	/** Its result against the static mock. */
	result: unknown;
}

const transferForm = { resource: 'transfer', operation: 'create', teamId: TEAM, dataSourceId: byCode('AW'), destinationId: byId(DESTINATION) };
const destinationForm = { resource: 'destination', operation: 'create', teamId: TEAM, destinationType: byCode('SQL_BQ') };

/**
 * Every list search, load-options method and resource mapper the node declares. Where the
 * reference types a list's entries as bare objects (available-options' schemas, accounts and
 * segments; available-sources' settings and auth methods) Prism has nothing to put in them, so the
 * static results are empty: the requests are what is held to the reference there.
 */
const PICKERS: Record<string, Picker> = {
	'listSearch.searchTransfers': {
		parameters: { teamId: TEAM },
		path: 'parameters.transferId',
		call: (context) => methods.listSearch.searchTransfers.call(context),
		calls: ['listTransfers'],
		result: { results: [{ name: 'AW enhanced 2022-11-17 (36091)', value: '36091' }] },
	},
	'listSearch.searchDestinations': {
		parameters: { teamId: TEAM },
		path: 'parameters.destinationId',
		call: (context) => methods.listSearch.searchDestinations.call(context),
		calls: ['listDestinations'],
		result: { results: [{ name: 'My Snowflake Destination (123)', value: '123' }] },
	},
	'listSearch.searchDataSources': {
		parameters: { teamId: TEAM },
		path: 'parameters.dataSourceId',
		call: (context) => methods.listSearch.searchDataSources.call(context),
		calls: ['getAvailableSources'],
		result: { results: [{ name: 'Google Ads (AW)', value: 'AW' }] },
	},
	'listSearch.searchDestinationTypes': {
		parameters: { teamId: TEAM },
		path: 'parameters.destinationType',
		call: (context) => methods.listSearch.searchDestinationTypes.call(context),
		calls: ['getAvailableSources'],
		result: { results: [{ name: 'BigQuery (SQL_BQ)', value: 'SQL_BQ' }] },
	},
	'listSearch.searchLoginLinks': {
		parameters: { resource: 'loginLink', operation: 'get' },
		path: 'parameters.linkId',
		call: (context) => methods.listSearch.searchLoginLinks.call(context),
		calls: ['listLoginLinks'],
		api: 'logins',
		// Prism's link: description "string", status OPEN, a login_id (so used).
		result: { results: [{ name: 'string · OPEN · used (string)', value: 'string' }] },
	},
	'listSearch.searchLogins': {
		parameters: { resource: 'dataSourceLogin', operation: 'get' },
		path: 'parameters.loginId',
		call: (context) => methods.listSearch.searchLogins.call(context),
		calls: ['listDataSourceLogins'],
		api: 'logins',
		result: { results: [{ name: 'string · string · revoked (string)', value: 'string' }] },
	},
	'loadOptions.getSchemas': {
		parameters: transferForm,
		path: 'parameters.schemaId',
		call: (context) => methods.loadOptions.getSchemas.call(context),
		calls: ['getTransferOptions'],
		result: [],
	},
	'loadOptions.getAccounts': {
		parameters: transferForm,
		path: 'parameters.accountList',
		call: (context) => methods.loadOptions.getAccounts.call(context),
		calls: ['getTransferOptions'],
		result: [],
	},
	'loadOptions.getSegments': {
		parameters: transferForm,
		path: 'parameters.segmentList',
		call: (context) => methods.loadOptions.getSegments.call(context),
		calls: ['getTransferOptions'],
		result: [],
	},
	'loadOptions.getAuthMethods': {
		parameters: destinationForm,
		path: 'parameters.authMethod',
		call: (context) => methods.loadOptions.getAuthMethods.call(context),
		calls: ['getAvailableSources'],
		result: [expect.objectContaining({ name: "Type's Default", value: '' })],
	},
	'resourceMapping.getDestinationSettings': {
		parameters: destinationForm,
		path: 'parameters.typeSettings',
		call: (context) => methods.resourceMapping.getDestinationSettings.call(context),
		calls: ['getAvailableSources'],
		result: { fields: [], emptyFieldsNotice: 'SQL_BQ has no settings to fill in besides its secrets.' },
	},
};

const declared = (): string[] =>
	Object.entries(methods)
		.filter(([kind]) => kind !== 'credentialTest')
		.flatMap(([kind, group]) => Object.keys(group as object).map((name) => `${kind}.${name}`));

async function load(dts: Mock, logins: Mock, picker: Picker) {
	const context = loadOptionsContext({ parameters: picker.parameters, credentials: credentials(dts, logins), path: picker.path });
	try {
		return { result: await picker.call(context), error: undefined };
	} catch (error) {
		return { result: undefined, error: error as Error };
	}
}

test('every list search, load-options method and resource mapper the node declares has a row', () => {
	expect(Object.keys(PICKERS).sort()).toEqual(declared().sort());
});

describe('pickers and forms against the static mock', () => {
	test.each(Object.keys(PICKERS))('%s', async (name) => {
		const picker = PICKERS[name];
		const mock = picker.api === 'logins' ? mocks.logins : mocks.static;
		const from = mock.log.length;
		const { result, error } = await load(mocks.static, mocks.logins, picker);
		const exchanges = mock.take();
		await expectValidRequests(mock, exchanges, name, from);
		expect(exchanges.map((exchange) => exchange.operation)).toEqual(picker.calls);
		if (error) throw new Error(`${name} failed on the reference's examples: ${showError(error)}`);
		expect(result).toEqual(picker.result);
	});
});

describe.each(SEEDS)('pickers and forms against the dynamic mock, seed %s', (seed) => {
	test.each(Object.keys(PICKERS))('%s', async (name) => {
		const picker = PICKERS[name];
		const mock = picker.api === 'logins' ? mocks[`logins-${seed}`] : mocks[seed];
		const from = mock.log.length;
		const { result, error } = await load(mocks[seed], mocks[`logins-${seed}`], picker);
		const exchanges = mock.take();
		await expectValidRequests(mock, exchanges, `${name}, seed ${seed}`, from);
		const valid = exchanges.every((e) => e.status >= 200 && e.status < 300 && responseProblems(e).length === 0);
		const why = () => [`${name}, seed ${seed}: ${error ? showError(error) : JSON.stringify(result).slice(0, 500)}`, ...exchanges.map(showExchange), ...exchanges.map((e) => `  answer: ${e.responseBody.slice(0, 1500)}`)].join('\n');
		if (error) {
			if (valid) throw new Error(`A valid answer made the picker fail:\n${why()}`);
			return;
		}
		// A list of options, a list search's results, or the mapper's fields: never the mapper's
		// "could not be loaded" notice for an answer the reference allows.
		const shape = result as { results?: unknown[]; fields?: unknown[]; emptyFieldsNotice?: string };
		expect(Array.isArray(result) || Array.isArray(shape.results) || Array.isArray(shape.fields)).toBe(true);
		if (valid && /could not be loaded/.test(String(shape.emptyFieldsNotice))) throw new Error(`The form did not load from a valid answer:\n${why()}`);
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
