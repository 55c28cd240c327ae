import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { teamOperation } from '../operation';
import { textParam } from '../params';
import { requireList } from '../transport';
import { checkCode, NAME_FILTER, TYPE_FILTER } from '../validation';

/** An operation's optional filters, as n8n's own nodes show them. */
const filters = (displayOptions: IDisplayOptions, options: INodeProperties[]): INodeProperties => ({
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	displayOptions,
	options,
});

/**
 * GET /teams/{team_id}/destinations: one item per destination (id, display_name, type). The newest
 * reference adds two filters, `type` (case-insensitive) and `name` (a case-insensitive part of the
 * display name); they are sent, and applied to the answer too, so that an API that predates them
 * (and ignores them) gives the same items.
 */
export const { fields, execute } = teamOperation({
	resource: 'destination',
	operation: 'list',
	fields: (show) => [
		filters(show, [
			{
				displayName: 'Type',
				name: 'type',
				type: 'string',
				default: '',
				placeholder: 'DWH_SNOWFLAKE',
				description: 'Only destinations of this type (type), e.g. DWH_SNOWFLAKE or SQL_BQ',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'marketing',
				description: 'Only destinations whose display name contains this, in any case (name), at most 255 characters',
			},
		]),
	],
	call(itemIndex) {
		// Any case, as the API matches it: checked as the code it means.
		const typed = this.getNodeParameter('filters.type', itemIndex, '');
		const type = typed === '' ? undefined : checkCode(this.getNode(), TYPE_FILTER, typeof typed === 'string' ? typed.toUpperCase() : typed, itemIndex);
		const name = textParam.call(this, 'filters.name', NAME_FILTER, itemIndex, { maxLength: 255, required: false });
		const qs = Object.fromEntries(Object.entries({ type, name }).filter(([, value]) => value !== undefined)) as IDataObject;
		return { method: 'GET', path: '/destinations', ...(Object.keys(qs).length ? { qs } : {}) };
	},
	output(response, itemIndex) {
		const type = String(this.getNodeParameter('filters.type', itemIndex, '')).trim().toLowerCase();
		const name = String(this.getNodeParameter('filters.name', itemIndex, '')).trim().toLowerCase();
		return requireList(this.getNode(), response, itemIndex).filter((destination) => matches(destination, type, name));
	},
});

/** A destination's type, as a list answer holds it: a code, or an object with its code. */
function typeOf(destination: IDataObject): string {
	const type = destination.destination_type ?? destination.type;
	const code = type !== null && typeof type === 'object' ? (type as IDataObject).type : type;
	return typeof code === 'string' ? code.toLowerCase() : '';
}

function matches(destination: IDataObject, type: string, name: string): boolean {
	if (type && typeOf(destination) !== type) return false;
	return !name || String(destination.display_name ?? '').toLowerCase().includes(name);
}
