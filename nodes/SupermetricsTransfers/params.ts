import type { IExecuteFunctions, IGetNodeParameterOptions, INode, IPollFunctions } from 'n8n-workflow';

import {
	checkBoolean,
	checkCode,
	checkDate,
	checkDateOrder,
	checkExpiryTime,
	checkHttpUrl,
	checkId,
	checkLoginsId,
	checkInteger,
	checkNumber,
	checkOption,
	checkText,
	DESTINATION_ID,
	INT32_MAX,
	INT64_MAX,
	TEAM_ID,
	TRANSFER_ID,
} from './validation';
import type { FieldName } from './validation';

/**
 * Reading and checking of node parameters, so every operation, and the trigger, applies the same
 * rules.
 */

/** Where parameters are read: a node run (per item) or a trigger's poll (no items: index 0). */
export type ParamContext = IExecuteFunctions | IPollFunctions;

function parameter(
	context: ParamContext,
	name: string,
	itemIndex: number,
	fallback: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	return 'getInputData' in context
		? context.getNodeParameter(name, itemIndex, fallback, options)
		: context.getNodeParameter(name, fallback, options);
}

export function teamIdParam(this: ParamContext, itemIndex: number): string {
	return idParam.call(this, 'teamId', TEAM_ID, itemIndex);
}

/**
 * transfer_id: int32 on the transfer configuration paths, int64 on the backfill and run paths,
 * as the spec gives each.
 */
export function transferIdParam(this: ParamContext, itemIndex: number, max: bigint): string {
	return idParam.call(this, 'transferId', TRANSFER_ID, itemIndex, max);
}

/** destination_id is an int32 everywhere in the spec. */
export function destinationIdParam(this: ParamContext, itemIndex: number): string {
	return idParam.call(this, 'destinationId', DESTINATION_ID, itemIndex, INT32_MAX);
}

/** An id the API takes optionally: left empty, it is not sent. */
export function optionalIdParam(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
	max: bigint,
): string | undefined {
	const value = parameter(this, parameterName, itemIndex, '', { extractValue: true });
	return value === '' || value === undefined ? undefined : checkId(this.getNode(), field, value, itemIndex, max);
}

/** A numeric id parameter (plain string or resource locator), checked against its range. */
export function idParam(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
	max: bigint = INT64_MAX,
): string {
	const value = parameter(this, parameterName, itemIndex, '', { extractValue: true });
	return checkId(this.getNode(), field, value, itemIndex, max);
}

/** A reader of a plain field's or a resource locator's value, checked by `check`. */
function locatorParam(check: (node: INode, field: FieldName, value: unknown, itemIndex: number) => string) {
	return function (this: ParamContext, parameterName: string, field: FieldName, itemIndex: number): string {
		const value = parameter(this, parameterName, itemIndex, '', { extractValue: true });
		return check(this.getNode(), field, value, itemIndex);
	};
}

export const codeParam = locatorParam(checkCode);

export function dateParam(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
): string {
	return checkDate(this.getNode(), field, parameter(this, parameterName, itemIndex, ''), itemIndex);
}

export function textParam(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
	rules: { maxLength: number; required?: boolean },
): string | undefined {
	return checkText(this.getNode(), field, parameter(this, parameterName, itemIndex, ''), itemIndex, rules);
}

export function integerParam(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
	min: number,
	max: number,
): number {
	return checkInteger(this.getNode(), field, parameter(this, parameterName, itemIndex, ''), itemIndex, min, max);
}

export function optionParam<T extends string>(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
	allowed: readonly T[],
): T {
	return checkOption(this.getNode(), field, parameter(this, parameterName, itemIndex, ''), itemIndex, allowed);
}

/** A from/to pair of days, the second not before the first. */
export function dateRangeParams(
	this: ParamContext,
	names: [start: string, end: string],
	fields: [start: FieldName, end: FieldName],
	itemIndex: number,
): [string, string] {
	const start = dateParam.call(this, names[0], fields[0], itemIndex);
	const end = dateParam.call(this, names[1], fields[1], itemIndex);
	checkDateOrder(this.getNode(), fields[1], start, end, itemIndex);
	return [start, end];
}

export function booleanParam(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
	fallback: boolean,
): boolean {
	return checkBoolean(this.getNode(), field, parameter(this, parameterName, itemIndex, fallback), itemIndex);
}

/** true or false when the field was added (an Additional Field), else undefined: left out of the body. */
export function optionalBooleanParam(this: ParamContext, parameterName: string, field: FieldName, itemIndex: number): boolean | undefined {
	// n8n refuses an undefined fallback for a missing parameter: null stands for "not added".
	const value = parameter(this, parameterName, itemIndex, null);
	return value === null || value === undefined ? undefined : checkBoolean(this.getNode(), field, value, itemIndex);
}

/** A number (decimals allowed) within bounds, e.g. Max Wait in minutes. */
export function numberParam(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
	bounds: { min: number; max: number; minExclusive?: boolean },
): number {
	return checkNumber(this.getNode(), field, parameter(this, parameterName, itemIndex, ''), itemIndex, bounds);
}

/** A logins API id or code (ds_id, link_id, login_id), from a plain field or a resource locator. */
export const loginsIdParam = locatorParam(checkLoginsId);

/** expiry_time: undefined when left empty (the API's default, 24 hours), else the date-time it means. */
export function expiryTimeParam(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
): string | undefined {
	return checkExpiryTime(this.getNode(), field, parameter(this, parameterName, itemIndex, ''), itemIndex);
}

/** An optional http(s) URL, e.g. redirect_url. */
export function httpUrlParam(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
	maxLength: number,
): string | undefined {
	return checkHttpUrl(this.getNode(), field, parameter(this, parameterName, itemIndex, ''), itemIndex, maxLength);
}

/** A whole number when the field was added (an Additional Field), else undefined: left to the data it goes with. */
export function optionalIntegerParam(
	this: ParamContext,
	parameterName: string,
	field: FieldName,
	itemIndex: number,
	bounds: { min: number; max: number },
): number | undefined {
	// n8n refuses an undefined fallback for a missing parameter: null stands for "not added".
	const value = parameter(this, parameterName, itemIndex, null);
	if (value === null || value === undefined || value === '') return undefined;
	return checkInteger(this.getNode(), field, value, itemIndex, bounds.min, bounds.max);
}
