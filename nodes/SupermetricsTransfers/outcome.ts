import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * Validation and connection tests answer 200 with a false flag. By default that is data for the
 * next node; with the operation's "fail" option set, the item fails with the API's own reasons.
 */
export function failIfFalse(
	this: IExecuteFunctions,
	itemIndex: number,
	passed: boolean,
	failure: { code: string; message: string; description: string },
	requestId: string | null,
): void {
	if (passed || !this.getNodeParameter('failOnFalse', itemIndex, false)) return;
	const error = new NodeOperationError(this.getNode(), failure.message, {
		itemIndex,
		description: failure.description,
	});
	error.context.dts = {
		code: failure.code,
		http_code: 200,
		request_id: requestId,
		description: failure.description,
	} as IDataObject;
	throw error;
}
