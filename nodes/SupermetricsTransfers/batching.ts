import { sleep } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { BATCH_INTERVAL, BATCH_SIZE, checkInteger, CONCURRENCY } from './validation';

/** How items are sent: in batches, with a pause between batches and a cap on requests in flight. */
export interface BatchPlan {
	batchSize: number;
	batchIntervalMs: number;
	concurrency: number;
}

/** Bounds of the Batching option, as the README states them. */
export const BATCHING = {
	batchSize: { min: -1, max: 100_000, default: 50 },
	batchIntervalMs: { min: 0, max: 3_600_000, default: 1000 },
	/** 0 sends the whole batch at once, and never more than `max` requests are in flight. */
	concurrency: { min: 0, max: 1000, default: 0 },
};

/**
 * Without the Batching option: one item after another, as n8n nodes usually do. The option is
 * read once per run (from the first item) and each number checked where it is read.
 */
export function batchPlan(node: INode, options: IDataObject, itemCount: number): BatchPlan {
	const batch = (options.batching as IDataObject | undefined)?.batch as IDataObject | undefined;
	if (!batch) return { batchSize: Math.max(1, itemCount), batchIntervalMs: 0, concurrency: 1 };
	const read = (field: typeof BATCH_SIZE, value: unknown, bounds: { min: number; max: number; default: number }) =>
		checkInteger(node, field, value ?? bounds.default, 0, bounds.min, bounds.max);
	const batchSize = read(BATCH_SIZE, batch.batchSize, BATCHING.batchSize);
	const concurrency = read(CONCURRENCY, batch.concurrency, BATCHING.concurrency);
	// 0 and -1 both mean "all items in one batch".
	const size = batchSize > 0 ? batchSize : Math.max(1, itemCount);
	return {
		batchSize: size,
		batchIntervalMs: read(BATCH_INTERVAL, batch.batchInterval, BATCHING.batchIntervalMs),
		concurrency: Math.min(concurrency > 0 ? concurrency : size, size, BATCHING.concurrency.max),
	};
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `step` for items 0..count-1 following the plan and hands each batch's results, in item
 * order, to `collect` before the next batch starts. With `stopOnError`, a failure starts no
 * further item (the execution is about to stop there). A batch always settles completely, so
 * no request is left in flight when `collect` throws.
 */
export async function runInBatches<T>(
	count: number,
	plan: BatchPlan,
	stopOnError: boolean,
	step: (itemIndex: number) => Promise<T>,
	collect: (itemIndex: number, result: Settled<T>) => void,
): Promise<void> {
	let failed = false;
	for (let start = 0; start < count; start += plan.batchSize) {
		if (start > 0 && plan.batchIntervalMs > 0) await sleep(plan.batchIntervalMs);
		const end = Math.min(count, start + plan.batchSize);
		const results: Array<Settled<T>> = new Array(end - start);
		let next = start;
		const worker = async () => {
			while (next < end && !(stopOnError && failed)) {
				const itemIndex = next++;
				try {
					results[itemIndex - start] = { ok: true, value: await step(itemIndex) };
				} catch (error) {
					results[itemIndex - start] = { ok: false, error };
					failed = true;
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(plan.concurrency, end - start) }, worker));
		// Items never started (after a failure) have no result; collecting stops at the failure.
		for (let i = start; i < end && results[i - start]; i++) collect(i, results[i - start]);
	}
}
