import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RequestSettings } from './transport';

/**
 * What operations, resources and the router share. Types flow one way: resources and operations
 * import from here, the router imports the resources, and nothing imports the router but the node.
 */

/**
 * An output item with a file beside its json, as n8n's nodes hand files on (Table Group Export's
 * data model). A class, so that no answer of the API (plain JSON) can ever be taken for one.
 */
export class ItemWithFile {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/**
 * What an operation file exports: its fields and its per-item step, which gives the item's json,
 * one json per element of a list, or (`Output` widened) an item with a file.
 */
export interface OperationModule<Output = IDataObject | IDataObject[]> {
	fields: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, settings: RequestSettings): Promise<Output>;
}

/** What one input item became: its output item, or its error. */
export type ItemOutcome = { ok: true; json: IDataObject } | { ok: false; error: unknown };

/**
 * An operation whose items go to the API together (manyItems.ts): it reads all of them, sends
 * them in requests of several items, and gives each item exactly one outcome.
 */
export interface ManyItemsModule {
	fields: INodeProperties[];
	executeMany(
		this: IExecuteFunctions,
		settingsOf: (itemIndex: number) => RequestSettings,
		continueOnFail: boolean,
	): Promise<ItemOutcome[]>;
}

export interface Operation {
	name: string;
	value: string;
	description: string;
	action: string;
	module: OperationModule<IDataObject | IDataObject[] | ItemWithFile> | ManyItemsModule;
}

export interface Resource {
	name: string;
	value: string;
	operations: Operation[];
}
