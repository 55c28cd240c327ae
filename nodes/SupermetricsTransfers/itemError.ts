import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

/**
 * An error of the node's own (input refused, a check the API answered false, a limit reached),
 * carrying the same details as an API error, so Continue On Fail items look alike whatever failed.
 */
export function itemError(
	node: INode,
	parts: { code: string; message: string; description: string; itemIndex: number; http_code?: number | null; request_id?: string | null },
): NodeOperationError {
	const error = new NodeOperationError(node, parts.message, { itemIndex: parts.itemIndex, description: parts.description });
	error.context.dts = {
		code: parts.code,
		http_code: parts.http_code ?? null,
		request_id: parts.request_id ?? null,
		description: parts.description,
	} as IDataObject;
	return error;
}
