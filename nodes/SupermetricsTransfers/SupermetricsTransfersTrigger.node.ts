import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { searchTransfers } from './methods/listSearch';
import { CREDENTIAL_TYPE, requestSettings } from './transport';
import { pollBackfills } from './trigger/backfillEvent';
import { triggerFields } from './trigger/fields';
import { triggerParams } from './trigger/params';
import { pollRuns } from './trigger/runEvent';
import { ApiClock } from './trigger/time';

/**
 * Polls Supermetrics for transfer runs or backfills that finished, and starts the workflow with
 * one item for each, once. How a poll finds them, and what it costs, is in trigger/ and the README.
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
		subtitle: '={{ $parameter["event"] === "backfillFinished" ? "Backfill Finished" : "Transfer Run Finished" }}',
		description: 'Starts the workflow when a Supermetrics transfer run or backfill finishes',
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
		const poll = { context: this, teamId: params.teamId, settings: await requestSettings.call(this), clock: new ApiClock() };
		const manual = this.getMode() === 'manual';
		const items =
			params.event === 'backfillFinished'
				? await pollBackfills(poll, params, manual)
				: await pollRuns(poll, params, manual);
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	}
}
