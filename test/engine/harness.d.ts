import type { IBinaryKeyData, ILoadOptionsFunctions, ExecutionError, ICredentialType, IDataObject, INode, INodeExecutionData, INodeParameters, INodeType, IRun } from 'n8n-workflow';

import type { TriggerState } from '../../nodes/SupermetricsTransfers/trigger/state';

export interface RunOptions {
	parameters: INodeParameters | Record<string, unknown>;
	/** Input items' json; one empty item when not given, like a manual trigger. */
	items?: object[];
	/** Input items' binary data, by index (n8n's in-memory form: base64 `data`, `mimeType`, `fileName`). */
	binaries?: Array<IBinaryKeyData | undefined>;
	credentials?: object;
	/** Data of a Destination Secrets credential given to the node. */
	secrets?: object;
	continueOnFail?: boolean;
	/** The node's On Error setting, as n8n names it, e.g. 'continueErrorOutput'. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	nodeType?: INodeType;
	type?: string;
	typeVersion?: number;
	credentialType?: ICredentialType;
	credentialName?: string;
	/** The id of the node's credential (default '1'): n8n keeps one per saved credential. */
	credentialId?: string;
}

/**
 * An error as n8n stores and shows it. Only an API error (NodeApiError) has an HTTP code; on the
 * others `httpCode` is absent, which a test reads as undefined.
 */
export type ShownError = ExecutionError & { httpCode?: string | null };

export interface RunResult {
	/** The node's output items, or undefined when the execution failed. */
	output?: INodeExecutionData[];
	/** Every output of the node: [main] or, with the error output, [main, error]. */
	outputs?: Array<INodeExecutionData[] | null>;
	/** The execution's error, as n8n stores and shows it. */
	error?: ShownError;
	run: IRun;
}

/** The compiled classes from dist/ (what n8n loads), typed as their sources declare them. */
export const SupermetricsTransfers: typeof import('../../nodes/SupermetricsTransfers/SupermetricsTransfers.node').SupermetricsTransfers;
export const SupermetricsTransfersTrigger: typeof import('../../nodes/SupermetricsTransfers/SupermetricsTransfersTrigger.node').SupermetricsTransfersTrigger;

export function runNode(options: RunOptions): Promise<RunResult>;
export function credentialTestRequest(data: object): Promise<{ method: string; url: string; headers: Record<string, string> }>;
export function withDefaults(data: object): IDataObject;
export const NODE_TYPE: string;
export const CREDENTIAL_TYPE: string;
export const NODE_NAME: string;
/** A list search's, load-options method's or resource mapper's context, with n8n's real credential handling and HTTP helpers. */
export function loadOptionsContext(options: { parameters: Record<string, unknown>; credentials: object; path?: string; credentialId?: string }): ILoadOptionsFunctions;

/** The trigger node's static data as n8n keeps it: the node's state under its own key. */
export interface SavedStaticData {
	supermetricsTransfersTrigger?: TriggerState;
}

export interface PollResult {
	/** The json of the items that started an execution (none when it returned null or failed). */
	items: IDataObject[];
	/** The poll's error, as n8n would record it. */
	error?: ShownError;
	/** The stored node static data after the call: the database copy, or the durable cursor. */
	saved: SavedStaticData | null;
	/** Durable: items the poll emitted that started no execution, the lease being lost. */
	dropped?: IDataObject[];
	/** Durable: the tick was abandoned; `settled` resolves when the abandoned poll has ended. */
	abandoned?: boolean;
	settled?: Promise<void>;
}

export type Scheduler = 'regular' | 'durable';

/** How one durable tick goes (ignored by the regular scheduler). */
export interface Tick {
	/** The poll no longer holds its lease: nothing it leaves is committed, nor its execution created. */
	leaseLost?: boolean;
	/** The engine gives up on the tick after this many ms (n8n: N8N_SCHEDULER_POLL_TIMEOUT). */
	abandonAfterMs?: number;
	/** What getPollBudgetMs() answers; 'absent': no such method, as in an older n8n. */
	budgetMs?: number | 'absent';
}

export interface PollingTrigger {
	/** The trigger node in the workflow: a test may change its parameters between polls. */
	node: INode;
	scheduler: Scheduler;
	activate(): Promise<PollResult>;
	poll(tick?: Tick): Promise<PollResult>;
	restart(): Promise<PollResult>;
	deactivate(): void;
	fetchTestEvent(): Promise<PollResult>;
	saved(): SavedStaticData | null;
	/** The workflow's global static data as the database holds it. */
	global(): IDataObject | null;
}

export function pollingTrigger(options: {
	parameters: Record<string, unknown>;
	credentials?: object;
	scheduler?: Scheduler;
	/** The node's name (default Supermetrics Transfers Trigger). */
	name?: string;
	/** Durable: what getPollBudgetMs() answers unless a tick says otherwise (default 36 s). */
	budgetMs?: number | 'absent';
	/** The id of the node's credential (default '1'). */
	credentialId?: string;
}): PollingTrigger;
export const TRIGGER_TYPE: string;
export const TRIGGER_NAME: string;
export const SCHEDULERS: Scheduler[];
export const DURABLE_BUDGET_MS: number;
