import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { teamIdField } from './descriptions';
import { teamIdParam } from './params';
import type { OperationModule } from './types';
import { dtsRequest, isObject, requireData, requireList, unwrap, writeAnswer } from './transport';
import type { DtsCall, DtsResponse, WriteKind } from './transport';

/**
 * One item's call to either API (the transport's call), built from checked parameters, and what
 * to put first on the output item: the id a 204 or a bare answer does not repeat.
 */
export type ApiCall = DtsCall & { echo?: IDataObject };

/** One item's call below /teams/{team_id} on the DTS API; its path is below the team, e.g. `/transfers/36091`. */
export type TeamCall = Omit<ApiCall, 'api'>;

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

interface OperationSpec<C> {
	resource: string;
	operation: string;
	fields?: (show: IDisplayOptions) => INodeProperties[];
	call: C;
	output?: Output;
	write?: WriteKind & { expect?: string[] };
}

/**
 * The shape most operations share: the operation's fields, then one request to either API. The
 * operation file keeps its own fields, checks and request; only this plumbing is shared. A
 * `write` (a POST, PUT, PATCH or DELETE that changes something) hands on whatever its 2xx answer
 * holds, with a notice when it lacks `expect` or a readable body (transport/writes.ts).
 */
export function apiOperation(
	spec: OperationSpec<(this: IExecuteFunctions, itemIndex: number) => ApiCall | Promise<ApiCall>>,
): OperationModule {
	const show = { show: { resource: [spec.resource], operation: [spec.operation] } };
	const output = spec.output ?? 'data';
	return {
		fields: spec.fields?.(show) ?? [],
		async execute(itemIndex, settings) {
			const { echo = {}, ...call } = await spec.call.call(this, itemIndex);
			const response = await dtsRequest.call(this, call, settings, itemIndex);
			if (spec.write) {
				const { data, incomplete } = writeAnswer(response, call, spec.write.expect ?? [], spec.write);
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

/** A DTS operation below /teams/{team_id}: Team ID first, checked before the operation's own call. */
export function teamOperation(
	spec: OperationSpec<(this: IExecuteFunctions, itemIndex: number, teamId: string) => TeamCall | Promise<TeamCall>>,
): OperationModule {
	return apiOperation({
		...spec,
		fields: (show) => [teamIdField(show), ...(spec.fields?.(show) ?? [])],
		async call(itemIndex) {
			const teamId = teamIdParam.call(this, itemIndex);
			const call = await spec.call.call(this, itemIndex, teamId);
			return { ...call, path: `/teams/${teamId}${call.path}` };
		},
	});
}
