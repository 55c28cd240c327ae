import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

/** How items are sent: in batches, with a pause between batches and a cap on requests in flight. */
export interface BatchPlan {
	batchSize: number;
	batchIntervalMs: number;
	concurrency: number;
}

/** Without the Batching option: one item after another, as n8n nodes usually do. */
export function batchPlan(options: IDataObject, itemCount: number): BatchPlan {
	const batch = (options.batching as IDataObject | undefined)?.batch as IDataObject | undefined;
	if (!batch) return { batchSize: itemCount, batchIntervalMs: 0, concurrency: 1 };
	const batchSize = Number(batch.batchSize ?? 50);
	const concurrency = Number(batch.concurrency ?? 0);
	const size = batchSize > 0 ? batchSize : itemCount;
	return {
		batchSize: size,
		batchIntervalMs: Math.max(0, Number(batch.batchInterval ?? 1000)),
		concurrency: concurrency > 0 ? Math.min(concurrency, size) : size,
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
