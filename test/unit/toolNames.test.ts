import { NodeHelpers, nodeNameToToolName } from 'n8n-workflow';

import { SupermetricsTransfers } from '../../nodes/SupermetricsTransfers/SupermetricsTransfers.node';
import { resources } from '../../nodes/SupermetricsTransfers/router';

/**
 * As an AI agent's tool, each operation reaches the model through n8n's own functions: the
 * description is "<action> in <default node name>", and the editor names a new tool node after
 * it, a name n8n sends the model with every character outside [A-Za-z0-9_-] made "_" and cut at
 * 64. So an action must read as a sentence on its own and stay short and plain enough to survive.
 */
const description = new SupermetricsTransfers().description;
const operations = resources.flatMap((resource) => resource.operations.map((operation) => ({ resource: resource.value, ...operation })));

describe.each(operations)('$resource: $name, as a tool', ({ resource, value, action }) => {
	const text = NodeHelpers.makeDescription({ resource, operation: value }, description);

	test('n8n describes it to the model with its action', () => {
		expect(text).toBe(`${action} in Supermetrics Transfers`);
		expect(action).toMatch(/^[A-Z][a-z]+ [a-z0-9 ]+$/);
	});

	test('its tool name keeps every word, uncut', () => {
		const name = nodeNameToToolName(text);
		expect(name).toBe(text.replace(/ /g, '_'));
		expect(name.length).toBeLessThanOrEqual(64);
	});
});
