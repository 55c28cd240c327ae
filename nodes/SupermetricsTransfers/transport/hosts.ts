/**
 * The two API hosts the credential's key may go to, read one way by every run, list search and
 * the credential test (through the credential's `authenticate`), so that all of them send the key
 * to the same places or refuse the same way: the DTS API (Base URL) and the Supermetrics API
 * (data source login links and logins).
 */

/** Where a call goes: the DTS API, or the Supermetrics API for login links and logins. */
export type Api = 'dts' | 'logins';

/** The public DTS API. */
export const DEFAULT_BASE_URL = 'https://dts-api.supermetrics.com/v1';
/** The public Supermetrics API, which serves /ds/login* and /ds/logins (its own host, no /v1). */
export const DEFAULT_API_URL = 'https://api.supermetrics.com';

/** The credential field each API's URL is read from, with its label and default. */
export const HOSTS: Record<Api, { field: 'baseUrl' | 'apiUrl'; label: string; default: string; paths: RegExp }> = {
	dts: { field: 'baseUrl', label: 'Base URL', default: DEFAULT_BASE_URL, paths: /^\/teams\// },
	logins: { field: 'apiUrl', label: 'Supermetrics API URL', default: DEFAULT_API_URL, paths: /^\/ds\/login/ },
};

/** Plain http is only for a sandbox or a proxy on this machine. */
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
const isLoopback = (hostname: string) => LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);

const USER_INFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

export class HostUrlError extends Error {}

/** A URL as it may be shown: any user info replaced, so a password typed into it never prints. */
export function showUrl(raw: string): string {
	return raw.replace(USER_INFO, (match) => `${match.slice(0, match.indexOf('//') + 2)}***@`);
}

/**
 * One of the credential's URLs without trailing slashes, after the checks: http(s) only, https
 * except on loopback, no user info, query or fragment; empty is the API's default. Throws a
 * HostUrlError that names the field and never repeats user info.
 */
export function normalizeUrl(value: unknown, api: Api = 'dts'): string {
	const { label, default: fallback } = HOSTS[api];
	const raw = String(value ?? '').trim() || fallback;
	const refuse = (why: string) => new HostUrlError(`The credential's ${label} ${JSON.stringify(showUrl(raw))} ${why}`);
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

/** Both checked URLs of a credential's data. */
export function hostUrls(credentials: Record<string, unknown>): Record<Api, string> {
	return { dts: normalizeUrl(credentials.baseUrl, 'dts'), logins: normalizeUrl(credentials.apiUrl, 'logins') };
}

/**
 * Which API a request URL belongs to, and its path below that API's URL: it must lie below one of
 * the two checked URLs (same origin, under its path) and be one of that API's own paths, so that a
 * DTS call never goes to the logins host nor the other way round, even when both share an origin.
 */
export function locate(url: string, hosts: Record<Api, string>): { api: Api; path: string } | undefined {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return undefined;
	}
	const full = `${target.origin}${target.pathname}`;
	for (const api of Object.keys(HOSTS) as Api[]) {
		const base = hosts[api];
		if (!full.startsWith(`${base}/`)) continue;
		const path = full.slice(base.length);
		if (HOSTS[api].paths.test(path)) return { api, path };
	}
	return undefined;
}
