/**
 * What the contract test files share: their Prism mocks (started once per file, stopped after its
 * last test), the credential that points the node at them, and the checks of what Prism saw.
 */
import type { IDataObject } from 'n8n-workflow';

import { logLines } from '../engine/logs';
import { describeExchange, logProblems, requestProblems, responseProblems, startPrism } from './prism';
import type { Exchange, Mock, PrismOptions } from './prism';

export type { Exchange, Mock };

/** Not a real key: the mocks check the Authorization header's form (scheme), not its value. */
export const API_KEY = 'contract-test-key';

/** Ids from the reference's own examples, so that the static mock's answers are about them. */
export const TEAM = '936506';
export const TRANSFER_INT32 = '36091';
export const TRANSFER_INT64 = '456789';
export const DESTINATION = '8';
export const BACKFILL = '12345';
export const TRANSFER_RUN = '12345';
/** Ids of the logins reference's examples. */
export const LINK = 'lnk_1001';
export const LOGIN = '2830600';

/** A resource locator as the editor saves it: a numeric id typed By ID, a code typed By Code. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const byCode = (value: string) => ({ __rl: true, mode: 'code', value });
/** Other Settings as the editor saves them. */
export const byName = (values: Record<string, unknown>) => ({ entries: Object.entries(values).map(([name, value]) => ({ name, value })) });

/**
 * The dynamic mocks' seeds. Prism restarts its generator from the seed for every answer, so a seed
 * is one answer per operation, the same on every run (all but meta.request_id, which the
 * reference has faker draw, outside the seed). Picked from seeds 1 to 16 for what their
 * answers hold: Transfer Create's transfer_id present (2), absent (3), negative (15); a
 * destination Prism itself finds invalid (2: a null setting value breaks its oneOf), one with an
 * id (3), one with id null (15).
 */
export const SEEDS = ['2', '3', '15'];

/** The DTS reference's examples; a request Prism finds invalid is refused (--errors). */
export const STATIC_DTS: PrismOptions = { spec: 'dts', label: 'DTS Prism (static, --errors)' };
export const STATIC_LOGINS: PrismOptions = { spec: 'logins', label: 'logins Prism (static, --errors)' };
/** Answers at random within the DTS reference's schemas, from a seed. */
export const dynamicDts = (seed: string): PrismOptions => ({ spec: 'dts', dynamic: true, seed, label: `DTS Prism (dynamic, seed ${seed})` });
export const seeded = (): Record<string, PrismOptions> => Object.fromEntries(SEEDS.map((seed) => [seed, dynamicDts(seed)]));
/** Likewise for the logins reference, one per seed, named logins-<seed>. */
export const dynamicLogins = (seed: string): PrismOptions => ({ spec: 'logins', dynamic: true, seed, label: `logins Prism (dynamic, seed ${seed})` });
export const seededLogins = (): Record<string, PrismOptions> => Object.fromEntries(SEEDS.map((seed) => [`logins-${seed}`, dynamicLogins(seed)]));

/**
 * The newest reference (Management API Reference 2.0.0): one mock of its derived copy (prism.js
 * newestCopy) serves both APIs on one origin. Statically with --errors, and at random per seed.
 */
export const STATIC_NEWEST: PrismOptions = { spec: 'newest', label: 'newest Prism (static, --errors)' };
export const dynamicNewest = (seed: string): PrismOptions => ({ spec: 'newest', dynamic: true, seed, label: `newest Prism (dynamic, seed ${seed})` });
/** One per seed, named newest-<seed>. */
export const seededNewest = (): Record<string, PrismOptions> => Object.fromEntries(SEEDS.map((seed) => [`newest-${seed}`, dynamicNewest(seed)]));

/** Prism takes seconds to read the 4000-line reference; on two busy cores, more. */
const START_TIMEOUT_MS = 180_000;

/**
 * Starts the given mocks once for the file (all at once), and stops them after its last test,
 * failing the file if a process or a port is left behind. Each test starts with no exchanges.
 */
export function useMocks(options: Record<string, PrismOptions>): Record<string, Mock> {
	const mocks: Record<string, Mock> = {};
	const names = Object.keys(options);
	beforeAll(async () => {
		const started = await Promise.allSettled(names.map(async (name) => startPrism({ label: name, ...options[name] })));
		started.forEach((result, i) => {
			if (result.status === 'fulfilled') mocks[names[i]] = result.value;
		});
		const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failed) throw failed.reason;
	}, START_TIMEOUT_MS);
	beforeEach(async () => {
		// What Prism logs about a test's requests may come after the test (one that failed early
		// did not wait for it): let it in now, so that a test reads only its own lines.
		await Promise.all(names.map(async (name) => mocks[name]?.settle()));
		for (const name of names) mocks[name]?.take();
		// n8n's log of the runs (their errors), captured rather than printed, as in the engine tests.
		logLines.length = 0;
	});
	afterAll(async () => {
		const stopped = await Promise.allSettled(names.filter((name) => mocks[name]).map(async (name) => mocks[name].stop()));
		const failed = stopped.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failed) throw failed.reason;
	}, 60_000);
	return mocks;
}

/** The credential's data, pointing both APIs at mocks. */
export function credentials(dts: Mock, logins?: Mock): IDataObject {
	return { apiKey: API_KEY, baseUrl: dts.url, ...(logins ? { apiUrl: logins.url } : {}) };
}

/**
 * The credential's data for the newest mock: both URLs on its one origin, as the newest
 * reference's servers put them (Base URL …/v1 for /v1/teams/…; Supermetrics API URL at the root
 * for /ds/… and /enterprise/v2/table/…). The Authorization Header Format is left unset: the default.
 */
export function newestCredentials(mock: Mock): IDataObject {
	return { apiKey: API_KEY, baseUrl: `${mock.url}/v1`, apiUrl: mock.url };
}

let credentialIds = 0;
/**
 * A credential id no run has used yet. The node remembers per n8n process which Authorization form
 * a credential (by id and URLs) was accepted with: a fresh id makes the run's first request the one
 * a default credential sends before it knows anything.
 */
export const freshCredentialId = (what: string): string => `contract-${what}-${++credentialIds}`;

/**
 * Fails unless every request carried `Authorization: Bearer <key>` (the newest reference's only
 * scheme, on every path) and none was refused for it: no 401, no security violation from Prism.
 * With a fresh credential (freshCredentialId) the first request is the default credential's first
 * try, so a second try with the key alone would show here as a request without Bearer.
 */
export function expectBearerAccepted(exchanges: Exchange[], context: string): void {
	const bearer = `Bearer ${API_KEY}`;
	const wrong = exchanges.filter(
		(exchange) =>
			exchange.headers.authorization !== bearer ||
			exchange.status === 401 ||
			exchange.violations.some((v) => v.location?.[0] === 'request' && (String(v.code) === '401' || /security/i.test(v.message))),
	);
	if (wrong.length === 0) return;
	throw new Error(
		[
			`${context}: ${wrong.length} of ${exchanges.length} request(s) did not carry "Authorization: Bearer <key>" or were refused for it:`,
			...exchanges.map((exchange) => `  ${describeExchange(exchange)}  Authorization: ${exchange.headers.authorization === undefined ? '(none)' : exchange.headers.authorization.replace(API_KEY, '<key>')}${wrong.includes(exchange) ? '  ✖' : ''}`),
			...wrong.flatMap((exchange) => responseProblems(exchange).length || requestProblems(exchange).length ? [showExchange(exchange)] : []),
		].join('\n'),
	);
}

/** Repeated lines once, with how often they came (a trigger repeats its requests every poll). */
function once(lines: string[]): string[] {
	const counts = new Map<string, number>();
	for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
	return [...counts].map(([line, count]) => (count > 1 ? `${line}\n    (×${count})` : line));
}

/** An exchange as a failure message shows it: the request, Prism's answer and its verdict. */
export function showExchange(exchange: Exchange): string {
	const lines = [`  ${describeExchange(exchange)} [answered by ${exchange.upstream}]`];
	if (exchange.body) lines.push(`    request body: ${exchange.body.slice(0, 2000)}`);
	for (const problem of requestProblems(exchange)) lines.push(`    ✖ request: ${problem}`);
	for (const problem of responseProblems(exchange)) lines.push(`    (Prism on its own answer: ${problem})`);
	if (exchange.status >= 300 || exchange.prismError) lines.push(`    answer: ${exchange.responseBody.slice(0, 1000)}`);
	return lines.join('\n');
}

/**
 * Fails unless Prism found every request valid: method and path of a spec operation, its path and
 * query parameters, its body, its security scheme. Also reads Prism's log for the same: nothing it
 * logged about these requests may be a validation error or warning. `context` says what ran.
 */
export async function expectValidRequests(mock: Mock, exchanges: Exchange[], context: string, logFrom?: number): Promise<void> {
	await mock.settle();
	const invalid = exchanges.filter((exchange) => requestProblems(exchange).length > 0);
	// A server line names its request's path: one about a path none of these requests had came from
	// something else on this machine that found Prism's port (seen: another suite's
	// GET /healthz/readiness), not from the node.
	const paths = new Set(exchanges.map((exchange) => exchange.path));
	const logged = (logFrom === undefined ? [] : logProblems(mock.log, logFrom)).filter((line) => {
		const server = /\[HTTP SERVER\] [a-z]+ (\S+)/.exec(line);
		return !server || paths.has(server[1]);
	});
	if (invalid.length === 0 && logged.length === 0) return;
	throw new Error(
		[
			`${context}: Prism found ${invalid.length} of ${exchanges.length} request(s) invalid against ${mock.label}.`,
			...once(invalid.map(showExchange)),
			...(logged.length ? ['Prism\'s log for these requests:', ...once(logged.map((line) => `  ${line.replace(/^\[[^\]]*\] › /, '')}`))] : []),
			'All requests:',
			...once(exchanges.map((exchange) => `  ${describeExchange(exchange)}`)),
		].join('\n'),
	);
}

/**
 * The answer's `data` (wrapped `{meta, data}`) or the bare body, as the spec gives the operation;
 * the logins reference (its paths under /ds/) makes both meta and data optional: no data is none.
 */
export function answerData(exchange: Exchange): unknown {
	const body = exchange.responseJson as IDataObject | undefined;
	if (body && typeof body === 'object' && exchange.path.startsWith('/ds/')) return body.data ?? {};
	// The newest reference's table groups: `{meta, data}` with neither required, but Export's bare data model.
	if (body && typeof body === 'object' && exchange.path.startsWith('/enterprise/v2/table/')) return exchange.path.endsWith('/export') ? body : (body.data ?? {});
	if (body && typeof body === 'object' && 'meta' in body && 'data' in body) return body.data;
	return body;
}

/** `meta.request_id` of a wrapped answer. */
export function answerRequestId(exchange: Exchange): string | undefined {
	const meta = (exchange.responseJson as IDataObject | undefined)?.meta as IDataObject | undefined;
	return typeof meta?.request_id === 'string' ? meta.request_id : undefined;
}

/** An error as a failure message shows it. */
export function showError(error: { message?: string; description?: string | null; context?: unknown; name?: string } | undefined): string {
	if (!error) return 'no error';
	return `${error.name ?? 'Error'}: ${error.message}${error.description ? `\n    ${error.description}` : ''}`;
}
