import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Pickers: fields whose value is picked from a list the API gives (n8n's resource locator) or
 * typed, each with the search method that fills its list (methods/listSearch.ts).
 */

/**
 * A picker loaded from the API that still takes a typed value or an expression. The typed mode has
 * no `validation` regex: n8n-workflow runs those under a 250 ms wall-clock watchdog, which fails
 * on a busy machine; the node's own checks (validation.ts) check every value before use.
 */
export function locator(
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description'> & { required?: boolean },
	searchListMethod: string,
	typed: TypedMode,
	displayOptions?: IDisplayOptions,
): INodeProperties {
	return {
		required: true,
		...base,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ ...typed, type: 'string' },
		],
	};
}

export interface TypedMode {
	displayName: string;
	name: string;
	placeholder: string;
}

/**
 * How a value may be typed instead of picked: a Supermetrics code, or a numeric id. The code mode
 * is not named `id`: n8n's editor labels a mode of that name "By ID" whatever its displayName.
 * Workflows saved with mode `id` for a code still run: n8n hands the value of a mode it does not
 * know through unchanged, and the node checks it as a code.
 */
const byCode = (placeholder: string): TypedMode => ({ displayName: 'By Code', name: 'code', placeholder });
export const byId = (placeholder: string): TypedMode => ({ displayName: 'By ID', name: 'id', placeholder });

/**
 * transfer_id: picked from the team's transfers (GET /teams/{team_id}/transfers) or typed. The
 * trigger's is optional: empty means every transfer.
 */
export function transferIdField(
	displayOptions?: IDisplayOptions,
	optional?: { description: string },
): INodeProperties {
	return locator(
		{
			displayName: 'Transfer',
			name: 'transferId',
			description:
				optional?.description ?? 'The transfer (transfer_id). Pick one of the team\'s transfers or type its ID.',
			required: !optional,
		},
		'searchTransfers',
		byId('36091'),
		displayOptions,
	);
}

/** destination_id: picked from the team's destinations (GET /teams/{team_id}/destinations) or typed. */
export function destinationIdField(
	displayOptions: IDisplayOptions,
	description = 'The destination (destination_id). Pick one of the team\'s destinations or type its ID.',
): INodeProperties {
	return locator(
		{ displayName: 'Destination', name: 'destinationId', description },
		'searchDestinations',
		byId('8'),
		displayOptions,
	);
}

export function dataSourceIdField(displayOptions: IDisplayOptions): INodeProperties {
	return locator(
		{
			displayName: 'Data Source',
			name: 'dataSourceId',
			description:
				'The data source to connect (data_source_id), e.g. GAWA for Google Analytics 4. Pick one or type any Supermetrics data source code.',
		},
		'searchDataSources',
		byCode('GAWA'),
		displayOptions,
	);
}

export function destinationTypeField(displayOptions: IDisplayOptions): INodeProperties {
	return locator(
		{
			displayName: 'Destination Type',
			name: 'destinationType',
			description:
				'Where the transfer will write (destination_type), e.g. DWH_SNOWFLAKE. Pick one or type any Supermetrics destination code.',
		},
		'searchDestinationTypes',
		byCode('DWH_SNOWFLAKE'),
		displayOptions,
	);
}

/**
 * ds_id of the Supermetrics API (login links): picked like Data Source (the team's available
 * sources once a Team ID is typed, common codes before) or typed; its codes may hold a-z and -.
 */
export function loginDataSourceField(displayOptions: IDisplayOptions): INodeProperties {
	return locator(
		{
			displayName: 'Data Source',
			name: 'dsId',
			description:
				'The data source to log in to (ds_id), e.g. GAWA for Google Analytics 4. Pick one (the team\'s available sources when a Team ID is given) or type any Supermetrics data source code.',
		},
		'searchDataSources',
		byCode('GAWA'),
		displayOptions,
	);
}

/** link_id: picked from Login Link → List (GET /ds/login/links) or typed. */
export function loginLinkIdField(displayOptions: IDisplayOptions): INodeProperties {
	return locator(
		{ displayName: 'Login Link', name: 'linkId', description: 'The login link (link_id). Pick one of the links or type its ID.' },
		'searchLoginLinks',
		byId('lnk_1001'),
		displayOptions,
	);
}

/** login_id: picked from Data Source Login → List (GET /ds/logins) or typed. */
export function loginIdField(displayOptions: IDisplayOptions): INodeProperties {
	return locator(
		{
			displayName: 'Data Source Login',
			name: 'loginId',
			description: 'The data source login (login_id), as a login link\'s login_id gives it. Pick one of the logins or type its ID.',
		},
		'searchLogins',
		byId('2830600'),
		displayOptions,
	);
}
