import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeParameters, JsonObject } from 'n8n-workflow';

import { itemError } from './itemError';
import { errorDetails } from './transport';

/**
 * How an item's outcome is reported: a check the API answered false, an error item under
 * Continue On Fail, or an error for n8n to stop on, which n8n stores with a copy of the node.
 */

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
	throw itemError(this.getNode(), { ...failure, itemIndex, http_code: 200, request_id: requestId });
}

/**
 * The JSON of a failed item under Continue On Fail: the usual five, then the error's own facts
 * (a wait's transfer_backfill_id and last status).
 */
function errorItem(error: unknown): IDataObject {
	const { message, ...details } = errorDetails(error);
	return { error: message, ...details };
}

/**
 * A failed item under Continue On Fail, paired to its input. With "Continue (using error output)"
 * n8n sends to the error output only items whose json holds nothing but `error`, `message` and
 * `details` (an item with an `error` property too, but n8n then keeps only the message), so the
 * facts go under `details` there; n8n adds the input item's fields beside them.
 */
export function failedItem(node: INode, error: unknown, itemIndex: number): INodeExecutionData {
	const json = errorItem(error);
	if (node.onError !== 'continueErrorOutput') return { json, pairedItem: { item: itemIndex } };
	const { error: message, ...details } = json;
	return { json: { error: message, details }, pairedItem: { item: itemIndex } };
}

/**
 * The node as an error may carry it: n8n stores `error.node` with the execution (and logs it), so
 * parameters that hold secrets are replaced, at any depth, whatever they hold (a value or an
 * expression).
 */
export function redactedNode(node: INode, secretParameters: readonly string[]): INode {
	const walk = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(walk);
		if (value === null || typeof value !== 'object') return value;
		return Object.fromEntries(
			Object.entries(value).map(([key, inner]) => [
				key,
				secretParameters.includes(key) && inner !== '' && inner !== undefined ? redactAll(inner) : walk(inner),
			]),
		);
	};
	return { ...node, parameters: walk(node.parameters) as INodeParameters };
}

/** Every string inside replaced, the shape kept (a collection of secrets stays a collection). */
function redactAll(value: unknown): unknown {
	if (typeof value === 'string') return value === '' ? value : '***';
	if (Array.isArray(value)) return value.map(redactAll);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactAll(inner)]));
	}
	return value;
}

/** The node runs as an AI agent's tool (`…supermetricsTransfersTool`), as n8n names tool types. */
export function isTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}

/**
 * An error n8n may stop on: one of ours (or n8n's), carrying the node without its secrets. Run as
 * a tool, the message also carries the description: n8n 2.41's AI Agent hands the model an error's
 * message only, and the description holds what a model needs to act (the hint for a refused input,
 * the wait a 429 asked for, the status and request id). The form is n8n's own for tool errors.
 */
export function stoppingError(node: INode, error: unknown, itemIndex?: number): Error {
	const wrapped =
		error instanceof NodeApiError
			? new NodeApiError(node, error as unknown as JsonObject)
			: new NodeOperationError(node, error as Error, { itemIndex });
	if (isTool(node) && wrapped.description && !wrapped.message.includes(wrapped.description)) {
		wrapped.message = `${wrapped.message}\n\nDetails: ${wrapped.description}`;
	}
	// The error may be one the transport or a check built with the node as it is: give it the copy.
	return Object.assign(wrapped, { node });
}
