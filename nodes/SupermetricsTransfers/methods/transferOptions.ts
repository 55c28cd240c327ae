import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { dtsObject, requestSettings } from '../transport';
import { teamId } from './listSearch';

/**
 * Schema, Accounts and Segments of a transfer, offered from Get Available Options
 * (GET …/transfers/available-options?source_id&destination_id) for the Data Source and the
 * Destination chosen. An account's or a segment's value carries what the API needs of it
 * (account_id or segment_id and segment_name, login_id, data_source_username) as JSON text,
 * so the run sends it without asking the API again.
 */

const CODE = /^[A-Z0-9_]{1,50}$/;
const INT32_ID = /^[1-9][0-9]{0,9}$/;
/** The spec gives these lists no maxItems; the answer's size limit bounds them, this keeps a picker usable. */
const MAX_OPTIONS = 1000;

function current(this: ILoadOptionsFunctions, name: string, pattern: RegExp): string | undefined {
	const value = this.getCurrentNodeParameter(name, { extractValue: true });
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	return pattern.test(text) ? text : undefined;
}

async function availableOptions(this: ILoadOptionsFunctions, what: string): Promise<IDataObject> {
	const team = teamId.call(this);
	const source = current.call(this, 'dataSourceId', CODE);
	const destination = current.call(this, 'destinationId', INT32_ID);
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

export async function getSchemas(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options = await availableOptions.call(this, 'its schemas');
	return list(options.schemas)
		.filter((schema) => present(schema.schema_id))
		.map((schema) => ({ name: `${String(schema.name ?? 'Schema')} (${String(schema.schema_id)})`, value: String(schema.schema_id) }));
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
