/**
 * How the key goes in the Authorization header. Supermetrics' newest reference (Management API
 * Reference 2.0.0) declares one scheme on every path of both APIs: `Authorization: Bearer <key>`
 * (it names it ApiKeyAuth, of type http bearer). The older generation (SDK 0.5.1's spec, and the
 * Create Data Source Connection page the project started from) has the key alone on twenty DTS and
 * three logins paths. So Bearer goes first, and by default the key alone once after a 401, which
 * changes nothing; the form that was accepted is remembered for the credential (schemeMemory.ts).
 * test/unit/schemes.test.ts holds this against all three reference files.
 */

export type Scheme = 'bearer' | 'apiKey';

/** The credential's Authorization Header Format. */
export type AuthMode = 'perEndpoint' | 'bearer' | 'keyOnly';

/**
 * The default is stored as `perEndpoint`, its name when the references declared a scheme per path:
 * workflows and credentials saved since keep it. A credential saved before 0.2.0 holds `raw`
 * ("API Key Only"), which means the default too.
 */
export function authMode(value: unknown): AuthMode {
	return value === 'bearer' || value === 'keyOnly' ? value : 'perEndpoint';
}

/** What the newest reference declares for every path. */
export const DECLARED: Scheme = 'bearer';

const other = (scheme: Scheme): Scheme => (scheme === 'bearer' ? 'apiKey' : 'bearer');

/**
 * The schemes to try, in order: the credential's only one, or (default) the one the credential's
 * key was last accepted with, Bearer when none is known yet, and then the other.
 */
export function schemesToTry(mode: AuthMode, accepted?: Scheme): Scheme[] {
	if (mode === 'bearer') return ['bearer'];
	if (mode === 'keyOnly') return ['apiKey'];
	const first = accepted ?? DECLARED;
	return [first, other(first)];
}

export function authorization(key: string, scheme: Scheme): string {
	return scheme === 'bearer' ? `Bearer ${key}` : key;
}

/**
 * As the error messages show a scheme. No angle brackets: n8n renders an error's description as
 * HTML, where `<key>` would vanish.
 */
export function describeScheme(scheme: Scheme): string {
	return scheme === 'bearer' ? '"Authorization: Bearer [API key]"' : '"Authorization: [API key]" (the key alone)';
}

/**
 * The request header by which the transport asks the credential's `authenticate` for a scheme;
 * `authenticate` removes it, so it never leaves n8n.
 */
export const SCHEME_HEADER = 'x-supermetrics-transfers-scheme';
