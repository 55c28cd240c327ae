import type { IExecuteFunctions } from 'n8n-workflow';

import { checkCode, checkInt64Id, TEAM_ID } from './validation';
import type { FieldName } from './validation';

/** Reading and checking of the shared fields, so every operation applies the same rules. */

export function teamIdParam(this: IExecuteFunctions, itemIndex: number): string {
	return checkInt64Id(this.getNode(), TEAM_ID, this.getNodeParameter('teamId', itemIndex), itemIndex);
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
