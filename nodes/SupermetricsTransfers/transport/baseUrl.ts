/**
 * The one reading of the credential's Base URL, shared by every run, list search and the
 * credential test (through the credential's `authenticate`), so all three send the key to the
 * same place or refuse the same way.
 */

/** The public DTS API. */
export const DEFAULT_BASE_URL = 'https://dts-api.supermetrics.com/v1';
/**
 * The default host has no read-only DTS endpoint, so the credential test checks the key on the
 * query API's GET /me, as Supermetrics' own n8n package does. It is the only other origin the key
 * may go to, and only with the default Base URL.
 */
export const QUERY_API_ORIGIN = 'https://api.supermetrics.com';

/** Plain http is only for a sandbox or a proxy on this machine. */
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
const isLoopback = (hostname: string) => LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);

const USER_INFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

export class BaseUrlError extends Error {}

/** A URL as it may be shown: any user info replaced, so a password typed into it never prints. */
export function showUrl(raw: string): string {
	return raw.replace(USER_INFO, (match) => `${match.slice(0, match.indexOf('//') + 2)}***@`);
}

/**
 * The Base URL without trailing slashes, after the checks: http(s) only, https except on
 * loopback, no user info, query or fragment. Throws a BaseUrlError that never repeats user info.
 */
export function normalizeBaseUrl(value: unknown): string {
	const raw = String(value ?? '').trim() || DEFAULT_BASE_URL;
	const refuse = (why: string) =>
		new BaseUrlError(`The credential's Base URL ${JSON.stringify(showUrl(raw))} ${why}`);
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw refuse('is not a URL');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('is not an http(s) URL');
	if (url.username || url.password || USER_INFO.test(raw)) {
		throw refuse('must not contain a user name or password');
	}
	if (raw.includes('?') || raw.includes('#')) throw refuse('must not contain a query (?) or fragment (#)');
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		throw refuse('must use https: plain http would carry the API key in clear text (http is only for localhost)');
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Where the credential test calls GET /me for this (checked) Base URL. */
export function credentialTestBase(baseUrl: string): string {
	return baseUrl === DEFAULT_BASE_URL ? QUERY_API_ORIGIN : baseUrl;
}
