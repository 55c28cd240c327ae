/**
 * Every list search, load-options method and resource mapper of the node, once: the editor's
 * parameters, the reference operations it reads, and its result against the static mocks. Shared
 * by editor.test.ts (the older references) and the newest reference's suites; a picker of an
 * operation only the newest reference has (table groups) runs against the newest alone.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { loadOptionsContext, SupermetricsTransfers } from '../engine/harness';
import { responseProblems } from './prism';
import { byCode, byId, DESTINATION, showError, showExchange, TEAM } from './support';
import type { Exchange } from './support';

export const { methods } = new SupermetricsTransfers();

export interface Picker {
	/** The node's parameters as the editor sends them, and the parameter being loaded. */
	parameters: Record<string, unknown>;
	path: string;
	call: (context: ILoadOptionsFunctions) => Promise<unknown>;
	/**
	 * The reference operations it reads, in order (side by side: as they reach a mock). Where one is
	 * only the newest reference's, the older references' suites hold the picker to the others.
	 */
	calls: string[];
	/** Read from the Supermetrics API URL (logins; table groups below /enterprise/v2) rather than DTS. */
	api?: 'logins';
	/** Its result against the static mock. */
	result: unknown;
	/** Its result against the newest reference's static mock, where that differs. */
	newestResult?: unknown;
}

const transferForm = { resource: 'transfer', operation: 'create', teamId: TEAM, dataSourceId: byCode('AW'), destinationId: byId(DESTINATION) };
const destinationForm = { resource: 'destination', operation: 'create', teamId: TEAM, destinationType: byCode('SQL_BQ') };

/**
 * Every list search, load-options method and resource mapper the node declares. Where the
 * reference types a list's entries as bare objects (available-options' schemas, accounts and
 * segments; available-sources' settings and auth methods) Prism has nothing to put in them, so the
 * static results are empty: the requests are what is held to the reference there.
 */
export const PICKERS: Record<string, Picker> = {
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
	'listSearch.searchTableGroups': {
		parameters: { resource: 'tableGroup', operation: 'export' },
		path: 'parameters.groupId',
		call: (context) => methods.listSearch.searchTableGroups.call(context),
		calls: ['listTableGroups'],
		api: 'logins',
		// The newest reference only; Prism's table group: group_id and name "string".
		result: { results: [{ name: 'string (string)', value: 'string' }] },
	},
	'loadOptions.getSchemas': {
		parameters: transferForm,
		path: 'parameters.schemaId',
		call: (context) => methods.loadOptions.getSchemas.call(context),
		// The team's table groups too (their schema_id), from the Supermetrics API URL: the older
		// references have none, and the node lists the schemas alone when that list fails.
		calls: ['getTransferOptions', 'listTableGroups'],
		result: [],
		// The available options' schemas are bare objects (nothing for Prism to fill); Prism's table
		// group, by its schema_id (the option's words are the node's to choose).
		newestResult: [expect.objectContaining({ name: expect.stringContaining('string (1)'), value: '1' })],
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

export const declared = (): string[] =>
	Object.entries(methods)
		.filter(([kind]) => kind !== 'credentialTest')
		.flatMap(([kind, group]) => Object.keys(group as object).map((name) => `${kind}.${name}`));

/** Runs a picker as the editor does, with the credential's data (and a credential id, default n8n's '1'). */
export async function load(picker: Picker, credentials: IDataObject, credentialId?: string) {
	const context = loadOptionsContext({ parameters: picker.parameters, credentials, path: picker.path, credentialId });
	try {
		return { result: await picker.call(context), error: undefined };
	} catch (error) {
		return { result: undefined, error: error as Error };
	}
}


/**
 * What a picker must come to against a dynamic mock: a list of options, a list search's results or
 * the mapper's fields, never the mapper's "could not be loaded" notice nor an error for an answer
 * the reference allows (Prism's verdict on it); on an answer Prism finds invalid it may fail.
 */
export function expectDynamicPicker(context: string, { result, error }: { result: unknown; error: Error | undefined }, exchanges: Exchange[]): void {
	const valid = exchanges.every((e) => e.status >= 200 && e.status < 300 && responseProblems(e).length === 0);
	const why = () => [`${context}: ${error ? showError(error) : JSON.stringify(result).slice(0, 500)}`, ...exchanges.map(showExchange), ...exchanges.map((e) => `  answer: ${e.responseBody.slice(0, 1500)}`)].join('\n');
	if (error) {
		if (valid) throw new Error(`A valid answer made the picker fail:\n${why()}`);
		return;
	}
	const shape = result as { results?: unknown[]; fields?: unknown[]; emptyFieldsNotice?: string };
	expect(Array.isArray(result) || Array.isArray(shape.results) || Array.isArray(shape.fields)).toBe(true);
	if (valid && /could not be loaded/.test(String(shape.emptyFieldsNotice))) throw new Error(`The form did not load from a valid answer:\n${why()}`);
}
