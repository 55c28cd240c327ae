import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { searchTransfers } from './methods/listSearch';
import { CREDENTIAL_TYPE, requestSettings } from './transport';
import { pollBackfills } from './trigger/backfillEvent';
import { PollAllowance, pollBudgetMs, PollStopped } from './trigger/budget';
import { triggerFields } from './trigger/fields';
import { pollLogins } from './trigger/loginEvent';
import { isLoginEvent, triggerParams } from './trigger/params';
import { pollRuns } from './trigger/runEvent';
import { ApiClock } from './trigger/time';

/**
 * Polls Supermetrics for transfer runs or backfills that finished, login links a client authorized
 * through, and logins nearing their expiry or revoked, and starts the workflow with one item for
 * each, once. How a poll finds them, what it costs and how it keeps to its time and the key's hourly limit is in trigger/ and docs/trigger.md.
 */
export class SupermetricsTransfersTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Supermetrics Transfers Trigger',
		name: 'supermetricsTransfersTrigger',
		icon: {
			light: 'file:../../icons/supermetrics-transfers.svg',
			dark: 'file:../../icons/supermetrics-transfers.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] === "backfillFinished" ? "Backfill Finished" : $parameter["event"] === "loginLinkUsed" ? "Login Link Used" : $parameter["event"] === "loginExpiring" ? "Login Expiring" : "Transfer Run Finished" }}',
		// n8n's node panel shows this node and the trigger as one entry with the trigger's description:
		// so it says what the package does, the actions and the events.
		description:
			'Onboard clients into your warehouse with Supermetrics transfers (login links, connections, destinations, transfers, backfills, runs), and start workflows when runs or backfills finish or logins need attention',
		defaults: { name: 'Supermetrics Transfers Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: triggerFields,
	};

	methods = {
		listSearch: { searchTransfers },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const params = triggerParams(this);
		const settings = await requestSettings.call(this);
		// The poll's time starts here: n8n's (getPollBudgetMs) or the node's own, whichever is less.
		const allowance = new PollAllowance(pollBudgetMs(this), settings.quota, settings.timeoutMs);
		const poll = { context: this, teamId: params.teamId, settings, clock: new ApiClock(), allowance };
		const manual = this.getMode() === 'manual';
		let failure: unknown;
		try {
			const events = isLoginEvent(params.event) ? pollLogins : params.event === 'backfillFinished' ? pollBackfills : pollRuns;
			const items = await events(poll, params, manual);
			return items.length ? [this.helpers.returnJsonArray(items)] : null;
		} catch (error) {
			failure = error;
		}
		// An API error as the transport made it; a stop reaches here from Fetch Test Event only (an
		// active poll keeps what it found), and says why.
		if (!(failure instanceof PollStopped)) throw failure;
		throw new NodeOperationError(this.getNode(), STOPPED[failure.reason], {
			description: 'Nothing was changed. Fetch again in a few minutes.',
		});
	}
}

const STOPPED = {
	budget: 'The Supermetrics API answered too slowly to finish looking within the poll\'s time',
	reserve: 'The API key is close to its hourly request limit: the trigger leaves the rest to your other workflows',
	rateLimited: 'The Supermetrics API answered 429 Too Many Requests: the key\'s hourly request limit is used up',
};
