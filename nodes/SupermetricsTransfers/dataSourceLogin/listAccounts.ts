import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../descriptions';
import { loginIdField } from '../pickers';
import { itemError } from '../itemError';
import { booleanParam, integerParam } from '../params';
import { dtsRequest, isObject, requireList } from '../transport';
import type { RequestSettings } from '../transport';
import { LIMIT, OFFSET, RETURN_ALL } from '../validation';
import { loginIdParam, loginPath } from './login';

const show = { show: { resource: ['dataSourceLogin'], operation: ['listAccounts'] } };

/** The API's largest page (limit) and offset. */
export const PAGE_SIZE = 1000;
const MAX_OFFSET = 1_000_000;
/** Return All stops here, with an error: at most 100 pages of 1000 (one more to know). */
export const MAX_ACCOUNTS = 100_000;

export const fields: INodeProperties[] = [
	loginIdField(show),
	...returnAllFields(show, MAX_ACCOUNTS),
	{
		displayName: 'Offset',
		name: 'offset',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_OFFSET },
		default: 0,
		description: 'How many accounts to skip before the first one handed on (offset), 0 to 1000000',
		displayOptions: show,
	},
];

/** meta.paginate.total of a page, when the answer gives it as a whole number. */
function total(body: unknown): number | undefined {
	const meta = isObject(body) && isObject(body.meta) ? body.meta : undefined;
	const paginate = meta && isObject(meta.paginate) ? meta.paginate : undefined;
	const value = paginate?.total;
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * GET /ds/login/{login_id}/accounts, one item per account with the login's login_id added (for
 * Transfer → Create's accounts), paged with offset/limit (1000 a page). Paging ends on a short
 * page, at meta.paginate.total, on a page that brings no account not seen already or repeats the
 * last one (a server that ignores offset), at Limit (never more items than asked, whatever a page holds), and at the
 * API's largest offset or MAX_ACCOUNTS, where Return All fails rather than hand on a cut list.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, settings: RequestSettings): Promise<IDataObject[]> {
	const node = this.getNode();
	const loginId = loginIdParam.call(this, itemIndex);
	const returnAll = booleanParam.call(this, 'returnAll', RETURN_ALL, itemIndex, false);
	// Return All asks for one account past the cap, to know whether the cap cut anything.
	const wanted = returnAll ? MAX_ACCOUNTS + 1 : integerParam.call(this, 'limit', LIMIT, itemIndex, 1, MAX_ACCOUNTS);
	const start = integerParam.call(this, 'offset', OFFSET, itemIndex, 0, MAX_OFFSET);
	const path = `${loginPath(loginId)}/accounts`;

	const accounts: IDataObject[] = [];
	const seen = new Set<string>();
	let offset = start;
	let previous: string | undefined;
	for (;;) {
		const limit = Math.min(PAGE_SIZE, wanted - accounts.length);
		const response = await dtsRequest.call(this, { api: 'logins', method: 'GET', path, qs: { offset, limit } }, settings, itemIndex);
		const page = requireList(node, response, itemIndex);
		// The same page again: a server that ignores offset (id-less accounts cannot tell it).
		const text = JSON.stringify(page);
		if (page.length > 0 && text === previous) break;
		previous = text;
		// Only accounts with an id can be told to be one seen already; every DataSourceAccount field
		// is optional, and an account without account_id is handed on, never merged with another.
		const fresh = page.slice(0, limit).filter((account) => {
			const id = accountId(account);
			if (id === undefined) return true;
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		accounts.push(...fresh.slice(0, wanted - accounts.length).map((account) => ({ ...account, login_id: loginId })));
		offset += page.length;
		const all = total(response.body);
		if (accounts.length >= wanted || page.length < limit || fresh.length === 0 || (all !== undefined && offset >= all)) break;
		// The rest lies past the offsets the API takes: fail rather than hand on fewer than there are.
		if (offset > MAX_OFFSET) throw tooMany(this, itemIndex, `more accounts than the API's largest offset (${MAX_OFFSET}) reaches from offset ${start}`);
	}
	if (returnAll && accounts.length > MAX_ACCOUNTS) throw tooMany(this, itemIndex, `more than ${MAX_ACCOUNTS} accounts, the most Return All hands on`);
	return accounts;
}

/** account_id as text, when the account has one (a non-empty string or a number). */
function accountId(account: IDataObject): string | undefined {
	const id = account.account_id;
	if (typeof id === 'string' && id !== '') return id;
	if (typeof id === 'number' && Number.isFinite(id)) return String(id);
	return undefined;
}

function tooMany(context: IExecuteFunctions, itemIndex: number, why: string) {
	return itemError(context.getNode(), {
		code: 'TOO_MANY_ACCOUNTS',
		message: `The login has ${why}`,
		description: 'Page with Limit and Offset (Return All off), starting lower. Nothing was handed on, rather than a list cut silently.',
		itemIndex,
	});
}
