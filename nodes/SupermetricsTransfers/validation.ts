import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/** The API's int64 maximum; ids are kept as strings because a JS number loses digits past 2^53. */
export const INT64_MAX = 9223372036854775807n;
/** destination_id is an int32 in the spec. */
export const INT32_MAX = 2147483647n;

/** `^[A-Z0-9_]+$`, at most 50 characters: data_source_id and destination_type on the reference page. */
const CODE_PATTERN = /^[A-Z0-9_]+$/;
const CODE_MAX_LENGTH = 50;

/** A user-facing name and the API's own name for a field, so an error can say both. */
export interface FieldName {
	displayName: string;
	apiName: string;
}

export const TEAM_ID: FieldName = { displayName: 'Team ID', apiName: 'team_id' };
export const DATA_SOURCE_ID: FieldName = { displayName: 'Data Source', apiName: 'data_source_id' };
export const DESTINATION_TYPE: FieldName = {
	displayName: 'Destination Type',
	apiName: 'destination_type',
};

/** Thrown for input the API would refuse; raised before anything is sent. */
export class InvalidInputError extends NodeOperationError {}

function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (value === undefined) return 'nothing';
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

function invalid(
	node: INode,
	field: FieldName,
	value: unknown,
	itemIndex: number,
	rule: string,
	hint?: string,
): InvalidInputError {
	const description = [`Field: ${field.displayName} (${field.apiName}). Nothing was sent for this item.`, hint]
		.filter(Boolean)
		.join(' ');
	const error = new InvalidInputError(
		node,
		`Invalid ${field.displayName} ${show(value)} in item ${itemIndex}: ${rule}`,
		{ itemIndex, description },
	);
	// The same shape the transport gives API errors, so Continue On Fail output is uniform.
	error.context.dts = { code: 'INVALID_INPUT', http_code: null, request_id: null, description };
	return error;
}

/**
 * A positive integer id (team, transfer, run, backfill: int64; destination: int32), returned as its
 * canonical decimal string. Numbers are accepted only while exact; past 2^53 they must be strings.
 */
export function checkId(
	node: INode,
	field: FieldName,
	value: unknown,
	itemIndex: number,
	max: bigint = INT64_MAX,
): string {
	const rule = `must be a whole number from 1 to ${max}`;
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) {
			const hint = Number.isInteger(value)
				? 'This number is past 2^53, where JavaScript numbers lose digits, so it may already differ from the real id. Pass the id as a string: quote it in the source JSON or type it into the field.'
				: undefined;
			throw invalid(node, field, value, itemIndex, rule, hint);
		}
		text = String(value);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else if (typeof value === 'bigint') {
		text = value.toString();
	} else {
		throw invalid(node, field, value, itemIndex, `${rule}, given as a string`);
	}
	if (text === '') {
		throw invalid(node, field, value, itemIndex, 'is required');
	}
	if (!/^[1-9][0-9]*$/.test(text) || text.length > 19 || BigInt(text) > max) {
		throw invalid(node, field, value, itemIndex, rule);
	}
	return text;
}

/** A calendar date in the API's YYYY-MM-DD form that really exists (no 2024-02-30). */
export function checkDate(node: INode, field: FieldName, value: unknown, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text !== 'string' || text === '') {
		throw invalid(node, field, value, itemIndex, 'must be a date in the form YYYY-MM-DD');
	}
	// n8n's date picker gives an ISO timestamp; only its date part is meant.
	const date = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	const day = date ? new Date(Date.UTC(+date[1], +date[2] - 1, +date[3])) : undefined;
	if (!date || !day || day.getUTCMonth() !== +date[2] - 1 || day.getUTCDate() !== +date[3]) {
		throw invalid(node, field, value, itemIndex, 'must be a real date in the form YYYY-MM-DD');
	}
	return `${date[1]}-${date[2]}-${date[3]}`;
}

/** A Supermetrics code such as data_source_id "GA" or destination_type "DWH_SNOWFLAKE". */
export function checkCode(node: INode, field: FieldName, value: unknown, itemIndex: number): string {
	if (typeof value !== 'string') {
		throw invalid(node, field, value, itemIndex, 'must be a text code such as "GA"');
	}
	const text = value.trim();
	if (text === '') {
		throw invalid(node, field, value, itemIndex, 'is required');
	}
	if (text.length > CODE_MAX_LENGTH) {
		throw invalid(node, field, value, itemIndex, `must be at most ${CODE_MAX_LENGTH} characters (it has ${text.length})`);
	}
	if (!CODE_PATTERN.test(text)) {
		const upper = text.toUpperCase();
		const hint = CODE_PATTERN.test(upper) ? `Codes are upper case: did you mean "${upper}"?` : undefined;
		throw invalid(node, field, value, itemIndex, 'may contain only A-Z, 0-9 and _ (pattern ^[A-Z0-9_]+$)', hint);
	}
	return text;
}
