import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

/** Common codes, offered for convenience; any code matching ^[A-Z0-9_]+$ may still be typed. */
export const KNOWN_DATA_SOURCES: Array<[code: string, name: string]> = [
	['GAWA', 'Google Analytics 4'],
	['GA', 'Google Analytics (Universal)'],
	['ADM', 'Adobe Analytics'],
	['AW', 'Google Ads'],
	['FA', 'Facebook Ads'],
];

export const KNOWN_DESTINATION_TYPES: Array<[code: string, name: string]> = [
	['SQL_BQ', 'Google BigQuery'],
	['DWH_SNOWFLAKE', 'Snowflake'],
];

function search(list: Array<[string, string]>, filter?: string): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: list
			.filter(([code, name]) => !needle || `${code} ${name}`.toLowerCase().includes(needle))
			.map(([code, name]) => ({ name: `${name} (${code})`, value: code })),
	};
}

export async function searchDataSources(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return search(KNOWN_DATA_SOURCES, filter);
}

export async function searchDestinationTypes(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return search(KNOWN_DESTINATION_TYPES, filter);
}
