/**
 * Runs the compiled node (dist/, what n8n loads) through n8n-core's WorkflowExecute, with real
 * credential resolution (the credential's `authenticate` block, its expressions evaluated by
 * n8n's expression engine) and n8n's real HTTP helpers. Only what an n8n server would add around
 * an execution (database, push, UI) is left out.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

/* eslint-disable @typescript-eslint/no-require-imports */
const { SupermetricsTransfers } = require('../../dist/nodes/SupermetricsTransfers/SupermetricsTransfers.node');
const { SupermetricsTransfersApi } = require('../../dist/credentials/SupermetricsTransfersApi.credentials');

export const NODE_TYPE = 'n8n-nodes-supermetrics-transfers.supermetricsTransfers';
export const CREDENTIAL_TYPE = 'supermetricsTransfersApi';

const nodeType: INodeType = new SupermetricsTransfers();
const credentialType: ICredentialType = new SupermetricsTransfersApi();

class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}
	getByName(name: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(name);
	}
	getByNameAndVersion(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}
	getKnownTypes() {
		return {};
	}
}

/** Resolves `={{ … }}` values with $credentials, as n8n's server does for generic auth. */
function resolve(value: unknown, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode) {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
}

/** Credential data as n8n hands it to a node: the type's defaults filled in. */
export function withDefaults(data: IDataObject): ICredentialDataDecryptedObject {
	const defaults = Object.fromEntries(credentialType.properties.map((p) => [p.name, p.default]));
	return { ...defaults, ...data } as ICredentialDataDecryptedObject;
}

class CredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject | undefined) {
		super();
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		if (typeName !== CREDENTIAL_TYPE) throw new Error(`Unexpected credential type ${typeName}`);
		const auth = credentialType.authenticate;
		if (!auth || typeof auth === 'function' || auth.type !== 'generic') throw new Error('Expected generic authentication');
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		for (const [name, value] of Object.entries(auth.properties.headers ?? {})) {
			headers[name] = resolve(value, credentials, workflow!, node!) as string;
		}
		return { ...requestOptions, headers };
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}
	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		if (!this.data) throw new Error('No credentials set');
		return { ...this.data };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return credentialType.properties;
	}
}

export interface RunOptions {
	parameters: INodeParameters;
	/** Input items; one empty item when not given, like a manual trigger. */
	items?: IDataObject[];
	credentials?: IDataObject;
	continueOnFail?: boolean;
}

export interface RunResult {
	/** The node's output items, or undefined when the execution failed. */
	output?: INodeExecutionData[];
	/** The execution's error, as n8n stores and shows it. */
	error?: IRun['data']['resultData']['error'];
	run: IRun;
}

export async function runNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'a6a3a9d6-7d0b-4c3c-9f59-2e5bb0000001',
		name: 'Supermetrics Transfers',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Supermetrics sandbox' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypes({ [NODE_TYPE]: nodeType }),
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
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));

	const credentials = options.credentials === undefined ? undefined : withDefaults(options.credentials);
	const additionalData = {
		hooks,
		credentialsHelper: new CredentialsHelper(credentials),
		executeWorkflow: async () => {
			throw new Error('not used');
		},
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
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = {
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
	} as unknown as IRunExecutionData;

	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await done;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return { output: taskData?.data?.main?.[0] ?? undefined, error: run.data.resultData.error, run };
}
