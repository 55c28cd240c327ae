'use strict';
/**
 * Runs the compiled node (dist/, what n8n loads) through n8n-core's WorkflowExecute, with real
 * credential resolution (the credential's `authenticate` block, its expressions evaluated by
 * n8n's expression engine) and n8n's real HTTP helpers. Only what an n8n server adds around an
 * execution (database, push messages, UI) is left out. Plain JavaScript, so that scripts (the
 * example, the benchmark) use it as they are, without a compile step.
 */
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { ExecutionLifecycleHooks, LoadOptionsContext, PollContext, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, Workflow } = require('n8n-workflow');

/** The build under test: dist/, or another commit's build for a before-and-after measurement (scripts/bench-auth.js --dist). */
const DIST = process.env.SUPERMETRICS_TRANSFERS_DIST ? path.resolve(process.env.SUPERMETRICS_TRANSFERS_DIST) : path.resolve(__dirname, '../../dist');
const { SupermetricsTransfers } = require(`${DIST}/nodes/SupermetricsTransfers/SupermetricsTransfers.node`);
const { SupermetricsTransfersTrigger } = require(`${DIST}/nodes/SupermetricsTransfers/SupermetricsTransfersTrigger.node`);
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
 * `onError` sets the node's On Error setting as n8n names it (e.g. 'continueErrorOutput').
 * `binaries` gives input items binary data, by index, as n8n holds it ({ data: base64, mimeType, fileName }).
 * @param {{parameters: object, items?: object[], binaries?: Array<object | undefined>, credentials?: object, secrets?: object, continueOnFail?: boolean, onError?: string,
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
			[credentialName]: { id: options.credentialId ?? '1', name: 'Supermetrics sandbox' },
			...(options.secrets ? { [SECRETS_TYPE]: { id: '2', name: 'Warehouse secrets' } } : {}),
		},
		...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		...(options.onError ? { onError: options.onError } : {}),
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
	const items = (options.items ?? [{}]).map((json, i) => (options.binaries?.[i] ? { json, binary: options.binaries[i] } : { json }));
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
	return { output: taskData?.data?.main?.[0] ?? undefined, outputs: taskData?.data?.main, error: run.data.resultData.error, run };
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

/** A node as a saved workflow holds it, with the API credential selected. */
function workflowNode(number, name, type, parameters, credentialId = '1') {
	return {
		id: `a6a3a9d6-7d0b-4c3c-9f59-2e5bb000000${number}`,
		name,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: 'Supermetrics sandbox' } },
	};
}

/**
 * The context n8n gives a list search, a load-options method or a resource mapper (a picker or a
 * form in the editor): the node's current parameters, the credential resolved by n8n's
 * credentials helper and n8n's real HTTP helpers. `path` is the parameter being loaded.
 */
function loadOptionsContext({ parameters, credentials, path = 'parameters.dataSourceId', credentialId }) {
	const node = workflowNode(1, NODE_NAME, NODE_TYPE, parameters, credentialId);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new NodeTypes({ [NODE_TYPE]: new SupermetricsTransfers() }) });
	const helper = new CredentialsHelper({ [CREDENTIAL_TYPE]: { type: credentialType, data: withDefaults(credentials) } });
	// The editor sends the node's parameters with their defaults filled in, as the Workflow has them.
	const data = { ...additionalData(undefined, helper), currentNodeParameters: workflow.getNode(NODE_NAME).parameters };
	return new LoadOptionsContext(workflow, node, data, path);
}

const TRIGGER_TYPE = 'n8n-nodes-supermetrics-transfers.supermetricsTransfersTrigger';
const TRIGGER_NAME = 'Supermetrics Transfers Trigger';

/** The two ways n8n 2.41 runs an active poll trigger. */
const SCHEDULERS = ['regular', 'durable'];
/**
 * getPollBudgetMs() under n8n 2.41's durable scheduler with its defaults: min(poll timeout 45 s,
 * lease) less a margin of 20 % (at least 5 s).
 */
const DURABLE_BUDGET_MS = 36000;
const TIMED_OUT = Symbol('abandoned');

const plain = (value) => JSON.parse(JSON.stringify(value ?? {}));

/**
 * The trigger in a workflow as n8n 2.41 runs an active one (n8n-core's PollContext, the node's
 * `poll`), in either scheduler, with what n8n keeps between polls kept the way it keeps it:
 *
 * - `scheduler: 'regular'` (the default): the workflow's static data; `saved` is the database copy,
 *   written at activation and when a poll emits items (as n8n's __emit does); a poll that emits
 *   nothing changes the copy in memory only. `restart()` is n8n starting again: a new Workflow
 *   from the saved copy, activated (mode 'init'), whose first poll may emit.
 * - `scheduler: 'durable'` (N8N_SCHEDULER_ENABLED, …_POLL_TRIGGERS_ENABLED,
 *   N8N_USE_WORKFLOW_PUBLICATION_SERVICE, N8N_POLLER_DURABLE_CURSORS_ENABLED): as
 *   trigger-execution-context.factory.js and poll-trigger-task-handler.js do it. Each tick is a new
 *   Workflow from the saved static data; the node's static data is a deep copy of a stored cursor
 *   (created from the workflow's node static data the first time); what the poll leaves there is
 *   committed with the execution it emits, or alone after a poll that emits nothing, unless the
 *   lease is lost (`poll({ leaseLost: true })`: neither commits, and an emitting poll's execution
 *   is not created) or the tick is abandoned (`poll({ abandonAfterMs })`: past it the tick ends with
 *   nothing, and the poll's late result is dropped). `getPollBudgetMs()` gives `budgetMs`
 *   (default 36 s; 'absent' removes it, as an older n8n). Activation runs one poll as n8n's
 *   activation does (testing, unfenced, the 5-minute default budget): committed only when it emits,
 *   as n8n 2.41 does; then the workflow's static data is saved. `restart()` runs no poll: the
 *   scheduler's job survives a restart, and the next tick goes on from the cursor.
 *
 * `fetchTestEvent()` is the editor's Fetch Test Event: a manual poll on a copy, never saved.
 * Each call resolves with `{ items, error, saved }`: the json of the items that started an
 * execution, the poll's error, the stored node static data (database copy or cursor) after it.
 */
function pollingTrigger(options) {
	const scheduler = options.scheduler ?? 'regular';
	if (!SCHEDULERS.includes(scheduler)) throw new Error(`Unknown scheduler ${scheduler}`);
	const node = workflowNode(2, options.name ?? TRIGGER_NAME, TRIGGER_TYPE, { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...options.parameters }, options.credentialId);
	const nodeType = new SupermetricsTransfersTrigger();
	const credentials = options.credentials === undefined ? {} : { [CREDENTIAL_TYPE]: { type: credentialType, data: withDefaults(options.credentials) } };
	const data = additionalData(undefined, new CredentialsHelper(credentials));
	/** The workflow's static data as the database holds it (JSON), and the durable cursor row. */
	let saved = null;
	let cursor = null;
	let workflow;

	const load = () =>
		new Workflow({
			id: 'trigger-test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new NodeTypes({ [TRIGGER_TYPE]: nodeType }),
			staticData: saved === null ? undefined : JSON.parse(saved),
		});
	/** n8n's WorkflowStaticDataService.saveStaticData: written when something changed. */
	const save = (target) => {
		if (target.staticData.__dataChanged !== true) return;
		const { __dataChanged, ...rest } = JSON.parse(JSON.stringify(target.staticData));
		saved = JSON.stringify(rest);
		target.staticData.__dataChanged = false;
	};
	const stored = () => {
		if (scheduler === 'durable') return cursor === null ? null : JSON.parse(cursor);
		return saved === null ? null : (JSON.parse(saved)[`node:${node.name}`] ?? null);
	};
	const result = (fields) => ({ items: [], error: undefined, ...fields, saved: stored() });
	const jsonOf = (output) => (output?.[0] ?? []).map((item) => item.json);

	async function regularPoll(target, mode, activation) {
		let emitted = null;
		const emit = (output) => {
			emitted = output;
			if (mode !== 'manual') save(target);
		};
		const context = new PollContext(target, node, data, mode, activation, emit, () => {});
		try {
			const output = await nodeType.poll.call(context);
			if (output !== null) emit(output);
			return result({ items: jsonOf(emitted) });
		} catch (error) {
			return result({ error });
		}
	}

	/**
	 * One durable poll. `fenced`: a scheduled tick (leased; getPollBudgetMs given); otherwise the
	 * activation's poll, which n8n runs as a test (it commits only with an emitted execution).
	 */
	async function durablePoll(target, { fenced, leaseLost = false, abandonAfterMs, budgetMs = options.budgetMs ?? DURABLE_BUDGET_MS }) {
		// PollCursorService.resolveCursor: getOrCreateCursor, seeded from the workflow's node data.
		if (cursor === null) cursor = JSON.stringify(plain(target.getStaticData('node', node)));
		let seed = JSON.parse(cursor);
		const snapshot = JSON.parse(cursor);
		const takeStaged = () => {
			if (isDeepStrictEqual(snapshot, seed)) return null;
			seed = plain(snapshot);
			return JSON.stringify(snapshot);
		};
		const commit = (staged) => {
			if (staged === null) return true;
			if (fenced && leaseLost) return false;
			cursor = staged;
			return true;
		};
		let emitted = null;
		let dropped = [];
		const emit = (output) => {
			const staged = takeStaged();
			save(target);
			// runPolledWorkflow: the cursor and the execution in one transaction, or neither.
			if (commit(staged)) emitted = output;
			else dropped = jsonOf(output);
		};
		const budget = fenced && budgetMs !== 'absent' ? () => budgetMs : undefined;
		const context = new PollContext(target, node, data, 'trigger', fenced ? 'update' : 'activate', emit, () => {}, async () => {}, async (poll) => await poll(), () => snapshot, budget);
		if (budgetMs === 'absent') context.getPollBudgetMs = undefined;

		const polling = nodeType.poll.call(context).then(
			(output) => ({ output }),
			(error) => ({ error }),
		);
		let timer;
		const outcome =
			abandonAfterMs === undefined
				? await polling
				: await Promise.race([polling, new Promise((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), abandonAfterMs)))]);
		clearTimeout(timer);
		// Abandoned: n8n's handler returns; the poll runs on, and what it returns goes nowhere.
		if (outcome === TIMED_OUT) return result({ abandoned: true, settled: polling.then(() => undefined) });
		if (outcome.error) return result({ error: outcome.error });
		if (outcome.output !== null) emit(outcome.output);
		else if (fenced) commit(takeStaged());
		return result({ items: jsonOf(emitted), dropped });
	}

	/** Activation, or n8n's start with the workflow active: a first poll, then the static data saved. */
	async function activate(activation) {
		workflow = load();
		const polled = scheduler === 'durable' ? await durablePoll(workflow, { fenced: false }) : await regularPoll(workflow, 'trigger', activation);
		if (!polled.error) save(workflow);
		return result({ ...polled });
	}

	const trigger = {
		node,
		scheduler,
		activate: () => activate('activate'),
		/** A scheduled poll; the options apply to the durable scheduler only. */
		poll: (tick = {}) => (scheduler === 'durable' ? durablePoll(load(), { fenced: true, ...tick }) : regularPoll(workflow, 'trigger', 'activate')),
		restart: async () => (scheduler === 'durable' ? result({}) : await activate('init')),
		/** Deactivation: the in-memory workflow goes; what the database holds stays. */
		deactivate: () => {
			workflow = undefined;
		},
		fetchTestEvent: () => regularPoll(load(), 'manual', 'manual'),
		/** The node's static data as stored: the database copy, or the durable cursor. */
		saved: stored,
		/** The workflow's global static data as the database holds it. */
		global: () => (saved === null ? null : (JSON.parse(saved).global ?? null)),
	};
	return trigger;
}

module.exports = {
	SupermetricsTransfers,
	SupermetricsTransfersTrigger,
	runNode,
	pollingTrigger,
	credentialTestRequest,
	loadOptionsContext,
	withDefaults,
	resolveWithCredentials,
	NODE_TYPE,
	TRIGGER_TYPE,
	CREDENTIAL_TYPE,
	NODE_NAME,
	TRIGGER_NAME,
	SCHEDULERS,
	DURABLE_BUDGET_MS,
	credentialType,
};
