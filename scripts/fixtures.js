'use strict';
/** The credential and workflows imported into n8n by `npm start` and the e2e tests. */
const { NODE_TYPE } = require('./n8n');

const DEMO_KEY = 'sandbox-demo-key';
const CREDENTIAL = { id: 'SmSandboxCred001', name: 'Supermetrics sandbox', type: 'supermetricsTransfersApi' };
/** A destination's secrets, for trying Destination → Create without typing a password into a node. */
const SECRETS_CREDENTIAL = { id: 'SmSecretsCred001', name: 'Sandbox warehouse secrets', type: 'supermetricsTransfersSecretsApi' };
const SANDBOX_WAREHOUSE_PASSWORD = 'sandbox-warehouse-password';
const EXAMPLE = { id: 'SmExampleFlow001', name: 'Create a Supermetrics data source connection' };
const TRIGGER = 'When clicking ‘Execute workflow’';
const NODE = 'Supermetrics Transfers';

/** Plain data: `n8n import:credentials` encrypts it with the instance's key. */
function sandboxCredential(baseUrl) {
	return { ...CREDENTIAL, data: { apiKey: DEMO_KEY, authScheme: 'raw', baseUrl } };
}

function secretsCredential() {
	return { ...SECRETS_CREDENTIAL, data: { password: SANDBOX_WAREHOUSE_PASSWORD } };
}

const locator = (value, name) => ({ __rl: true, mode: 'list', value, cachedResultName: `${name} (${value})` });

function supermetricsNode(parameters = {}, extra = {}) {
	return {
		id: '5b1e0c3e-0d6a-4d5e-9a51-5c1f2a7e0001',
		name: NODE,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [220, 0],
		parameters: {
			resource: 'dataSourceConnection',
			operation: 'create',
			teamId: '12345',
			dataSourceId: locator('GAWA', 'Google Analytics 4'),
			destinationType: locator('SQL_BQ', 'BigQuery'),
			options: {},
			...parameters,
		},
		credentials: { supermetricsTransfersApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		...extra,
	};
}

/** A manual trigger, optionally a node that makes the input items, then the Supermetrics node. */
function workflow({ id, name, node = supermetricsNode(), items }) {
	const trigger = { id: '5b1e0c3e-0d6a-4d5e-9a51-5c1f2a7e0000', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const nodes = [trigger];
	const chain = [TRIGGER];
	if (items) {
		nodes.push({
			id: '5b1e0c3e-0d6a-4d5e-9a51-5c1f2a7e0002',
			name: 'Input items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
		});
		chain.push('Input items');
		node = { ...node, position: [440, 0] };
	}
	nodes.push(node);
	chain.push(node.name);
	const connections = {};
	for (let i = 0; i < chain.length - 1; i++) {
		connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const exampleWorkflow = () => workflow(EXAMPLE);

module.exports = {
	DEMO_KEY,
	CREDENTIAL,
	SECRETS_CREDENTIAL,
	SANDBOX_WAREHOUSE_PASSWORD,
	EXAMPLE,
	NODE,
	sandboxCredential,
	secretsCredential,
	supermetricsNode,
	workflow,
	exampleWorkflow,
};
