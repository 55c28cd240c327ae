import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods, INode, JsonObject } from 'n8n-workflow';

import type { Api } from './hosts';
import type { Masker } from './mask';
import { isObject, parseJson, requestIdOf } from './read';

/**
 * Turning whatever went wrong into an error a person can act on: the cause first, with the API's
 * code; HTTP status, request id, hints and the API's other words in the description. Every text
 * is masked and capped before it is put in.
 */

/** What a failed item shows under Continue On Fail, in the API's own words. */
export interface DtsErrorDetails {
	code: string;
	http_code: number | null;
	request_id: string | null;
	description: string;
}

export interface ErrorParts extends DtsErrorDetails {
	message: string;
}

/** The API's own texts are at most 255 characters; a longer one came from elsewhere. */
export const MAX_MESSAGE = 300;
export const MAX_DESCRIPTION = 1500;
const SNIPPET = 160;

/** At most `max` characters, saying so when cut. */
export function cap(text: string, max: number): string {
	if (text.length <= max) return text;
	return `${text.slice(0, max)}… (cut: ${text.length} characters in all)`;
}

/** A write that may already have happened when its answer went missing or was a 5xx. */
export function mayHaveChanged(method: IHttpRequestMethods): boolean {
	return method !== 'GET' && method !== 'HEAD';
}

const WRITE_MAY_HAVE_HAPPENED =
	'The node does not retry a write after this: it may have been carried out. Check in Supermetrics Hub before running it again.';

/**
 * A short, masked excerpt of a body that is not the API's JSON: masked whole first (so no cut
 * can split a secret), then only its start is tidied (tags, white space), masked again (tidying
 * can join a secret a server spread over lines), and cut.
 */
export function snippet(text: string, masker: Masker): string {
	const start = masker.text(text).slice(0, SNIPPET * 20);
	const flat = start
		.replace(/<[^<>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return cap(masker.text(flat), SNIPPET).replace(/ \(cut: \d+ characters in all\)$/, '');
}

/**
 * n8n's editor renders an error's description as HTML, where an API's `<key>` or `<team_id>` would
 * vanish as an unknown tag: on screen those brackets read as ‹ ›. Only that copy changes; the text
 * a Continue On Fail item carries stays as the API wrote it.
 */
const onScreen = (text: string) => text.replace(/</g, '‹').replace(/>/g, '›');

export function dtsError(node: INode, parts: ErrorParts, itemIndex: number, masker: Masker): NodeApiError {
	const code = cap(masker.text(parts.code), 100);
	const message = cap(masker.text(parts.message), MAX_MESSAGE);
	const description = cap(masker.text(parts.description), MAX_DESCRIPTION);
	const requestId = parts.request_id === null ? null : cap(masker.text(parts.request_id), 100);
	const facts = [
		parts.http_code === null ? undefined : `HTTP ${parts.http_code}`,
		`code ${code}`,
		requestId ? `request_id ${requestId}` : undefined,
	]
		.filter(Boolean)
		.join(', ');
	// Only these masked facts go in: never the request, whose headers carry the key. The code is
	// not under `code`, where n8n would look it up in its table of socket errors.
	const shown = onScreen(`${description} [${facts}]`.trim());
	const error = new NodeApiError(node, { api_code: code, message, description } as JsonObject, {
		message,
		description: shown,
		httpCode: parts.http_code === null ? undefined : String(parts.http_code),
		itemIndex,
	});
	// n8n swaps a message that mentions a socket error code (ECONNRESET, EPERM, …) for a generic
	// one; the API's own words stay.
	error.message = message;
	error.description = shown;
	const details: DtsErrorDetails = { code, http_code: parts.http_code, request_id: requestId, description };
	error.context.dts = details as unknown as IDataObject;
	return error;
}

const CHECK_KEY = 'Check the API key in the Supermetrics Transfers API credential.';

const HINTS: Record<Api, Record<number, string>> = {
	dts: {
		401: CHECK_KEY,
		403: 'The key needs the dwh_transfers_write scope (dwh_transfers_read to read), and its owner the dwh.transfer.edit permission.',
	},
	logins: {
		401: CHECK_KEY,
		403: 'The key needs the scope this operation declares: ds_login_links_read or ds_login_links_write for login links, ds_logins_read or ds_logins_write for logins, ds_accounts_read for a login\'s accounts.',
	},
	tableGroups: {
		401: CHECK_KEY,
		// The reference declares no scope for table groups, and a 403 on Edit only.
		403: 'The key\'s owner may not change this team\'s table groups: ask a team admin (the API reference names no scope for table groups).',
	},
};

/** The API's own words from an error answer, or a plain account of a body that is not one. */
export function describeFailure(
	api: Api,
	method: IHttpRequestMethods,
	status: number,
	bodyText: string,
	contentType: string | undefined,
	masker: Masker,
): ErrorParts {
	const parsed = parseJson(bodyText);
	const body = parsed.ok ? parsed.value : undefined;
	// Most errors are {meta, error: {code, message, description}}; some are flat, {error: "CODE",
	// message}: the older logins reference's LinkNotFound and the like, and the table groups'
	// TABLE_GROUP_NOT_FOUND, TABLE_GROUP_NAME_CONFLICT, TABLE_GROUP_IMPORT_ERROR, … in the newest.
	const apiError = !isObject(body)
		? undefined
		: isObject(body.error)
			? body.error
			: typeof body.error === 'string' && /^[A-Z][A-Z0-9_]*$/.test(body.error)
				? { code: body.error, message: body.message }
				: undefined;
	const hints = [HINTS[api][status], status >= 500 && mayHaveChanged(method) ? WRITE_MAY_HAVE_HAPPENED : undefined];

	if (apiError && typeof apiError.code === 'string') {
		const code = apiError.code;
		const said = typeof apiError.message === 'string' ? apiError.message.trim() : '';
		const why = typeof apiError.description === 'string' ? apiError.description.trim() : '';
		// The description is the API's most specific text ("Unknown data_source_id 'NOPE'."); its
		// message the generic one ("Unprocessable Entity").
		const cause = why || said || `HTTP ${status}`;
		return {
			code,
			message: `${cause} (${code})`,
			description: [why && said ? `${said}.` : '', ...hints].filter(Boolean).join(' '),
			http_code: status,
			request_id: requestIdOf(body),
		};
	}
	return {
		code: `HTTP_${status}`,
		message: `The Supermetrics API answered HTTP ${status} without its JSON error body`,
		description: [
			`The body (${contentType ?? 'no content type'}) was not the API's {meta, error} JSON, which usually means a proxy or gateway answered: "${snippet(bodyText, masker)}".`,
			...hints,
		]
			.filter(Boolean)
			.join(' '),
		http_code: status,
		request_id: null,
	};
}

/** A 3xx: the DTS API does not redirect, and following one would carry the key elsewhere. */
export function describeRedirect(status: number, location: string | undefined): ErrorParts {
	let target = 'no Location';
	try {
		if (location) target = new URL(location).origin;
	} catch {
		target = 'an unreadable Location';
	}
	return {
		code: 'REDIRECT_REFUSED',
		message: `The Supermetrics API answered with a redirect (HTTP ${status}) to ${target}, which the node does not follow`,
		description:
			'The DTS API does not redirect; a redirect usually comes from a proxy or a wrong Base URL. Following it would send the API key and the request body to another place, so nothing was sent there.',
		http_code: status,
		request_id: null,
	};
}

/** How a request ended without a usable answer. */
export type NoAnswer =
	| { kind: 'deadline'; timeoutMs: number }
	| { kind: 'tooLarge'; limitBytes: number; status: number }
	| { kind: 'network'; code?: string; message: string };

export function describeNoAnswer(method: IHttpRequestMethods, path: string, baseUrl: string, what: NoAnswer): ErrorParts {
	const afterWrite = mayHaveChanged(method) ? ` ${WRITE_MAY_HAVE_HAPPENED}` : '';
	if (what.kind === 'deadline') {
		return {
			code: 'TIMEOUT',
			message: `The Supermetrics API did not answer within ${what.timeoutMs} ms`,
			description: `No complete answer to ${method} ${path} before the node's timeout (option "Timeout").${afterWrite}`,
			http_code: null,
			request_id: null,
		};
	}
	if (what.kind === 'tooLarge') {
		return {
			code: 'RESPONSE_TOO_LARGE',
			message: `The Supermetrics API's answer was larger than ${Math.round(what.limitBytes / 1048576)} MB`,
			description: `The answer to ${method} ${path} (HTTP ${what.status}) was stopped at ${what.limitBytes} bytes, decompressed. No DTS answer is that large; a proxy or a wrong Base URL may be answering.${afterWrite}`,
			http_code: what.status,
			request_id: null,
		};
	}
	return {
		code: what.code ?? 'NO_RESPONSE',
		message: `Could not reach the Supermetrics API at ${baseUrl}`,
		description: `${what.code ? `${what.code}: ` : ''}${what.message}.${afterWrite}`,
		http_code: null,
		request_id: null,
	};
}

/**
 * Adds a sentence to an error made by dtsError, where a person reads it: in its description (before
 * the [HTTP …] facts) and in the details a Continue On Fail item shows.
 */
export function amendDescription(error: unknown, extra: string): void {
	const err = error as { description?: string | null; context?: IDataObject };
	const details = err.context?.dts as unknown as DtsErrorDetails | undefined;
	if (!details) return;
	const facts = /\s*\[[^\]]*\]$/.exec(err.description ?? '')?.[0] ?? '';
	details.description = cap(`${details.description} ${extra}`.trim(), MAX_DESCRIPTION);
	err.description = onScreen(`${details.description}${facts}`);
}

/** The details a failed item carries under Continue On Fail. */
export function errorDetails(error: unknown): DtsErrorDetails & { message: string } {
	const err = error as { message?: string; description?: string | null; context?: IDataObject };
	const details = err?.context?.dts as unknown as DtsErrorDetails | undefined;
	if (details) return { message: String(err.message), ...details };
	return {
		message: String(err?.message ?? error),
		code: 'NODE_ERROR',
		http_code: null,
		request_id: null,
		description: err?.description ?? '',
	};
}
