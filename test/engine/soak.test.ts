/**
 * A reduced fault soak (npm run soak runs the full one): chaos in, exactly one item out per item.
 * Memory is judged only by the full soak, which samples after forced collections; a few seconds
 * of a jest worker's RSS say nothing either way.
 */
import { runSoak } from '../../scripts/soak';
import { API_CANARY, useSandbox } from './support';

const ctx = useSandbox();

test('200 items in chaos: one output each, in order; only 429s retried; key never shown', async () => {
	const report = await runSoak({ url: ctx.sandbox.url, apiKey: API_CANARY, items: 200, concurrency: 10, timeoutMs: 2000, slowMs: 3000, seed: 7, checkMemory: false });
	expect(report.problems).toEqual([]);
	expect(report.outputs).toBe(200);
	// The chaos really happened, so the checks above had something to check.
	expect(report.retried429).toBeGreaterThan(5);
	expect(report.outcomes.INTERNAL_SERVER_ERROR).toBeGreaterThan(0);
	expect(report.outcomes.created).toBeGreaterThan(150);
}, 60000);
