import type { INode } from 'n8n-workflow';

import { stoppingError } from '../../nodes/SupermetricsTransfers/outcome';
import { dtsError, Masker } from '../../nodes/SupermetricsTransfers/transport';
import { checkCode, DATA_SOURCE_ID } from '../../nodes/SupermetricsTransfers/validation';

/**
 * n8n's AI Agent gives a model only an error's message (the agent e2e test shows it in a real
 * n8n); run as a tool, the node puts the description in the message. Run as a node, the message
 * stays short and the description stays apart, as the editor shows them.
 */
const asNode = { name: 'Supermetrics Transfers', type: 'n8n-nodes-supermetrics-transfers.supermetricsTransfers', typeVersion: 1 } as INode;
const asTool = { ...asNode, name: 'Create a data source connection in Supermetrics Transfers', type: 'n8n-nodes-supermetrics-transfers.supermetricsTransfersTool' };

function refusedCode(node: INode) {
	try {
		checkCode(node, DATA_SOURCE_ID, 'gawa', 0);
	} catch (error) {
		return error;
	}
	throw new Error('checkCode accepted "gawa"');
}

const rateLimited = (node: INode) =>
	dtsError(
		node,
		{
			code: 'TOO_MANY_REQUESTS',
			message: 'Rate limit exceeded. (TOO_MANY_REQUESTS)',
			description: 'Too Many Requests. Retry after 3600 s. That is longer than the node\'s "Max Rate-Limit Wait" of 60 s, so it did not wait.',
			http_code: 429,
			request_id: 'R1',
		},
		0,
		new Masker([]),
	);

describe('errors of the node run as an AI agent tool', () => {
	test('a refused input: the field, the value, the rule, and the hint, all in the message', () => {
		const error = stoppingError(asTool, refusedCode(asTool), 0);
		expect(error.message).toBe(
			'Invalid Data Source "gawa" in item 0: may contain only A-Z, 0-9 and _ (pattern ^[A-Z0-9_]+$)\n\n' +
				'Details: Field: Data Source (data_source_id). Nothing was sent for this item. Codes are upper case: did you mean "GAWA"?',
		);
	});

	test('an API error: the API\'s words and code, then the wait it asked for, status and request id', () => {
		const error = stoppingError(asTool, rateLimited(asTool), 0);
		expect(error.message).toBe(
			'Rate limit exceeded. (TOO_MANY_REQUESTS)\n\n' +
				'Details: Too Many Requests. Retry after 3600 s. That is longer than the node\'s "Max Rate-Limit Wait" of 60 s, so it did not wait. [HTTP 429, code TOO_MANY_REQUESTS, request_id R1]',
		);
	});

	test('run as a node, the message stays as it was and the description apart', () => {
		const refused = stoppingError(asNode, refusedCode(asNode), 0) as Error & { description?: string };
		expect(refused.message).toBe('Invalid Data Source "gawa" in item 0: may contain only A-Z, 0-9 and _ (pattern ^[A-Z0-9_]+$)');
		expect(refused.description).toBe('Field: Data Source (data_source_id). Nothing was sent for this item. Codes are upper case: did you mean "GAWA"?');
		const limited = stoppingError(asNode, rateLimited(asNode), 0);
		expect(limited.message).toBe('Rate limit exceeded. (TOO_MANY_REQUESTS)');
	});
});
