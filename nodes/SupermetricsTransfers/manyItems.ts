import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamIdField } from './descriptions';
import { itemError } from './itemError';
import { teamIdParam } from './params';
import { dtsRequest, errorDetails, isObject, unwrap } from './transport';
import type { DtsResponse, RequestSettings } from './transport';
import type { ItemOutcome, ManyItemsModule } from './types';

/**
 * Operations whose input items go to the API together, up to MAX_PER_REQUEST in one request, each
 * item created or refused on its own (Transfer Create Many, Destination Rotate Secrets). Every
 * input item gets exactly one outcome, paired to it: its result, or its error. A request is a
 * write: never retried after a 5xx, a timeout or a dropped connection, and a 2xx is never read as
 * if nothing happened. Without Continue On Fail nothing is sent while any item's input is refused,
 * and the run stops after the request that refused an item, its error naming the items that were
 * done (so nobody runs them again), those refused and those never sent.
 */

/** The most items of one request: both batch operations' maxItems in the reference. */
export const MAX_PER_REQUEST = 100;
/** How many items an error lists by name before it counts the rest. */
const LISTED = 20;

export interface ManySpec<Part> {
	resource: string;
	operation: string;
	fields: (show: IDisplayOptions) => INodeProperties[];
	/**
	 * One item's part of a request, read and checked (throws the item's error); `group`: items of
	 * one request share it; `run` holds what the operation notes across the run's items.
	 */
	read(this: IExecuteFunctions, itemIndex: number, run: Map<string, number>): Promise<{ part: Part; group?: string; secrets?: string[] }>;
	/** The request for parts of one group, its path below /teams/{team_id}. */
	request(parts: Part[], group: string | undefined): { method: 'POST' | 'PATCH'; path: string; body: IDataObject };
	/** A part's result among the answer's data.results (`position`: its place in the request). */
	resultOf(results: IDataObject[], part: Part, position: number): IDataObject | undefined;
	/** The item for a result that succeeded. */
	output(result: IDataObject, part: Part): IDataObject;
	/** E.g. { thing: 'transfer', done: 'created', findIt: 'with Transfer → List' }. */
	words: { thing: string; done: string; findIt: string };
}

interface Queued<Part> {
	itemIndex: number;
	part: Part;
	group?: string;
	team: string;
	secrets: string[];
}

const list = (items: number[]) =>
	`${items.slice(0, LISTED).join(', ')}${items.length > LISTED ? ` and ${items.length - LISTED} more` : ''}`;

export function manyOperation<Part>(spec: ManySpec<Part>): ManyItemsModule {
	const show = { show: { resource: [spec.resource], operation: [spec.operation] } };
	const { thing, done, findIt } = spec.words;

	/** The item of a result the answer lacks: the request was carried out, so it may be done. */
	const unknown = (response: DtsResponse, call: { method: string; path: string }, why: string): IDataObject => ({
		status: 'unknown',
		notice: `The API answered HTTP ${response.statusCode} to ${call.method} ${call.path}, so the request was carried out, but ${why}. The ${thing} may have been ${done}: find it ${findIt} before running this item again.`,
		request_id: response.requestId,
	});

	async function executeMany(
		this: IExecuteFunctions,
		settingsOf: (itemIndex: number) => RequestSettings,
		continueOnFail: boolean,
	): Promise<ItemOutcome[]> {
		const count = this.getInputData().length;
		const outcomes: ItemOutcome[] = new Array(count);
		const queued: Array<Queued<Part>> = [];
		const run = new Map<string, number>();
		for (let itemIndex = 0; itemIndex < count; itemIndex++) {
			try {
				const { part, group, secrets = [] } = await spec.read.call(this, itemIndex, run);
				queued.push({ itemIndex, part, group, team: teamIdParam.call(this, itemIndex), secrets });
			} catch (error) {
				// Nothing is sent while any input is refused, unless Continue On Fail lets it through. (The
				// item's own error, as it is: NodeOperationError hands back one it is given.)
				if (!continueOnFail) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				outcomes[itemIndex] = { ok: false, error };
			}
		}

		// Requests in the order of their first item: one per team and group, MAX_PER_REQUEST items at most.
		const requests: Array<Array<Queued<Part>>> = [];
		const open = new Map<string, Array<Queued<Part>>>();
		for (const entry of queued) {
			const key = JSON.stringify([entry.team, entry.group ?? null]);
			let request = open.get(key);
			if (!request || request.length === MAX_PER_REQUEST) {
				request = [];
				open.set(key, request);
				requests.push(request);
			}
			request.push(entry);
		}

		const succeeded: number[] = [];
		for (const [r, request] of requests.entries()) {
			const first = request[0];
			const built = spec.request(request.map((entry) => entry.part), first.group);
			const call = { ...built, path: `/teams/${first.team}${built.path}`, secrets: request.flatMap((entry) => entry.secrets) };
			let response: DtsResponse;
			try {
				response = await dtsRequest.call(this, call, settingsOf(first.itemIndex), first.itemIndex);
			} catch (error) {
				const items = request.map((entry) => entry.itemIndex);
				for (const itemIndex of items) outcomes[itemIndex] = { ok: false, error };
				if (!continueOnFail) throw stopped(this, error, { succeeded, failed: items, unsent: requests.slice(r + 1), request: items });
				continue;
			}
			const data = unwrap(response);
			const results = isObject(data) && Array.isArray(data.results) ? (data.results as unknown[]).filter(isObject) : undefined;
			const refused: number[] = [];
			for (const [position, entry] of request.entries()) {
				const result = results && spec.resultOf(results, entry.part, position);
				if (!result) {
					const why = response.unreadable ? `its answer could not be read (${response.unreadable})` : results ? `its answer has no result for this ${thing}` : 'its answer has no data.results';
					outcomes[entry.itemIndex] = { ok: true, json: unknown(response, call, why) };
				} else if (result.status === 'success') {
					outcomes[entry.itemIndex] = { ok: true, json: spec.output(result, entry.part) };
					succeeded.push(entry.itemIndex);
				} else {
					outcomes[entry.itemIndex] = { ok: false, error: refusal(this, response, result, entry.itemIndex) };
					refused.push(entry.itemIndex);
				}
			}
			if (refused.length && !continueOnFail) {
				throw stopped(this, outcomes[refused[0]] && (outcomes[refused[0]] as { error: unknown }).error, { succeeded, failed: refused, unsent: requests.slice(r + 1) });
			}
		}
		return outcomes;
	}

	/** One item the API refused inside a 2xx: its code, message and field errors, masked. */
	function refusal(context: IExecuteFunctions, response: DtsResponse, result: IDataObject, itemIndex: number) {
		const { masker } = response;
		const code = typeof result.error_code === 'string' ? masker.text(result.error_code) : 'ITEM_REFUSED';
		const said = typeof result.message === 'string' ? masker.text(result.message) : `The ${thing} was not ${done}`;
		const fields = (Array.isArray(result.validation_errors) ? result.validation_errors : []).filter(isObject);
		const description = fields.map((f) => masker.text(`${String(f.field_id)}: ${String(f.message ?? f.error_code)}`)).join('; ');
		const error = itemError(context.getNode(), { code, message: `${said} (${code})`, description, itemIndex, http_code: response.statusCode, request_id: response.requestId });
		if (fields.length) (error.context.dts as IDataObject).validation_errors = fields.map((f) => ({ ...f, message: masker.text(String(f.message ?? '')) }));
		return error;
	}

	/** The error a run stops on: this item's cause, and which items were done, refused or never sent. */
	function stopped(
		context: IExecuteFunctions,
		cause: unknown,
		{ succeeded, failed, unsent, request }: { succeeded: number[]; failed: number[]; unsent: Array<Array<Queued<Part>>>; request?: number[] },
	) {
		const { message, code, http_code, request_id, description } = errorDetails(cause);
		const notSent = unsent.flat().map((entry) => entry.itemIndex);
		const facts = [
			succeeded.length ? `${thing[0].toUpperCase()}${thing.slice(1)}s ${done}, do not run these items again: ${list(succeeded)}.` : `No ${thing} was ${done}.`,
			request ? `The request for items ${list(request)} failed: the ${thing}s may have been ${done}; find them ${findIt} before running them again.` : `Refused: items ${list(failed)}.`,
			notSent.length ? `Not sent: items ${list(notSent)}.` : '',
			description,
		];
		return itemError(context.getNode(), {
			code,
			message: `${message} (item ${failed[0]}; ${succeeded.length} of the run's items were ${done})`,
			description: facts.filter(Boolean).join(' '),
			itemIndex: failed[0],
			http_code,
			request_id,
		});
	}

	return { fields: [teamIdField(show), ...spec.fields(show)], executeMany };
}
