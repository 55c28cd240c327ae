/**
 * The API hosts the credential's key may go to, read one way by every run, list search and the
 * credential test (through the credential's `authenticate`), so that all of them send the key to
 * the same places or refuse the same way: the DTS API (Base URL), and on the Supermetrics API URL
 * the data source login links and logins (at its root) and the table groups (below
 * /enterprise/v2, as the newest reference's servers give them).
 */

/** Where a call goes: the DTS API, the Supermetrics API's logins, or its table groups. */
export type Api = 'dts' | 'logins' | 'tableGroups';

/** The public DTS API. */
export const DEFAULT_BASE_URL = 'https://dts-api.supermetrics.com/v1';
/** The public Supermetrics API, which serves /ds/login* and /ds/logins (its own host, no /v1). */
export const DEFAULT_API_URL = 'https://api.supermetrics.com';

/** The credential's two URL fields, with their labels and defaults. */
export const URL_FIELDS = {
	baseUrl: { label: 'Base URL', default: DEFAULT_BASE_URL },
	apiUrl: { label: 'Supermetrics API URL', default: DEFAULT_API_URL },
} as const;

export interface Host {
	/** The credential field the API's URL is read from. */
	field: keyof typeof URL_FIELDS;
	label: string;
	default: string;
	/** The API's base below that URL: the table groups' server is https://api.supermetrics.com/enterprise/v2. */
	below: string;
	/** The API's own paths, below its base: the key goes to no other. */
	paths: RegExp;
	/**
	 * Its reference makes an answer's `meta` and `data` optional (the logins and table groups
	 * answers declare no `required`): `{data}` without meta is wrapped, a list without data is empty.
	 */
	looseEnvelope: boolean;
}

export const HOSTS: Record<Api, Host> = {
	dts: { field: 'baseUrl', ...URL_FIELDS.baseUrl, below: '', paths: /^\/teams\//, looseEnvelope: false },
	logins: { field: 'apiUrl', ...URL_FIELDS.apiUrl, below: '', paths: /^\/ds\/login/, looseEnvelope: true },
	tableGroups: { field: 'apiUrl', ...URL_FIELDS.apiUrl, below: '/enterprise/v2', paths: /^\/table\/(groups$|group\/)/, looseEnvelope: true },
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

/** Each API's URL from a credential's data: its field's URL, checked, and the API's base below it. */
export function hostUrls(credentials: Record<string, unknown>): Record<Api, string> {
	const url = (api: Api) => `${normalizeUrl(credentials[HOSTS[api].field], api)}${HOSTS[api].below}`;
	return { dts: url('dts'), logins: url('logins'), tableGroups: url('tableGroups') };
}

/**
 * Which API a request URL belongs to, and its path below that API's URL: it must lie below one of
 * the checked URLs (same origin, under its path) and be one of that API's own paths, so that a DTS
 * call never goes to the Supermetrics API nor the other way round, even when both share an origin,
 * and the key goes to /enterprise/v2 only for a table group's path (`…/enterprise/v2/table/group…`).
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
