import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

import { teamIdField } from './descriptions';
import { teamIdParam } from './params';
import type { OperationModule } from './types';
import { dtsRequest, requireData, requireList } from './transport';
import type { DtsResponse } from './transport';

/** One item's call below /teams/{team_id}, built from checked parameters. */
export interface TeamCall {
	method: IHttpRequestMethods;
	/** Below the team, e.g. `/transfers/36091`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	secrets?: string[];
	/** Put first on the output item: the id a 204 or a bare answer does not repeat. */
	echo?: IDataObject;
}

/**
 * What the item becomes: the answer's data object after `echo` (default), one item per element of
 * its list, `echo` alone (for a 204), or a shape (or list of shapes) of the operation's own.
 */
type Output =
	| 'data'
	| 'list'
	| 'echo'
	| ((this: IExecuteFunctions, response: DtsResponse, itemIndex: number, echo: IDataObject) => IDataObject | IDataObject[]);

/**
 * The shape most operations share: Team ID and the operation's fields, then one request. The
 * operation file keeps its own fields, checks and request; only this plumbing is shared.
 */
export function teamOperation(spec: {
	resource: string;
	operation: string;
	fields?: (show: IDisplayOptions) => INodeProperties[];
	/** Builds the request from checked parameters; `teamId` is already checked. */
	call: (this: IExecuteFunctions, itemIndex: number, teamId: string) => TeamCall | Promise<TeamCall>;
	output?: Output;
}): OperationModule {
	const show = { show: { resource: [spec.resource], operation: [spec.operation] } };
	const output = spec.output ?? 'data';
	return {
		fields: [teamIdField(show), ...(spec.fields?.(show) ?? [])],
		async execute(itemIndex, settings) {
			const teamId = teamIdParam.call(this, itemIndex);
			const { echo = {}, path, ...call } = await spec.call.call(this, itemIndex, teamId);
			const response = await dtsRequest.call(
				this,
				{ ...call, path: `/teams/${teamId}${path}` },
				settings,
				itemIndex,
			);
			if (output === 'list') return requireList(this.getNode(), response, itemIndex);
			if (output === 'echo') return echo;
			if (output === 'data') return { ...echo, ...requireData(this.getNode(), response, [], itemIndex) };
			return output.call(this, response, itemIndex, echo);
		},
	};
}
