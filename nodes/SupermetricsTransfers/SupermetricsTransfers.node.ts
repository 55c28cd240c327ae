import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import {
	searchDataSources,
	searchDestinations,
	searchDestinationTypes,
	searchLoginLinks,
	searchLogins,
	searchTableGroups,
	searchTransfers,
} from './methods/listSearch';
import { getAuthMethods, getDestinationSettings } from './methods/setupSchema';
import { getAccounts, getSchemas, getSegments } from './methods/transferOptions';
import { findOperation, nodeProperties, secretsCredentialHidden, subtitle } from './router';
import { requestOptions as requestOptionsField } from './descriptions';
import { batchPlan, runInBatches } from './batching';
import { SECRET_PARAMETERS } from './destination/configuration';
import { destinationSecretsTest } from './methods/credentialTest';
import { failedItem, redactedNode, stoppingError } from './outcome';
import { connection, requestOptions } from './transport';
import { ItemWithFile } from './types';

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
		subtitle: subtitle(),
		description: 'Set up Supermetrics warehouse transfers with the Data Transfer Service (DTS) API',
		defaults: { name: 'Supermetrics Transfers' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// Literal names: n8n's tooling reads them from the source. Neither credential names a field
			// under displayOptions.show: n8n's editor takes every field so named for an authentication
			// field, hides it (and the fields it depends on: Resource, Operation) and, when a credential
			// is picked, sets it to a value that credential shows for. The Destination Secrets
			// credential is therefore hidden everywhere but where it is used (displayOptions.hide), and
			// each says what it is by its displayName (the editor's label; both read "Credential"
			// otherwise). test/unit/credentialDisplay.test.ts holds this against n8n's editor rules.
			{ name: 'supermetricsTransfersApi', displayName: 'Credential for Supermetrics Transfers API', required: true },
			{
				name: 'supermetricsTransfersSecretsApi',
				displayName: 'Credential for Destination Secrets',
				required: true,
				testedBy: 'destinationSecretsTest',
				displayOptions: { hide: secretsCredentialHidden() },
			},
		],
		properties: [...nodeProperties(), requestOptionsField],
	};

	methods = {
		listSearch: {
			searchDataSources,
			searchDestinations,
			searchDestinationTypes,
			searchLoginLinks,
			searchLogins,
			searchTableGroups,
			searchTransfers,
		},
		loadOptions: { getAuthMethods, getAccounts, getSchemas, getSegments },
		resourceMapping: { getDestinationSettings },
		credentialTest: { destinationSecretsTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const continueOnFail = this.continueOnFail();
		// What n8n stores with an error it stops on: the node without the secrets typed into it.
		const safeNode = redactedNode(this.getNode(), SECRET_PARAMETERS);

		let run;
		try {
			const resource = this.getNodeParameter('resource', 0) as string;
			const operation = this.getNodeParameter('operation', 0) as string;
			const step = findOperation(resource, operation);
			if (!step) {
				throw new NodeOperationError(safeNode, `Unknown operation "${operation}" for resource "${resource}"`);
			}
			const plan = batchPlan(this.getNode(), this.getNodeParameter('options', 0, {}) as IDataObject, items.length);
			run = { step, plan, shared: await connection.call(this) };
		} catch (error) {
			// Nothing was sent: every item gets the same error, or the run stops on it.
			if (!continueOnFail) throw stoppingError(safeNode, error);
			return [items.map((_, item) => failedItem(safeNode, error, item))];
		}

		const { step, plan, shared } = run;
		const output: INodeExecutionData[] = [];
		const settingsOf = (itemIndex: number) =>
			requestOptions.call(this, shared, this.getNodeParameter('options', itemIndex, {}) as IDataObject, itemIndex);
		if ('executeMany' in step) {
			// Items that go to the API together (Create Many, Rotate Secrets): one outcome each, in order.
			let outcomes;
			try {
				outcomes = await step.executeMany.call(this, settingsOf, continueOnFail);
			} catch (error) {
				throw stoppingError(safeNode, error);
			}
			for (const [itemIndex, outcome] of outcomes.entries()) {
				if (outcome.ok) output.push({ json: outcome.json, pairedItem: { item: itemIndex } });
				else if (continueOnFail) output.push(failedItem(safeNode, outcome.error, itemIndex));
				else throw stoppingError(safeNode, outcome.error, itemIndex);
			}
			return [output];
		}
		await runInBatches(
			items.length,
			plan,
			!continueOnFail,
			async (itemIndex) => await step.execute.call(this, itemIndex, settingsOf(itemIndex)),
			(itemIndex, result) => {
				const pairedItem = { item: itemIndex };
				if (result.ok) {
					const { value } = result;
					// An item with a file (Table Group Export): its json and its binary data.
					if (value instanceof ItemWithFile) output.push({ json: value.json, binary: value.binary, pairedItem });
					else for (const json of Array.isArray(value) ? value : [value]) output.push({ json, pairedItem });
				} else if (continueOnFail) {
					output.push(failedItem(safeNode, result.error, itemIndex));
				} else {
					throw stoppingError(safeNode, result.error, itemIndex);
				}
			},
		);
		return [output];
	}
}
