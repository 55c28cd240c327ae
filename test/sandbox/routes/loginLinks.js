'use strict';
/**
 * Data Source Login Links on the Supermetrics API's origin (no /v1): create, list, get, update
 * (description only) and close, as the newest reference (Management API Reference 2.0.0) declares
 * them: each with its scope (ds_login_links_write to create, update and close, answered 403 with
 * PermissionDenied, PERMISSION_ERROR; ds_login_links_read to get and list, answered 403 with
 * Forbidden, FORBIDDEN), and every error in the {meta, error} envelope (the older file's flat
 * LINK_NOT_FOUND, LINK_LIMIT_EXCEEDED and LINK_UPDATE_FAILED bodies are gone). `auth` is the older
 * file's scheme per operation, for the perPath reading only.
 */
const { ApiError } = require('../http');
const { DATA_SOURCES } = require('../catalog');
const { iso } = require('../clock');
const { jsonObject, string, unprocessable, loginsId, dateTimeMs } = require('../validate');
const { addLink, findLink, linkView } = require('../logins');

const MAX_LISTED = 1000;
/** The newest reference's PermissionDenied (Create, Update and Close answer 403 with it). */
const PERMISSION_DENIED = { code: 'PERMISSION_ERROR', message: 'You do not have permission to perform this action.' };

const UNITS = { second: 1000, minute: 60000, hour: 3600000, day: 86400000, week: 7 * 86400000 };

/**
 * expiry_time as the references' descriptions give it, though its format says date-time: an ISO
 * 8601 date-time, a relative time such as "10 hours" (the older file), or a day alone, the newest
 * reference adding "If time of day is not specified, midnight is assumed" (midnight UTC, the start
 * of that day). A date-time needs its zone (RFC 3339, as format date-time means); a relative one
 * is a count and a unit (seconds to years, singular or plural, an optional leading +) from now.
 * Anything else, and any time not after now, is a 422.
 */
function expiryMs(text, now) {
	let at = dateTimeMs(text);
	const day = /^\d{4}-\d{2}-\d{2}$/.exec(text) ? dateTimeMs(`${text}T00:00:00Z`) : undefined;
	if (at === undefined) at = day;
	if (at === undefined) {
		const m = /^\+?\s*(\d{1,6})\s*(second|minute|hour|day|week|month|year)s?$/i.exec(text.trim());
		if (!m) {
			throw new ApiError(422, {
				description: `The field 'expiry_time' must be an ISO 8601 date-time with a zone (e.g. 2026-03-01T23:59:59Z), a day (midnight is assumed) or a relative time such as "10 hours", not '${text}'.`,
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

/** An optional boolean of the body (the newest reference's use_existing and require_login). */
function boolean(input, name) {
	const value = input[name];
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean') throw new ApiError(422, { description: `The field '${name}' must be true or false.` });
	return value;
}

/**
 * The team's link that use_existing hands back: "an existing non-expired login link for the same
 * team, user, and data source", read as one still OPEN (a CLOSED link takes no logins either), the
 * newest when there are several. What else the body asks (description, expiry_time, …) is not
 * compared, the reference naming only team, user and data source.
 */
function existingLink(state, teamId, userId, dsId) {
	return [...state.loginLinks.values()]
		.filter((l) => l.team_id === teamId && l.user_id === String(userId) && l.ds_id === dsId && l.status_code === 'OPEN')
		.sort(newestFirst)[0];
}

/**
 * The body of Create, checked; every problem of it is a 422 (UnprocessableEntity, "validation
 * failed for the request parameters"), a body that is not JSON the newest reference's 400.
 */
function creation(body, now) {
	return unprocessable(() => {
		const input = jsonObject(body);
		const dsId = string(input, 'ds_id', { maxLength: 50, pattern: /^[A-Za-z0-9_-]+$/ });
		if (!DATA_SOURCES[dsId]) throw new ApiError(422, { description: `Unknown ds_id '${dsId}'.` });
		const expiry = string(input, 'expiry_time', { required: false, maxLength: 50 });
		const description = string(input, 'description', { required: false, maxLength: 1000 });
		const requireUsername = string(input, 'require_username', { required: false, maxLength: 255 });
		const redirectUrl = string(input, 'redirect_url', { required: false, maxLength: 500 });
		const useExisting = boolean(input, 'use_existing');
		const requireLogin = boolean(input, 'require_login');
		return {
			useExisting,
			requireLogin,
			dsId,
			expiryMs: expiry === undefined ? undefined : expiryMs(expiry, now),
			description,
			// An empty username would require nothing; the link is made as without one.
			requireUsername: requireUsername === '' ? undefined : requireUsername,
			redirectUrl: redirectUrl === undefined ? undefined : uri(redirectUrl),
		};
	});
}

/**
 * The team's OPEN links, against the sandbox's limit (the older file's 403 LINK_LIMIT_EXCEEDED; the
 * newest documents no limit, and its 403 is PermissionDenied, which the limit now answers with).
 */
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
		scope: 'ds_login_links_write',
		forbidden: { ...PERMISSION_DENIED, description: 'Creating a login link needs the scope ds_login_links_write.' },
		// The newest reference adds 400 BadRequest: for a body that is not JSON.
		invalidBodyStatus: 400,
		handle({ body, key, state, now, baseUrl, config }) {
			const input = creation(body, now);
			const teamId = String(key.teamId);
			const existing = input.useExisting ? existingLink(state, teamId, key.userId, input.dsId) : undefined;
			// The reference gives one success, 201 with the link, for a link handed back as for a new one.
			if (existing) return { status: 201, data: linkView(existing), headers: { Location: `${baseUrl}/ds/login/link/${existing.link_id}` } };
			if (openLinks(state, teamId) >= config.loginLinkLimit) {
				throw new ApiError(403, { ...PERMISSION_DENIED, description: `The team has ${config.loginLinkLimit} open login links, the most it may have; close one or let it expire first.` });
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
		scope: 'ds_login_links_read',
		forbidden: { description: 'Listing login links needs the scope ds_login_links_read.' },
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
		scope: 'ds_login_links_read',
		forbidden: { description: 'Reading a login link needs the scope ds_login_links_read.' },
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
		forbidden: { ...PERMISSION_DENIED, description: 'Updating a login link needs the scope ds_login_links_write.' },
		// 400 BadRequest: for a body that is not JSON.
		invalidBodyStatus: 400,
		handle({ params, body, key, state }) {
			const id = loginsId('link_id', params.link_id);
			const description = unprocessable(() => string(jsonObject(body), 'description', { required: false, maxLength: 1000 }));
			const link = findLink(state, String(key.teamId), id);
			if (description !== undefined) link.description = description;
			return { status: 200, data: linkView(link) };
		},
	},
	{
		method: 'PUT',
		path: '/ds/login/link/:link_id/close',
		api: 'logins',
		auth: 'bearer',
		scope: 'ds_login_links_write',
		forbidden: { ...PERMISSION_DENIED, description: 'Closing a login link needs the scope ds_login_links_write.' },
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
