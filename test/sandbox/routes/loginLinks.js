'use strict';
/**
 * Data Source Login Links on the Supermetrics API's origin (no /v1): create, list, get, update
 * (description only) and close. Each route's `auth`, `scope` and error shapes are the spec's for
 * that operation: Update alone is ApiKeyAuth with a scope; the rest are BearerAuth without one.
 */
const { ApiError } = require('../http');
const { DATA_SOURCES } = require('../catalog');
const { iso } = require('../clock');
const { jsonObject, string, unprocessable, loginsId, dateTimeMs } = require('../validate');
const { addLink, findLink, linkView } = require('../logins');

const LINK_NOT_FOUND = ['LINK_NOT_FOUND', 'Login link not found.'];
const MAX_LISTED = 1000;

const UNITS = { second: 1000, minute: 60000, hour: 3600000, day: 86400000, week: 7 * 86400000 };

/**
 * expiry_time as the spec's description gives it, an ISO 8601 date-time or a relative time such as
 * "10 hours", though its format says date-time: both are taken. A date-time needs its zone
 * (RFC 3339, as format date-time means); a relative one is a count and a unit (seconds to years,
 * singular or plural, an optional leading +) from now. Anything else, and any time not after now,
 * is a 422.
 */
function expiryMs(text, now) {
	const absolute = dateTimeMs(text);
	let at = absolute;
	if (at === undefined) {
		const m = /^\+?\s*(\d{1,6})\s*(second|minute|hour|day|week|month|year)s?$/i.exec(text.trim());
		if (!m) {
			throw new ApiError(422, {
				description: `The field 'expiry_time' must be an ISO 8601 date-time with a zone (e.g. 2026-03-01T23:59:59Z) or a relative time such as "10 hours", not '${text}'.`,
			});
		}
		const count = Number(m[1]);
		const unit = m[2].toLowerCase();
		if (unit === 'month' || unit === 'year') {
			const d = new Date(now);
			d.setUTCMonth(d.getUTCMonth() + count * (unit === 'year' ? 12 : 1));
			at = d.getTime();
		} else {
			at = now + count * UNITS[unit];
		}
	}
	if (Math.floor(at / 1000) * 1000 <= now) {
		throw new ApiError(422, { description: `The field 'expiry_time' must be in the future; '${text}' is ${iso(at)}, and it is ${iso(now)} now.` });
	}
	return at;
}

/** format: uri, absolute: a scheme and the rest. */
function uri(text) {
	let parsed;
	try {
		parsed = new URL(text);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^[A-Za-z][A-Za-z0-9+.-]*:/.exec(text)) throw new ApiError(422, { description: `The field 'redirect_url' must be an absolute URI, not '${text}'.` });
	return text;
}

/** The body of Create, checked; the spec answers every problem of it with 422. */
function creation(body, now) {
	return unprocessable(() => {
		const input = jsonObject(body);
		const dsId = string(input, 'ds_id', { maxLength: 50, pattern: /^[A-Za-z0-9_-]+$/ });
		if (!DATA_SOURCES[dsId]) throw new ApiError(422, { description: `Unknown ds_id '${dsId}'.` });
		const expiry = string(input, 'expiry_time', { required: false, maxLength: 50 });
		const description = string(input, 'description', { required: false, maxLength: 1000 });
		const requireUsername = string(input, 'require_username', { required: false, maxLength: 255 });
		const redirectUrl = string(input, 'redirect_url', { required: false, maxLength: 500 });
		return {
			dsId,
			expiryMs: expiry === undefined ? undefined : expiryMs(expiry, now),
			description,
			// An empty username would require nothing; the link is made as without one.
			requireUsername: requireUsername === '' ? undefined : requireUsername,
			redirectUrl: redirectUrl === undefined ? undefined : uri(redirectUrl),
		};
	});
}

/** The team's OPEN links, against the limit behind the spec's 403 LINK_LIMIT_EXCEEDED. */
function openLinks(state, teamId) {
	return [...state.loginLinks.values()].filter((l) => l.team_id === teamId && l.status_code === 'OPEN').length;
}

function newestFirst(a, b) {
	return b.createdMs - a.createdMs || Number(b.link_id.slice(4)) - Number(a.link_id.slice(4));
}

module.exports = [
	{
		method: 'POST',
		path: '/ds/login/link',
		api: 'logins',
		auth: 'bearer',
		scope: null,
		plainErrors: { 403: ['LINK_LIMIT_EXCEEDED', 'Login link limit exceeded.'] },
		handle({ body, key, state, now, baseUrl, config }) {
			const input = creation(body, now);
			const teamId = String(key.teamId);
			if (openLinks(state, teamId) >= config.loginLinkLimit) {
				throw new ApiError(403, { message: `The team has ${config.loginLinkLimit} open login links, the most it may have; close one or let it expire first.` });
			}
			const link = addLink(state, { ...input, teamId, user: key, now, baseUrl });
			return { status: 201, data: linkView(link), headers: { Location: `${baseUrl}/ds/login/link/${link.link_id}` } };
		},
	},
	{
		method: 'GET',
		path: '/ds/login/links',
		api: 'logins',
		auth: 'bearer',
		scope: null,
		handle({ key, state }) {
			const teamId = String(key.teamId);
			const links = [...state.loginLinks.values()].filter((l) => l.team_id === teamId).sort(newestFirst);
			return { status: 200, data: links.slice(0, MAX_LISTED).map(linkView) };
		},
	},
	{
		method: 'GET',
		path: '/ds/login/link/:link_id',
		api: 'logins',
		auth: 'bearer',
		scope: null,
		plainErrors: { 404: LINK_NOT_FOUND },
		handle({ params, key, state }) {
			const link = findLink(state, String(key.teamId), loginsId('link_id', params.link_id));
			return { status: 200, data: linkView(link) };
		},
	},
	{
		method: 'PATCH',
		path: '/ds/login/link/:link_id',
		api: 'logins',
		auth: 'apiKey',
		scope: 'ds_login_links_write',
		// The spec's PermissionDenied, and its NotFound envelope (not LinkNotFound) for this one.
		forbidden: { code: 'PERMISSION_ERROR', message: 'You do not have permission to perform this action.', description: 'Updating a login link needs the scope ds_login_links_write.' },
		// The one logins operation that documents 400: for a body that is not JSON.
		invalidBodyStatus: 400,
		handle({ params, body, key, state }) {
			const id = loginsId('link_id', params.link_id);
			const description = unprocessable(() => string(jsonObject(body), 'description', { required: false, maxLength: 1000 }));
			let link;
			try {
				link = findLink(state, String(key.teamId), id);
			} catch {
				throw new ApiError(404, { description: `Login link ${id} was not found.` });
			}
			if (description !== undefined) link.description = description;
			return { status: 200, data: linkView(link) };
		},
	},
	{
		method: 'PUT',
		path: '/ds/login/link/:link_id/close',
		api: 'logins',
		auth: 'bearer',
		scope: null,
		plainErrors: { 404: LINK_NOT_FOUND, 500: ['LINK_UPDATE_FAILED', 'Login link could not be updated.'] },
		handle({ params, key, state }) {
			const link = findLink(state, String(key.teamId), loginsId('link_id', params.link_id));
			if (link.status_code !== 'OPEN') {
				throw new ApiError(422, { description: `Login link ${link.link_id} is already ${link.status_code}; only an OPEN link can be closed.` });
			}
			link.status_code = 'CLOSED';
			return { status: 200, data: linkView(link) };
		},
	},
];
