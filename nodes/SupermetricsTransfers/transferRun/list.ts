import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dateField, teamIdField } from '../descriptions';
import { transferIdField } from '../pickers';
import { itemError } from '../itemError';
import { dateRangeParams, integerParam, teamIdParam, transferIdParam } from '../params';
import { listRuns } from '../transport';
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
/** Return All stops here, with an error: a day range that holds more wants narrowing. */
export const MAX_RUNS = 100_000;
/** The API's offset is an int32. */
const MAX_OFFSET = 2147483647;

const SORT_FIELDS = ['created_time', 'ended_time', 'data_date'] as const;
const SORT_DIRECTIONS = ['DESC', 'ASC'] as const;

export const fields: INodeProperties[] = [
	teamIdField(show),
	transferIdField(show),
	dateField({ displayName: 'Start Date', name: 'startDate', description: 'First day of runs to list, inclusive (start_date), as YYYY-MM-DD' }, show, '2024-01-01'),
	dateField({ displayName: 'End Date', name: 'endDate', description: 'Last day of runs to list, inclusive (end_date), as YYYY-MM-DD' }, show),
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
		typeOptions: { minValue: 1, maxValue: MAX_RUNS },
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
 * GET /teams/{team_id}/transfers/{transfer_id}/runs, one item per run, paged with limit/offset.
 * Paging ends on a short page, on a page that brings no run not seen already (a server that
 * ignores offset), at Limit (never more items than asked, whatever a page holds), and at
 * MAX_RUNS, where Return All fails rather than hand on a silently cut list.
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
	// Return All asks for one run past the cap, to know whether the cap cut anything.
	const wanted = returnAll ? MAX_RUNS + 1 : integerParam.call(this, 'limit', LIMIT, itemIndex, 1, MAX_RUNS);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.filterIssuesOnly !== undefined) qs.filter_issues_only = filters.filterIssuesOnly === true;
	if (filters.sortField !== undefined) qs.sort_field = checkOption(node, SORT_FIELD, filters.sortField, itemIndex, SORT_FIELDS);
	if (filters.sortDirection !== undefined) {
		qs.sort_direction = checkOption(node, SORT_DIRECTION, filters.sortDirection, itemIndex, SORT_DIRECTIONS);
	}

	const runs: IDataObject[] = [];
	const seen = new Set<string>();
	for (let offset = 0; runs.length < wanted && offset <= MAX_OFFSET; ) {
		const limit = Math.min(PAGE_SIZE, wanted - runs.length);
		const page = await listRuns.call(
			this,
			`/teams/${teamId}/transfers/${transferId}/runs`,
			{ start: startDate, end: endDate },
			{ ...qs, limit, offset },
			settings,
			itemIndex,
		);
		// A run that moved pages while new ones were created is not handed on twice.
		const fresh = page.slice(0, limit).filter((run) => {
			const id = String(run.id);
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		runs.push(...fresh.slice(0, wanted - runs.length));
		if (page.length < limit || fresh.length === 0) return runs;
		offset += page.length;
	}
	if (returnAll && runs.length > MAX_RUNS) {
		throw itemError(node, {
			code: 'TOO_MANY_RUNS',
			message: `More than ${MAX_RUNS} runs from ${startDate} to ${endDate}, the most Return All hands on`,
			description: 'Narrow the day range, or turn off Return All and set a Limit. Nothing was handed on, rather than a list cut silently.',
			itemIndex,
		});
	}
	return runs;
}
