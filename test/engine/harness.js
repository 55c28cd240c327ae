'use strict';
/**
 * Runs the compiled node (dist/, what n8n loads) through n8n-core's WorkflowExecute, with real
 * credential resolution (the credential's `authenticate` block, its expressions evaluated by
 * n8n's expression engine) and n8n's real HTTP helpers. Only what an n8n server adds around an
 * execution (database, push messages, UI) is left out. Plain JavaScript, so that scripts (the
 * example, the benchmark) use it as they are, without a compile step.
 */
const path = require('node:path');
const { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, Workflow } = require('n8n-workflow');

const DIST = path.resolve(__dirname, '../../dist');
const { SupermetricsTransfers } = require(`${DIST}/nodes/SupermetricsTransfers/SupermetricsTransfers.node`);
const { SupermetricsTransfersApi } = require(`${DIST}/credentials/SupermetricsTransfersApi.credentials`);
const { SupermetricsTransfersSecretsApi } = require(`${DIST}/credentials/SupermetricsTransfersSecretsApi.credentials`);

const NODE_TYPE = 'n8n-nodes-supermetrics-transfers.supermetricsTransfers';
const CREDENTIAL_TYPE = 'supermetricsTransfersApi';
const NODE_NAME = 'Supermetrics Transfers';

const credentialType = new SupermetricsTransfersApi();
const SECRETS_TYPE = 'supermetricsTransfersSecretsApi';
const secretsType = new SupermetricsTransfersSecretsApi();

/** Node types by name; other node types (n8n's HTTP Request node, in the benchmark) may be added. */
class NodeTypes {
	constructor(types) {
		this.types = types;
	}
	getByName(name) {
		return this.getByNameAndVersion(name);
	}
	getByNameAndVersion(name, version) {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type.nodeVersions ? type.nodeVersions[version ?? type.currentVersion] : type;
	}
	getKnownTypes() {
		return {};
	}
}

/** Credential data as n8n hands it to a node: the type's defaults filled in. */
function withDefaults(data, type = credentialType) {
	const defaults = Object.fromEntries(type.properties.map((p) => [p.name, p.default]));
	return { ...defaults, ...data };
}

/** Resolves a `={{ … }}` value with $credentials, as n8n's server does for generic auth. */
function resolveWithCredentials(value, credentials, workflow, node) {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
}

class CredentialsHelper extends ICredentialsHelper {
	/** @param credentialsByType {Record<string, {type: object, data: object}>} */
	constructor(credentialsByType) {
		super();
		this.byType = credentialsByType;
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const type = this.byType[typeName]?.type;
		const auth = type?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return type.authenticate(credentials, requestOptions);
		const headers = { ...(requestOptions.headers ?? {}) };
		for (const [name, value] of Object.entries(auth.properties.headers ?? {})) {
			// Header names may be expressions too (n8n's Header Auth credential: ={{$credentials.name}}).
			headers[resolveWithCredentials(name, credentials, workflow, node)] = resolveWithCredentials(value, credentials, workflow, node);
		}
		return { ...requestOptions, headers };
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials() {
		throw new Error('not used');
	}
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		const entry = this.byType[type];
		if (!entry) throw new Error(`No credentials of type ${type} set`);
		return { ...entry.data };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties(type) {
		return this.byType[type]?.type.properties ?? [];
	}
}

function additionalData(hooks, credentialsHelper) {
	const unused = async () => {
		throw new Error('not used in these runs');
	};
	return {
		hooks,
		credentialsHelper,
		executeWorkflow: unused,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: '',
		formWaitingBaseUrl: '',
		formTestBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: unused,
	};
}

/**
 * Runs one node of `nodeType` over `items` and returns its output items, or the execution's error.
 * `secrets` is the data of a Destination Secrets credential, when the node should have one.
 * @param {{parameters: object, items?: object[], credentials?: object, secrets?: object, continueOnFail?: boolean,
 *   nodeType?: object, type?: string, typeVersion?: number, credentialType?: object, credentialName?: string}} options
 */
async function runNode(options) {
	const type = options.type ?? NODE_TYPE;
	const credentialName = options.credentialName ?? CREDENTIAL_TYPE;
	const node = {
		id: 'a6a3a9d6-7d0b-4c3c-9f59-2e5bb0000001',
		name: NODE_NAME,
		type,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: {
			[credentialName]: { id: '1', name: 'Supermetrics sandbox' },
			...(options.secrets ? { [SECRETS_TYPE]: { id: '2', name: 'Warehouse secrets' } } : {}),
		},
		...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypes({ [type]: options.nodeType ?? new SupermetricsTransfers() }),
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'engine-test-1', {
		id: 'engine-test',
		name: 'engine test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
	let finished;
	const done = new Promise((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));

	const credentials = {};
	if (options.credentials !== undefined) {
		const typeObject = options.credentialType ?? credentialType;
		credentials[credentialName] = { type: typeObject, data: withDefaults(options.credentials, typeObject) };
	}
	if (options.secrets !== undefined) credentials[SECRETS_TYPE] = { type: secretsType, data: withDefaults(options.secrets, secretsType) };
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};
	const execution = new WorkflowExecute(additionalData(hooks, new CredentialsHelper(credentials)), 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await done;
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return { output: taskData?.data?.main?.[0] ?? undefined, error: run.data.resultData.error, run };
}

/**
 * The credential's test request as n8n's credential tester builds it (a routing request): its
 * baseURL and url with every expression resolved against the given data, then the credential's
 * `authenticate` applied, which may refuse it or set its URL. Resolves with what would be sent.
 */
async function credentialTestRequest(data) {
	const credentials = withDefaults(data);
	const node = { id: 'c', name: 'credential test', type: NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new NodeTypes({ [NODE_TYPE]: new SupermetricsTransfers() }) });
	const { request } = credentialType.test;
	const resolve = (value) => resolveWithCredentials(value, credentials, workflow, node);
	const sent = await credentialType.authenticate(credentials, {
		...request,
		baseURL: resolve(request.baseURL),
		url: resolve(request.url),
		method: request.method ?? 'GET',
	});
	return { method: sent.method, url: `${sent.baseURL}${sent.url}`, headers: sent.headers };
}

/**
 * The context n8n gives a list search, a load-options method or a resource mapper (a picker or a
 * form in the editor): the node's current parameters, the credential resolved by n8n's
 * credentials helper and n8n's real HTTP helpers. `path` is the parameter being loaded.
 */
function loadOptionsContext({ parameters, credentials, path = 'parameters.dataSourceId' }) {
	const node = {
		id: 'a6a3a9d6-7d0b-4c3c-9f59-2e5bb0000001',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Supermetrics sandbox' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new NodeTypes({ [NODE_TYPE]: new SupermetricsTransfers() }) });
	const helper = new CredentialsHelper({ [CREDENTIAL_TYPE]: { type: credentialType, data: withDefaults(credentials) } });
	// The editor sends the node's parameters with their defaults filled in, as the Workflow has them.
	const data = { ...additionalData(undefined, helper), currentNodeParameters: workflow.getNode(NODE_NAME).parameters };
	return new LoadOptionsContext(workflow, node, data, path);
}

module.exports = { runNode, credentialTestRequest, loadOptionsContext, withDefaults, resolveWithCredentials, NODE_TYPE, CREDENTIAL_TYPE, NODE_NAME, credentialType };
