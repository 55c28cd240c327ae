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
import { dtsRequest, isObject, requireData, requireList, unwrap, writeAnswer } from './transport';
import type { DtsResponse, WriteKind } from './transport';

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
	| ((
			this: IExecuteFunctions,
			response: DtsResponse,
			itemIndex: number,
			echo: IDataObject,
			/** The answer's data object, {} when it is not one (a list, or a write's missing body). */
			data: IDataObject,
	  ) => IDataObject | IDataObject[]);

/**
 * The shape most operations share: Team ID and the operation's fields, then one request. The
 * operation file keeps its own fields, checks and request; only this plumbing is shared. A
 * `write` (a POST, PUT, PATCH or DELETE that changes something) hands on whatever its 2xx answer
 * holds, with a notice when it lacks `expect` or a readable body (transport/writes.ts).
 */
export function teamOperation(spec: {
	resource: string;
	operation: string;
	fields?: (show: IDisplayOptions) => INodeProperties[];
	/** Builds the request from checked parameters; `teamId` is already checked. */
	call: (this: IExecuteFunctions, itemIndex: number, teamId: string) => TeamCall | Promise<TeamCall>;
	output?: Output;
	write?: WriteKind & { expect?: string[] };
}): OperationModule {
	const show = { show: { resource: [spec.resource], operation: [spec.operation] } };
	const output = spec.output ?? 'data';
	return {
		fields: [teamIdField(show), ...(spec.fields?.(show) ?? [])],
		async execute(itemIndex, settings) {
			const teamId = teamIdParam.call(this, itemIndex);
			const { echo = {}, path, ...call } = await spec.call.call(this, itemIndex, teamId);
			const fullPath = `/teams/${teamId}${path}`;
			const response = await dtsRequest.call(this, { ...call, path: fullPath }, settings, itemIndex);
			if (spec.write) {
				const { data, incomplete } = writeAnswer(response, { method: call.method, path: fullPath }, spec.write.expect ?? [], spec.write);
				const item = output === 'echo' ? echo : typeof output === 'function' ? output.call(this, response, itemIndex, echo, data) : { ...echo, ...data };
				return Array.isArray(item) ? item : { ...item, ...incomplete };
			}
			if (output === 'list') return requireList(this.getNode(), response, itemIndex);
			if (output === 'echo') return echo;
			if (output === 'data') return { ...echo, ...requireData(this.getNode(), response, [], itemIndex) };
			const body = unwrap(response);
			return output.call(this, response, itemIndex, echo, isObject(body) ? body : {});
		},
	};
}
