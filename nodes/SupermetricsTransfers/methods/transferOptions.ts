import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { dtsList, dtsObject, requestSettings } from '../transport';
import { teamId } from './listSearch';

/**
 * Schema, Accounts and Segments of a transfer, offered from Get Available Options
 * (GET …/transfers/available-options?source_id&destination_id) for the Data Source and the
 * Destination chosen (Schema also from the team's table groups). An account's or a segment's value carries what the API needs of it
 * (account_id or segment_id and segment_name, login_id, data_source_username) as JSON text,
 * so the run sends it without asking the API again.
 */

const CODE = /^[A-Z0-9_]{1,50}$/;
const INT32_ID = /^[1-9][0-9]{0,9}$/;
/** The spec gives these lists no maxItems; the answer's size limit bounds them, this keeps a picker usable. */
const MAX_OPTIONS = 1000;

function current(this: ILoadOptionsFunctions, name: string, pattern: RegExp): string | undefined {
	let value: unknown;
	try {
		value = this.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		// n8n throws for a field the operation does not have (Clone's Data Source).
		return undefined;
	}
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	return pattern.test(text) ? text : undefined;
}

/**
 * Clone has no Data Source (the clone's is always the source transfer's) and may keep the source's
 * destination: both are read from the source transfer (GET …/transfers/{transfer_id}), one request.
 */
async function cloneSource(this: ILoadOptionsFunctions, team: string): Promise<{ source?: string; destination?: string }> {
	const transferId = this.getCurrentNodeParameter('operation') === 'clone' ? current.call(this, 'transferId', INT32_ID) : undefined;
	if (!transferId) return {};
	const settings = await requestSettings.call(this);
	const transfer = await dtsObject.call(this, { method: 'GET', path: `/teams/${team}/transfers/${transferId}` }, settings, 0);
	const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
	// Transfer Get gives the data source as an object (data_source.data_source_id).
	const dataSource = transfer.data_source !== null && typeof transfer.data_source === 'object' ? (transfer.data_source as IDataObject) : {};
	return { source: text(dataSource.data_source_id ?? transfer.data_source_id), destination: text(transfer.destination_id) };
}

async function availableOptions(this: ILoadOptionsFunctions, what: string): Promise<IDataObject> {
	const team = teamId.call(this);
	let source = current.call(this, 'dataSourceId', CODE);
	let destination = current.call(this, 'destinationId', INT32_ID);
	if (team && !source) {
		const fromTransfer = await cloneSource.call(this, team);
		source = fromTransfer.source !== undefined && CODE.test(fromTransfer.source) ? fromTransfer.source : undefined;
		destination ??= fromTransfer.destination !== undefined && INT32_ID.test(fromTransfer.destination) ? fromTransfer.destination : undefined;
	}
	if (!team || !source || !destination) {
		throw new NodeOperationError(
			this.getNode(),
			`Enter a Team ID (a plain number, not an expression) and pick a Data Source and a Destination to list ${what}, or give them with an expression`,
		);
	}
	const settings = await requestSettings.call(this);
	const qs = { source_id: source, destination_id: destination };
	return dtsObject.call(this, { method: 'GET', path: `/teams/${team}/transfers/available-options`, qs }, settings, 0);
}

const list = (value: unknown): IDataObject[] =>
	(Array.isArray(value) ? value : []).filter((entry) => typeof entry === 'object' && entry !== null).slice(0, MAX_OPTIONS);

const present = (value: unknown): value is string | number => (typeof value === 'string' && value !== '') || typeof value === 'number';

/** login_id → data_source_username, from the answer's logins. */
function usernames(options: IDataObject): Map<string, string> {
	return new Map(
		list(options.logins)
			.filter((login) => present(login.login_id) && typeof login.data_source_username === 'string')
			.map((login) => [String(login.login_id), login.data_source_username as string]),
	);
}

/** What the API needs of a login: login_id as the integer it is, and its data_source_username. */
function login(entry: IDataObject, names: Map<string, string>): IDataObject {
	if (!present(entry.login_id)) return {};
	const id = String(entry.login_id);
	const username = typeof entry.data_source_username === 'string' ? entry.data_source_username : names.get(id);
	return { login_id: Number(id), ...(username ? { data_source_username: username } : {}) };
}

const withLogin = (value: IDataObject) => (value.data_source_username ? ` · ${String(value.data_source_username)}` : '');

/** How long the table groups may take beside Get Available Options: the person waits on the picker. */
const TABLE_GROUPS_TIMEOUT_MS = 10_000;

/**
 * The key's team's table groups (GET /table/groups) as schemas: named by the group's name, valued
 * by its numeric schema_id, which a transfer's schema_id takes (its tg_… group_id is refused
 * there). Never fails: the table groups are another API's (the Supermetrics API URL, below
 * /enterprise/v2), which a proxy, a key or an API without them may not serve, while the schemas
 * of Get Available Options are all a transfer needs; the list then shows those alone.
 */
async function tableGroupSchemas(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	try {
		const settings = await requestSettings.call(this, { timeout: TABLE_GROUPS_TIMEOUT_MS });
		const groups = await dtsList.call(this, { api: 'tableGroups', method: 'GET', path: '/table/groups' }, settings, 0);
		return list(groups)
			.filter((group) => present(group.schema_id))
			.map((group) => ({
				name: `Table group: ${String(group.name ?? group.group_id ?? 'unnamed')} (${String(group.schema_id)})`,
				value: String(group.schema_id),
				description: `Group ID ${String(group.group_id ?? 'unknown')}`,
			}));
	} catch {
		return [];
	}
}

/** Get Available Options' schemas, then the team's table groups that are not among them already. */
export async function getSchemas(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const pending = availableOptions.call(this, 'its schemas');
	const groups = tableGroupSchemas.call(this);
	const schemas = list((await pending).schemas)
		.filter((schema) => present(schema.schema_id))
		.map((schema) => ({ name: `${String(schema.name ?? 'Schema')} (${String(schema.schema_id)})`, value: String(schema.schema_id) }));
	const listed = new Set(schemas.map((schema) => schema.value));
	return [...schemas, ...(await groups).filter((group) => !listed.has(String(group.value)))];
}

/**
 * Accounts or segments as options: named by their name, id and login; valued by what the API
 * takes of them. `sent` says whether the name is part of that (segment_name is, account_name not).
 */
function loginOptions(options: IDataObject, listKey: string, idKey: string, nameKey: string, sent: boolean): INodePropertyOptions[] {
	const names = usernames(options);
	return list(options[listKey])
		.filter((entry) => present(entry[idKey]))
		.map((entry) => {
			const id = String(entry[idKey]);
			const name = typeof entry[nameKey] === 'string' ? entry[nameKey] : undefined;
			const value = { [idKey]: id, ...(sent && name ? { [nameKey]: name } : {}), ...login(entry, names) };
			return { name: `${name ?? id} (${id})${withLogin(value)}`, value: JSON.stringify(value) };
		});
}

export async function getAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return loginOptions(await availableOptions.call(this, 'its accounts'), 'accounts', 'account_id', 'account_name', false);
}

export async function getSegments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return loginOptions(await availableOptions.call(this, 'its segments'), 'segments', 'segment_id', 'segment_name', true);
}
