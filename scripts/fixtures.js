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
const TRIGGER_NODE = 'Supermetrics Transfers Trigger';
const TRIGGER_TYPE = `${NODE_TYPE}Trigger`;
const TRIGGER_EXAMPLE = { id: 'SmTriggerFlow001', name: 'When a Supermetrics transfer run finishes' };
/** Active, so its production URL /webhook/<path> answers: one connection per call, Team ID from the body. */
const WEBHOOK = { id: 'SmWebhookFlow001', name: 'Create a data source connection per webhook call', path: 'supermetrics-create' };

/**
 * Plain data: `n8n import:credentials` encrypts it with the instance's key. Both of the sandbox's
 * URLs: the DTS API's and the Supermetrics API's (login links and logins), each its own origin.
 */
function sandboxCredential(baseUrl, apiUrl) {
	return { ...CREDENTIAL, data: { apiKey: DEMO_KEY, authScheme: 'perEndpoint', baseUrl, ...(apiUrl && { apiUrl }) } };
}

function secretsCredential() {
	return { ...SECRETS_CREDENTIAL, data: { password: SANDBOX_WAREHOUSE_PASSWORD } };
}

const locator = (value, name) => ({ __rl: true, mode: 'list', value, cachedResultName: `${name} (${value})` });

/** One of this package's nodes with the sandbox credential: `defaults` under the caller's `parameters`. */
function packageNode({ id, name, type, position }, defaults, parameters, extra) {
	return {
		id,
		name,
		type,
		typeVersion: 1,
		position,
		parameters: { ...defaults, ...parameters },
		credentials: { supermetricsTransfersApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		...extra,
	};
}

function supermetricsNode(parameters = {}, extra = {}) {
	const defaults = {
		resource: 'dataSourceConnection',
		operation: 'create',
		teamId: '12345',
		dataSourceId: locator('GAWA', 'Google Analytics 4'),
		destinationType: locator('SQL_BQ', 'BigQuery'),
		options: {},
	};
	return packageNode({ id: '5b1e0c3e-0d6a-4d5e-9a51-5c1f2a7e0001', name: NODE, type: NODE_TYPE, position: [220, 0] }, defaults, parameters, extra);
}

const manualTrigger = () => ({ id: '5b1e0c3e-0d6a-4d5e-9a51-5c1f2a7e0000', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} });

/** POST /webhook/<path>; answers with the last node's first item once the execution has finished. */
const webhookTrigger = (path, webhookId = '5b1e0c3e-0d6a-4d5e-9a51-5c1f2a7e0004') => ({
	id: '5b1e0c3e-0d6a-4d5e-9a51-5c1f2a7e0003',
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId,
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
});

/** A trigger (manual unless given), optionally a node that makes the input items, then the Supermetrics node. */
function workflow({ id, name, node = supermetricsNode(), items, trigger = manualTrigger(), active = false }) {
	const nodes = [trigger];
	const chain = [trigger.name];
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
	return { id, name, active, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const exampleWorkflow = () => workflow(EXAMPLE);
/**
 * n8n's HTTP Request node set up by hand for the same POST as Create Data Source Connection, with a
 * Header Auth credential for the key: what the benchmarks compare the node with.
 */
const httpRequestParameters = (baseUrl) => ({
	method: 'POST',
	url: `=${baseUrl}/teams/{{ $json.team }}/data-source-connections`,
	authentication: 'genericCredentialType',
	genericAuthType: 'httpHeaderAuth',
	sendBody: true,
	specifyBody: 'json',
	jsonBody: JSON.stringify({ data_source_id: 'GAWA', destination_type: 'SQL_BQ' }),
	options: {},
});

/**
 * Marked active: the queue harness activates it over REST once n8n runs. The bench also makes one
 * with a fixed Team ID (no expression) at another path.
 */
const webhookWorkflow = ({ id = WEBHOOK.id, name = WEBHOOK.name, path = WEBHOOK.path, teamId = '={{ $json.body.team_id }}', webhookId, options = {} } = {}) =>
	workflow({ id, name, trigger: webhookTrigger(path, webhookId), node: supermetricsNode({ teamId, options }), active: true });


/** The trigger polling every minute for team 12345's seeded transfer, unless `parameters` say otherwise. */
function triggerNode(parameters = {}, extra = {}) {
	const defaults = {
		pollTimes: { item: [{ mode: 'everyMinute' }] },
		event: 'transferRunFinished',
		teamId: '12345',
		transferId: locator('36091', 'AW enhanced 2022-11-17'),
		onlyFailures: false,
	};
	return packageNode({ id: '5b1e0c3e-0d6a-4d5e-9a51-5c1f2a7e0010', name: TRIGGER_NODE, type: TRIGGER_TYPE, position: [0, 0] }, defaults, parameters, extra);
}

/**
 * A workflow the trigger starts (inactive as imported: n8n activates over REST, or queue mode's
 * import), its items going on to `next` nodes in a chain, if any.
 */
function triggerWorkflow({ id = TRIGGER_EXAMPLE.id, name = TRIGGER_EXAMPLE.name, parameters = {}, next = [] } = {}) {
	const nodes = [triggerNode(parameters), ...next.map((node, i) => ({ ...node, position: [220 * (i + 1), 0] }))];
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

module.exports = {
	DEMO_KEY,
	CREDENTIAL,
	SECRETS_CREDENTIAL,
	SANDBOX_WAREHOUSE_PASSWORD,
	EXAMPLE,
	TRIGGER_EXAMPLE,
	WEBHOOK,
	NODE,
	TRIGGER_NODE,
	TRIGGER_TYPE,
	sandboxCredential,
	secretsCredential,
	supermetricsNode,
	workflow,
	exampleWorkflow,
	triggerNode,
	triggerWorkflow,
	webhookWorkflow,
	httpRequestParameters,
};
