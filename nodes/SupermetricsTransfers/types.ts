import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RequestSettings } from './transport';

/**
 * What operations, resources and the router share. Types flow one way: resources and operations
 * import from here, the router imports the resources, and nothing imports the router but the node.
 */

/** What an operation file exports: its fields and its per-item step. */
export interface OperationModule {
	fields: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		settings: RequestSettings,
	): Promise<IDataObject | IDataObject[]>;
}

export interface Operation {
	name: string;
	value: string;
	description: string;
	action: string;
	module: OperationModule;
}

export interface Resource {
	name: string;
	value: string;
	operations: Operation[];
}
