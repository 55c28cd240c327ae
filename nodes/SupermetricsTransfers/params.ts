import type { IExecuteFunctions } from 'n8n-workflow';

import { checkCode, checkDate, checkId, INT64_MAX, TEAM_ID } from './validation';
import type { FieldName } from './validation';

/** Reading and checking of node parameters, so every operation applies the same rules. */

export function teamIdParam(this: IExecuteFunctions, itemIndex: number): string {
	return idParam.call(this, 'teamId', TEAM_ID, itemIndex);
}

/** A numeric id parameter (plain string or resource locator), checked against its range. */
export function idParam(
	this: IExecuteFunctions,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
	max: bigint = INT64_MAX,
): string {
	const value = this.getNodeParameter(parameterName, itemIndex, '', { extractValue: true });
	return checkId(this.getNode(), field, value, itemIndex, max);
}

export function codeParam(
	this: IExecuteFunctions,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
): string {
	const value = this.getNodeParameter(parameterName, itemIndex, '', { extractValue: true });
	return checkCode(this.getNode(), field, value, itemIndex);
}

export function dateParam(
	this: IExecuteFunctions,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
): string {
	return checkDate(this.getNode(), field, this.getNodeParameter(parameterName, itemIndex, ''), itemIndex);
}
