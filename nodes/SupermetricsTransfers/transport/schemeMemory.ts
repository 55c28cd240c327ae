import { sleep } from 'n8n-workflow';

import type { Scheme } from './schemes';

/**
 * Which form of the Authorization header a credential's key was accepted with, kept for the n8n
 * process (n8n loads a node's code once per process: main and each worker keep their own). So on an
 * API that takes only the key alone, a default credential meets one 401 per process and credential,
 * not one per execution or trigger poll. What is kept is the form, by the credential's id and its
 * two URLs, never the key: a key changed later costs at most one more refused request.
 */

/**
 * How long a request waits for the first answer of its credential while no form is known. Short:
 * the requests waiting may be other executions' (a worker runs ten at once), and the first may be
 * a write the API takes long to answer. Past it, a request goes on its own, and at worst is
 * refused for its form once and sent again with the other.
 */
export const FIRST_ANSWER_WAIT_MS = 10000;

/** Credentials remembered per process; past this the longest unused is forgotten. */
export const MAX_REMEMBERED = 1000;

const accepted = new Map<string, Scheme>();
const probing = new Map<string, Promise<void>>();

export interface SchemeMemory {
	/** The form the key was last accepted with, if any. */
	get(): Scheme | undefined;
	set(scheme: Scheme): void;
	/**
	 * Runs a request. While no form is known, only one request of the credential runs at a time
	 * (the others wait for it, each at most `waitMs`, then go on their own): of requests sent side
	 * by side and answered within that wait, one at most is refused for its form.
	 */
	first<T>(waitMs: number, send: () => Promise<T>): Promise<T>;
}

/** The process-wide memory of one credential (by its id and URLs), or one for this run only when n8n gives no id. */
export function schemeMemory(credentialId: string | undefined, urls: string[]): SchemeMemory {
	if (!credentialId) {
		let known: Scheme | undefined;
		return { get: () => known, set: (scheme) => (known = scheme), first: async (_waitMs, send) => await send() };
	}
	const id = JSON.stringify([credentialId, ...urls]);
	return {
		get() {
			const scheme = accepted.get(id);
			if (scheme) {
				accepted.delete(id);
				accepted.set(id, scheme);
			}
			return scheme;
		},
		set(scheme) {
			accepted.delete(id);
			accepted.set(id, scheme);
			if (accepted.size > MAX_REMEMBERED) accepted.delete(accepted.keys().next().value as string);
		},
		async first(waitMs, send) {
			const deadline = Date.now() + waitMs;
			for (let waiting = probing.get(id); waiting && !accepted.has(id); waiting = probing.get(id)) {
				const left = deadline - Date.now();
				if (left <= 0) return await send();
				await Promise.race([waiting, sleep(left)]);
			}
			if (accepted.has(id)) return await send();
			let done = () => {};
			probing.set(id, new Promise<void>((resolve) => (done = resolve)));
			try {
				return await send();
			} finally {
				probing.delete(id);
				done();
			}
		},
	};
}
