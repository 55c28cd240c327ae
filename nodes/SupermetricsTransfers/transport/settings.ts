import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { checkInteger, MAX_RATE_LIMIT_WAIT, TIMEOUT } from '../validation';
import { hostUrls, URL_FIELDS } from './hosts';
import type { Api } from './hosts';
import { Masker } from './mask';
import { RateLimitQuota } from './quota';
import { schemeMemory } from './schemeMemory';
import type { SchemeMemory } from './schemeMemory';
import { authMode } from './schemes';
import type { AuthMode } from './schemes';

export const CREDENTIAL_TYPE = 'supermetricsTransfersApi';

/** The contexts that send requests: a node run, a list search, a trigger's poll. */
export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** Bounds of the request options, as the README states them. */
export const TIMEOUT_MS = { min: 1, max: 600_000, default: 30_000 };
export const RATE_LIMIT_WAIT_S = { min: 0, max: 3600, default: 60 };

/**
 * A pause every request of one run honours: when one item meets a 429, the others wait out the
 * same Retry-After instead of each finding the limit on its own.
 */
export class RateLimitPause {
	private until = 0;

	extend(ms: number): void {
		this.until = Math.max(this.until, Date.now() + ms);
	}

	remainingMs(): number {
		return Math.max(0, this.until - Date.now());
	}
}

/** What every request of one run shares: where to send, what to hide, the shared pause and quota. */
export interface Connection {
	/** Each API's URL from the credential's two (DTS Base URL, Supermetrics API URL), checked, no trailing slash. */
	hosts: Record<Api, string>;
	/** The credential's Authorization Header Format. */
	authMode: AuthMode;
	/** The Authorization form the credential's key was last accepted with, kept for the process. */
	schemes: SchemeMemory;
	/** Hides the API key in anything shown. */
	masker: Masker;
	pause: RateLimitPause;
	/** The key's hourly budget as the answers so far reported it. */
	quota: RateLimitQuota;
}

export interface RequestSettings extends Connection {
	/** The whole request's deadline: connecting, waiting and reading the answer. */
	timeoutMs: number;
	/** A 429 whose Retry-After is longer than this fails at once instead of waiting. */
	maxRateLimitWaitSeconds: number;
}

/**
 * The credential's URLs, header format and key, read once per run (or list search, or poll). The
 * key is read only to recognise it in answers; the credential's `authenticate` alone puts it on
 * requests.
 */
export async function connection(this: Context): Promise<Connection> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	let hosts: Record<Api, string>;
	try {
		hosts = hostUrls(credentials);
	} catch (error) {
		const defaults = Object.values(URL_FIELDS).map((field) => `${field.label} ${field.default}`).join(' and ');
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			description: `Leave ${defaults} as they are, or use an https proxy, or the sandbox on localhost. Nothing was sent.`,
		});
	}
	const key = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	return {
		hosts,
		authMode: authMode(credentials.authScheme),
		schemes: schemeMemory(this.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? undefined, Object.values(hosts)),
		masker: new Masker([key]),
		pause: new RateLimitPause(),
		quota: new RateLimitQuota(),
	};
}

/** The node's options for one item, each checked where it is read (expressions included). */
export function requestOptions(this: Context, shared: Connection, options: IDataObject, itemIndex: number): RequestSettings {
	const node = this.getNode();
	return {
		...shared,
		timeoutMs: checkInteger(node, TIMEOUT, options.timeout ?? TIMEOUT_MS.default, itemIndex, TIMEOUT_MS.min, TIMEOUT_MS.max),
		maxRateLimitWaitSeconds: checkInteger(
			node,
			MAX_RATE_LIMIT_WAIT,
			options.maxRateLimitWait ?? RATE_LIMIT_WAIT_S.default,
			itemIndex,
			RATE_LIMIT_WAIT_S.min,
			RATE_LIMIT_WAIT_S.max,
		),
	};
}

/** Settings with the default options, for list searches and polls. */
export async function requestSettings(this: Context, options: IDataObject = {}): Promise<RequestSettings> {
	return requestOptions.call(this, await connection.call(this), options, 0);
}
