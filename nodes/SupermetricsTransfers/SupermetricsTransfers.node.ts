import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';

import {
	searchDataSources,
	searchDestinations,
	searchDestinationTypes,
	searchTransfers,
} from './methods/listSearch';
import { findOperation, nodeProperties } from './router';
import { requestOptions } from './descriptions';
import { batchPlan, runInBatches } from './batching';
import { CREDENTIAL_TYPE, errorDetails, requestSettings } from './transport';

export class SupermetricsTransfers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Supermetrics Transfers',
		name: 'supermetricsTransfers',
		icon: {
			light: 'file:../../icons/supermetrics-transfers.svg',
			dark: 'file:../../icons/supermetrics-transfers.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Set up Supermetrics warehouse transfers with the Data Transfer Service (DTS) API',
		defaults: { name: 'Supermetrics Transfers' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [...nodeProperties(), requestOptions],
	};

	methods = {
		listSearch: { searchDataSources, searchDestinations, searchDestinationTypes, searchTransfers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const step = findOperation(resource, operation);
		if (!step) {
			throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}" for resource "${resource}"`);
		}
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const settings = await requestSettings.call(this, options);
		const continueOnFail = this.continueOnFail();

		const output: INodeExecutionData[] = [];
		await runInBatches(
			items.length,
			batchPlan(options, items.length),
			!continueOnFail,
			async (itemIndex) => await step.execute.call(this, itemIndex, settings),
			(itemIndex, result) => {
				const pairedItem = { item: itemIndex };
				if (result.ok) {
					for (const json of Array.isArray(result.value) ? result.value : [result.value]) {
						output.push({ json, pairedItem });
					}
					return;
				}
				const { error } = result;
				if (continueOnFail) {
					// The error's own facts, e.g. a wait's transfer_backfill_id and status, after the usual five.
					const { message, ...details } = errorDetails(error);
					output.push({ json: { error: message, ...details }, pairedItem });
					return;
				}
				// Both constructors hand back an error that is already theirs, item index and all.
				if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			},
		);
		return [output];
	}
}
