import type { IHttpRequestMethods } from 'n8n-workflow';

import type { Api } from './hosts';

/**
 * How the key goes in the Authorization header, path by path, as the API references declare it:
 * `BearerAuth` (`Bearer <key>`) or `ApiKeyAuth` (the key alone). The DTS reference declares
 * BearerAuth on its five backfill operations and ApiKeyAuth on the other twenty; the logins
 * reference declares ApiKeyAuth on three operations and BearerAuth on the rest. Supermetrics' own
 * SDK sends Bearer everywhere, and its live tests pass with it on ApiKeyAuth paths too, so the
 * declared scheme is sent first and, in the default mode only, the other one once after a 401.
 * test/unit/schemes.test.ts holds this table against both references.
 */

export type Scheme = 'bearer' | 'apiKey';

/** The credential's Authorization Header Format. */
export type AuthMode = 'perEndpoint' | 'bearer' | 'keyOnly';

/**
 * A credential saved before 0.2.0 holds `raw`, then the default ("API Key Only"), which sent the
 * key alone everywhere and so was refused on the backfill paths: it now means the default.
 */
export function authMode(value: unknown): AuthMode {
	return value === 'bearer' || value === 'keyOnly' ? value : 'perEndpoint';
}

const ID = '[^/]+';

/** Each API's scheme, and the operations that declare the other one. */
const DECLARED: Record<Api, { scheme: Scheme; except: Array<[IHttpRequestMethods, RegExp]> }> = {
	dts: {
		scheme: 'apiKey',
		except: [
			['GET', new RegExp(`^/teams/${ID}/backfills$`)],
			['GET', new RegExp(`^/teams/${ID}/backfills/${ID}$`)],
			['PATCH', new RegExp(`^/teams/${ID}/backfills/${ID}$`)],
			['POST', new RegExp(`^/teams/${ID}/transfers/${ID}/backfills$`)],
			['GET', new RegExp(`^/teams/${ID}/transfers/${ID}/backfills/latest$`)],
		],
	},
	logins: {
		scheme: 'bearer',
		except: [
			['PATCH', new RegExp(`^/ds/login/link/${ID}$`)],
			['DELETE', new RegExp(`^/ds/login/${ID}$`)],
			['GET', new RegExp(`^/ds/login/${ID}/accounts$`)],
		],
	},
};

const other = (scheme: Scheme): Scheme => (scheme === 'bearer' ? 'apiKey' : 'bearer');

/** The scheme the reference declares for this operation (`path` below the API's URL). */
export function declaredScheme(api: Api, method: IHttpRequestMethods, path: string): Scheme {
	const { scheme, except } = DECLARED[api];
	return except.some(([m, pattern]) => m === method && pattern.test(path)) ? other(scheme) : scheme;
}

/** The schemes to try, in order: the declared one and then the other, or the credential's only. */
export function schemesToTry(mode: AuthMode, declared: Scheme): Scheme[] {
	if (mode === 'bearer') return ['bearer'];
	if (mode === 'keyOnly') return ['apiKey'];
	return [declared, other(declared)];
}

export function authorization(key: string, scheme: Scheme): string {
	return scheme === 'bearer' ? `Bearer ${key}` : key;
}

/**
 * As the error messages show a scheme: the header's form and the reference's name. No angle
 * brackets: n8n renders an error's description as HTML, where `<key>` would vanish.
 */
export function describeScheme(scheme: Scheme): string {
	return scheme === 'bearer' ? '"Authorization: Bearer [API key]" (BearerAuth)' : '"Authorization: [API key]" (ApiKeyAuth)';
}

/**
 * The request header by which the transport asks the credential's `authenticate` for a scheme
 * (the other one, after a 401); `authenticate` removes it, so it never leaves n8n.
 */
export const SCHEME_HEADER = 'x-supermetrics-transfers-scheme';
