import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { dtsList, dtsObject, requestSettings } from '../transport';

/** Common codes, offered while no team id is set; any code matching ^[A-Z0-9_]+$ may still be typed. */
export const KNOWN_DATA_SOURCES: Array<[code: string, name: string]> = [
	['GAWA', 'Google Analytics 4'],
	['GA', 'Google Analytics (Universal)'],
	['ADM', 'Adobe Analytics'],
	['AW', 'Google Ads'],
	['FA', 'Facebook Ads'],
];

export const KNOWN_DESTINATION_TYPES: Array<[code: string, name: string]> = [
	['SQL_BQ', 'BigQuery'],
	['DWH_SNOWFLAKE', 'Snowflake'],
];

function search(list: Array<[string, string]>, filter?: string): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: list
			.filter(([value, name]) => !needle || `${value} ${name}`.toLowerCase().includes(needle))
			.map(([value, name]) => ({ name: `${name} (${value})`, value })),
	};
}

/** The team id typed so far; an expression or a half-typed id cannot be listed against. */
export function teamId(this: ILoadOptionsFunctions): string | undefined {
	const value = String(this.getCurrentNodeParameter('teamId') ?? '').trim();
	return /^[1-9][0-9]{0,18}$/.test(value) ? value : undefined;
}

function requireTeamId(this: ILoadOptionsFunctions, what: string): string {
	const id = teamId.call(this);
	if (id) return id;
	throw new NodeOperationError(
		this.getNode(),
		`Enter a Team ID (a plain number, not an expression) to list ${what}, or type an ID`,
	);
}

export async function availableSources(this: ILoadOptionsFunctions, team: string): Promise<IDataObject> {
	const settings = await requestSettings.call(this);
	return dtsObject.call(this, { method: 'GET', path: `/teams/${team}/transfers/available-sources` }, settings, 0);
}

async function listOf(this: ILoadOptionsFunctions, path: string, qs?: IDataObject): Promise<IDataObject[]> {
	const settings = await requestSettings.call(this);
	return dtsList.call(this, { method: 'GET', path, ...(qs ? { qs } : {}) }, settings, 0);
}

function pairs(list: unknown, value: string, name: string): Array<[string, string]> {
	return (Array.isArray(list) ? (list as IDataObject[]) : [])
		.filter((entry) => typeof entry[value] === 'string')
		.map((entry) => [String(entry[value]), String(entry[name] ?? entry[value])]);
}

/**
 * Data sources or destination types: the team's available sources once a Team ID is typed, the
 * common codes before.
 */
function catalogSearch(
	known: Array<[string, string]>,
	listKey: string,
	valueKey: string,
	nameKey: string,
): (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult> {
	return async function (this: ILoadOptionsFunctions, filter?: string) {
		const team = teamId.call(this);
		if (!team) return search(known, filter);
		const sources = await availableSources.call(this, team);
		return search(pairs(sources[listKey], valueKey, nameKey), filter);
	};
}

export const searchDataSources = catalogSearch(KNOWN_DATA_SOURCES, 'data_sources', 'data_source_id', 'service_name');

export const searchDestinationTypes = catalogSearch(KNOWN_DESTINATION_TYPES, 'destination_types', 'type', 'title');

export async function searchTransfers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const team = requireTeamId.call(this, 'transfers');
	const transfers = await listOf.call(this, `/teams/${team}/transfers`);
	return search(pairs(transfers, 'dwh_transfer_id', 'display_name'), filter);
}

export async function searchDestinations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const team = requireTeamId.call(this, 'destinations');
	// The API searches names (the newest reference's `name` filter, at most 255 characters); the
	// answer is searched here too, for an API that ignores it.
	const name = (filter ?? '').trim().slice(0, 255);
	const destinations = await listOf.call(this, `/teams/${team}/destinations`, name ? { name } : undefined);
	return search(pairs(destinations, 'id', 'display_name'), filter);
}

/** A list of the Supermetrics API (login links, logins, table groups): one request, as a run sends it. */
async function supermetricsListOf(this: ILoadOptionsFunctions, api: 'logins' | 'tableGroups', path: string): Promise<IDataObject[]> {
	const settings = await requestSettings.call(this);
	return dtsList.call(this, { api, method: 'GET', path }, settings, 0);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The key's login links (GET /ds/login/links), named by description (or data source) and status,
 * "used" once a login came of them, so that the one to wait on or close is easy to tell.
 */
export async function searchLoginLinks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const links = await supermetricsListOf.call(this, 'logins', '/ds/login/links');
	const named = links
		.filter((link) => text(link.link_id))
		.map((link): [string, string] => {
			const what = text(link.description) ?? text(link.ds_name) ?? String(link.ds_id ?? 'Login link');
			const used = link.login_id !== null && link.login_id !== undefined && link.login_id !== '' ? ' · used' : '';
			return [String(link.link_id), `${what} · ${String(link.status_code ?? '?')}${used}`];
		});
	return search(named, filter);
}

/** The key's data source logins (GET /ds/logins), named by user and data source; revoked ones say so. */
export async function searchLogins(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const logins = await supermetricsListOf.call(this, 'logins', '/ds/logins');
	const named = logins
		.filter((login) => text(login.login_id))
		.map((login): [string, string] => {
			const source = (login.ds_info ?? {}) as IDataObject;
			const who = text(login.display_name) ?? text(login.username) ?? 'Login';
			const revoked = text(login.revoked_time) ? ' · revoked' : '';
			return [String(login.login_id), `${who} · ${text(source.name) ?? String(source.ds_id ?? '?')}${revoked}`];
		});
	return search(named, filter);
}

/**
 * The key's team's table groups (GET /table/groups), named and shown with their group_id (tg_…),
 * which Export and Edit take; the API takes no team and no filter, so the list is searched here.
 */
export async function searchTableGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const groups = await supermetricsListOf.call(this, 'tableGroups', '/table/groups');
	return search(pairs(groups, 'group_id', 'name'), filter);
}
