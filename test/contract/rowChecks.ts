/**
 * What a run of one operation row against a dynamic mock must come to, shared by the older
 * references' dynamic suite (dynamic.test.ts) and the newest's (newest.dynamic.test.ts):
 *
 * Each answer Prism finds valid (its own verdict rides on the answer) must come out as items, one
 * per element of a list, never as "did not have the documented shape". A write whose valid 2xx
 * answer lacks what the node wants must not invite a repeat: it comes out as an item that holds
 * what the API sent and names what was missing and the request id, or as an error that says the
 * write was carried out and must not be repeated, with the request id. An answer Prism itself finds
 * invalid (a generated value that breaks its schema) must not crash the node; what the node makes
 * of it is not checked.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RunResult } from '../engine/harness';
import { rowName } from './operations';
import type { OperationRow } from './operations';
import { responseProblems } from './prism';
import { answerData, answerRequestId, showError, showExchange } from './support';
import type { Exchange } from './support';

/** What a failure message says about the run: the seed (to repeat it), the exchanges, the outcome. */
export function report(row: OperationRow, seed: string, exchanges: Exchange[], result: RunResult, mock = 'the dynamic mock'): string {
	return [
		`${rowName(row)} against ${mock}, seed ${seed} (Prism answers the same request the same way every run)`,
		...exchanges.map(showExchange),
		...exchanges.map((exchange) => `  answer: ${exchange.responseBody.slice(0, 1500)}`),
		`  node: ${result.error ? showError(result.error) : `${result.output?.length ?? 0} item(s)`}`,
	].join('\n');
}

const SHAPE_ERROR = /did not have the documented shape/;

/** The error says plainly that the write happened and must not be repeated, with the request id. */
function saysCarriedOut(error: NonNullable<RunResult['error']>, requestId: string | undefined): boolean {
	const text = `${error.message}\n${error.description ?? ''}`;
	return /carried out/i.test(text) && /not be repeated|do not (repeat|run it again|send it again)|must not (be )?(run|sent|repeated) again/i.test(text) && (requestId === undefined || text.includes(requestId));
}

/** n8n shows the node's own errors; anything else (a TypeError, say) is a crash. */
export const isNodeError = (error: unknown) => ['NodeApiError', 'NodeOperationError'].includes(String((error as Error | undefined)?.name));

/** The fields a write hands on that its answer's data does not give (absent or null). */
function lacks(row: OperationRow, answer: Exchange | undefined): string[] {
	const data = answer && (answerData(answer) as IDataObject | undefined);
	if (!row.needs || !data || typeof data !== 'object') return [];
	return row.needs.filter((field) => data[field] === undefined || data[field] === null);
}

/** Whether some text in the item (a value, not a key) names `text`, as a word (`id` is not in "did"). */
function mentions(value: unknown, text: string): boolean {
	if (typeof value === 'string') return new RegExp(`(?<![\\w])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`).test(value);
	if (Array.isArray(value)) return value.some((entry) => mentions(entry, text));
	if (value && typeof value === 'object') return Object.values(value).some((entry) => mentions(entry, text));
	return false;
}

function expectedItems(row: OperationRow, answers: Exchange[]): number {
	if (!row.list) return 1;
	return answers.reduce((sum, exchange) => sum + ((answerData(exchange) as unknown[] | undefined)?.length ?? 0), 0);
}

/**
 * Throws unless the run came to what the file's header says. The exchanges must already have been
 * held to the reference (expectValidRequests) and to the row's calls.
 */
export function expectDynamicOutcome(row: OperationRow, seed: string, exchanges: Exchange[], result: RunResult, mock?: string): void {
	const why = () => report(row, seed, exchanges, result, mock);
	const answers = exchanges.filter((exchange) => exchange.status >= 200 && exchange.status < 300);
	const schemaValid = answers.length === exchanges.length && exchanges.every((exchange) => responseProblems(exchange).length === 0);
	const { error } = result;
	if (!schemaValid) {
		// Not an answer the reference allows: the node may refuse it, but must not crash on it.
		if (error && !isNodeError(error)) throw new Error(`The node crashed on an answer Prism found invalid:\n${why()}`);
		return;
	}
	if (error) {
		const requestId = answers.map(answerRequestId).find((id) => id !== undefined);
		if (SHAPE_ERROR.test(String(error.description))) {
			throw new Error(`A valid answer was reported as not having the documented shape:\n${why()}`);
		}
		if (row.write && saysCarriedOut(error, requestId)) return;
		if (row.refusal?.when(answerData(answers[0]) as IDataObject) && row.refusal.message.test(error.message)) return;
		throw new Error(`${row.write ? 'A write\'s valid answer gave an error that does not say the write was carried out and must not be repeated (with its request id)' : 'A valid answer gave an error, not items'}:\n${why()}`);
	}
	const items = (result.output ?? []).map((item) => item.json as IDataObject);
	if (items.length !== expectedItems(row, answers)) {
		throw new Error(`${items.length} item(s) out of an answer that holds ${expectedItems(row, answers)}:\n${why()}`);
	}
	for (const item of items) expect(typeof item).toBe('object');
	const lacking = lacks(row, answers[0]);
	if (lacking.length > 0) {
		// The write happened: its item must say so, with what the API sent and what it left out.
		const [item] = items;
		const data = answerData(answers[0]) as IDataObject;
		const requestId = answerRequestId(answers[0]);
		const unsaid = [
			...Object.keys(data).filter((key) => !(key in item)).map((key) => `the answer's ${key}`),
			...lacking.filter((field) => !mentions(item, field)).map((field) => `that ${field} was missing`),
			...(requestId !== undefined && !mentions(item, requestId) ? [`the request id ${requestId}`] : []),
		];
		if (unsaid.length) throw new Error(`The item of a write whose answer lacks ${lacking.join(', ')} does not give ${unsaid.join(', ')}:\n${why()}\n  item: ${JSON.stringify(item).slice(0, 1500)}`);
	}
}
