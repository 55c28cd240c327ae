import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dateField, teamIdField, transferIdField } from '../descriptions';
import { dateRangeParams, integerParam, teamIdParam, transferIdParam } from '../params';
import { dtsList } from '../transport';
import type { RequestSettings } from '../transport';
import {
	checkOption,
	END_DATE,
	INT64_MAX,
	LIMIT,
	SORT_DIRECTION,
	SORT_FIELD,
	START_DATE,
} from '../validation';

const show = { show: { resource: ['transferRun'], operation: ['list'] } };

/** Runs asked for per request; the API allows up to 10000, a smaller page keeps answers quick. */
export const PAGE_SIZE = 1000;

const SORT_FIELDS = ['created_time', 'ended_time', 'data_date'] as const;
const SORT_DIRECTIONS = ['DESC', 'ASC'] as const;

export const fields: INodeProperties[] = [
	teamIdField(show),
	transferIdField(show),
	dateField({ displayName: 'Start Date', name: 'startDate', description: 'First day of runs to list, inclusive (start_date)' }, show),
	dateField({ displayName: 'End Date', name: 'endDate', description: 'Last day of runs to list, inclusive (end_date)' }, show),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: show,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show.show, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Issues Only',
				name: 'filterIssuesOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to list only runs with issues (filter_issues_only)',
			},
			{
				displayName: 'Sort By',
				name: 'sortField',
				type: 'options',
				options: SORT_FIELDS.map((value) => ({ name: value, value })),
				default: 'created_time',
				description: 'The field runs are sorted by (sort_field)',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Descending', value: 'DESC' },
					{ name: 'Ascending', value: 'ASC' },
				],
				default: 'DESC',
				description: 'Newest or oldest first (sort_direction)',
			},
		],
	},
];

/**
 * GET /teams/{team_id}/transfers/{transfer_id}/runs, one item per run, paged with limit/offset
 * until Limit runs or, with Return All, a short page.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const teamId = teamIdParam.call(this, itemIndex);
	const transferId = transferIdParam.call(this, itemIndex, INT64_MAX);
	const [startDate, endDate] = dateRangeParams.call(this, ['startDate', 'endDate'], [START_DATE, END_DATE], itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const wanted = returnAll ? Infinity : integerParam.call(this, 'limit', LIMIT, itemIndex, 1, Number.MAX_SAFE_INTEGER);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { start_date: startDate, end_date: endDate };
	if (filters.filterIssuesOnly !== undefined) qs.filter_issues_only = filters.filterIssuesOnly === true;
	if (filters.sortField !== undefined) qs.sort_field = checkOption(node, SORT_FIELD, filters.sortField, itemIndex, SORT_FIELDS);
	if (filters.sortDirection !== undefined) {
		qs.sort_direction = checkOption(node, SORT_DIRECTION, filters.sortDirection, itemIndex, SORT_DIRECTIONS);
	}

	const runs: IDataObject[] = [];
	while (runs.length < wanted) {
		const limit = Math.min(PAGE_SIZE, wanted - runs.length);
		const page = await dtsList.call(
			this,
			{ method: 'GET', path: `/teams/${teamId}/transfers/${transferId}/runs`, qs: { ...qs, limit, offset: runs.length } },
			settings,
			itemIndex,
		);
		runs.push(...page);
		if (page.length < limit) break;
	}
	return runs;
}
