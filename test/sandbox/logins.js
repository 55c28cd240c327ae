'use strict';
/**
 * Data source login links and logins (supermetrics-logins-openapi.yaml), kept where DTS can read
 * them: the accounts of a team's live logins are what Get Available Options offers for a transfer.
 *
 * - A link is OPEN until it is closed or the sandbox clock reaches its expiry_time (EXPIRED).
 * - Authorizing an OPEN link logs in: the team's live login of that source and username is renewed
 *   (as a link with require_username is meant to do), otherwise a new login is made, with accounts
 *   derived from its id. The link then names the login.
 * - A login lasts LOGIN_LIFETIME_MS from its authentication. A refreshable one renews itself when
 *   the clock passes its expiry_time; the others (catalog.js, NOT_REFRESHABLE) stay expired until
 *   authorized again.
 * - A revoked login stays readable, with its revoked_time, but has no accounts any more.
 *
 * login_id: the logins API types it as a string, DTS's TransferAccount as an int32; the sandbox's
 * ids are numeric strings within int32, so both readings hold.
 */
const { ApiError } = require('./http');
const { DATA_SOURCES, NOT_REFRESHABLE } = require('./catalog');
const { iso } = require('./clock');

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const LINK_LIFETIME_MS = DAY_MS;
const LOGIN_LIFETIME_MS = 60 * DAY_MS;
const DEFAULT_USERNAME = 'client@example.com';
const FIRST_LOGIN_ID = 2830600;
const FIRST_LINK_ID = 1001;
const ACCOUNT_LABELS = ['main account', 'EU store', 'brand account'];

/** The catalog's answer, for links and logins. */
function dataSourceName(dsId) {
	return DATA_SOURCES[dsId];
}

/** The newest reference's NotFound envelope (the older file's flat LINK_NOT_FOUND is gone). */
function linkNotFound(id) {
	return new ApiError(404, { description: `Login link ${id} was not found.` });
}

/** The newest reference's NotFound envelope (the older file's flat LOGIN_NOT_FOUND is gone). */
function loginNotFound(id) {
	return new ApiError(404, { description: `Data source login ${id} was not found.` });
}

/** A team's link; another team's is as absent as one that never was. */
function findLink(state, teamId, id) {
	const link = state.loginLinks.get(id);
	if (!link || link.team_id !== teamId) throw linkNotFound(id);
	return link;
}

function findLogin(state, teamId, id) {
	const login = state.logins.get(id);
	if (!login || login.team_id !== teamId) throw loginNotFound(id);
	return login;
}

/** Three accounts for an odd login id, two for an even one; ids and names follow from the login. */
function deriveAccounts(loginId, dsId, username) {
	const count = 2 + (Number(loginId) % 2);
	return Array.from({ length: count }, (_, i) => ({
		account_id: `${loginId}0${i + 1}`,
		name: `${dataSourceName(dsId)} ${ACCOUNT_LABELS[i]}`.slice(0, 255),
		group: username.slice(0, 255),
	}));
}

/**
 * A login record. `accounts` may be a number (that many derived ones, for a test of paging) or a
 * list of {account_id, name, group?}; by default two or three derived ones.
 */
function addLogin(state, { teamId, dsId, username, user, now, authMs = now, expiryMs, isRefreshable, accounts, loginId, segments = [] }) {
	if (!dataSourceName(dsId)) throw new ApiError(422, { description: `Unknown ds_id '${dsId}'.` });
	const id = loginId ?? String(state.nextLoginId++);
	let list;
	if (Array.isArray(accounts)) list = accounts.map((a) => ({ account_id: String(a.account_id), name: String(a.name), group: String(a.group ?? username) }));
	else if (typeof accounts === 'number') list = Array.from({ length: accounts }, (_, i) => ({ account_id: `${id}${String(i + 1).padStart(4, '0')}`, name: `${dataSourceName(dsId)} account ${i + 1}`, group: username }));
	else list = deriveAccounts(id, dsId, username);
	const login = {
		login_id: id,
		team_id: teamId,
		login_type: 'oauth2',
		username,
		display_name: username,
		ds_id: dsId,
		default_scopes: [],
		additional_scopes: [],
		auth_time: iso(authMs),
		auth_user_info: { user_id: String(user.userId), email: user.email },
		expiryMs: expiryMs === null ? null : Math.floor((expiryMs ?? authMs + LOGIN_LIFETIME_MS) / 1000) * 1000,
		revoked_time: null,
		is_refreshable: isRefreshable ?? !NOT_REFRESHABLE.includes(dsId),
		is_shared: false,
		accounts: list,
		segments,
	};
	state.logins.set(id, login);
	return login;
}

function loginView(login) {
	return {
		'@type': 'ds_login',
		login_id: login.login_id,
		login_type: login.login_type,
		username: login.username,
		display_name: login.display_name,
		ds_info: { '@type': 'ds', ds_id: login.ds_id, name: dataSourceName(login.ds_id) },
		default_scopes: login.default_scopes,
		additional_scopes: login.additional_scopes,
		auth_time: login.auth_time,
		auth_user_info: { '@type': 'user', ...login.auth_user_info },
		expiry_time: login.expiryMs === null ? null : iso(login.expiryMs),
		revoked_time: login.revoked_time,
		is_refreshable: login.is_refreshable,
		is_shared: login.is_shared,
	};
}

function accountView(account) {
	return { '@type': 'ds_account', account_id: account.account_id, name: account.name, group: account.group };
}

/** The team's logins not revoked, of one data source when given, in the order they were made. */
function liveLogins(state, teamId, dsId) {
	return [...state.logins.values()].filter((l) => l.team_id === teamId && l.revoked_time === null && (dsId === undefined || l.ds_id === dsId));
}

function linkView(link) {
	const view = {
		link_id: link.link_id,
		status_code: link.status_code,
		description: link.description,
		ds_id: link.ds_id,
		ds_name: link.ds_name,
		require_username: link.require_username,
		redirect_url: link.redirect_url,
		user_id: link.user_id,
		user_email: link.user_email,
		login_url: link.login_url,
		created_time: link.created_time,
		expiry_time: iso(link.expiryMs),
		login_id: link.login_id,
		login_time: link.login_time,
		login_username: link.login_username,
	};
	// Optional strings the link was made without are left out: the schema has them non-nullable.
	for (const key of ['description', 'require_username', 'redirect_url']) if (view[key] === undefined) delete view[key];
	return view;
}

function addLink(state, { teamId, user, dsId, expiryMs, description, requireUsername, redirectUrl, requireLogin = false, now, baseUrl }) {
	const id = `lnk_${state.nextLinkId++}`;
	const link = {
		link_id: id,
		team_id: teamId,
		status_code: 'OPEN',
		description,
		ds_id: dsId,
		ds_name: dataSourceName(dsId),
		require_username: requireUsername,
		redirect_url: redirectUrl,
		/** require_login (newest reference): only a signed-in member of the team may redeem it. Not in LoginLink. */
		require_login: requireLogin,
		user_id: String(user.userId),
		user_email: user.email,
		login_url: `${baseUrl}/login/${id}`,
		created_time: iso(now),
		createdMs: now,
		expiryMs: Math.floor((expiryMs ?? now + LINK_LIFETIME_MS) / 1000) * 1000,
		login_id: null,
		login_time: null,
		login_username: null,
	};
	state.loginLinks.set(id, link);
	return link;
}

/**
 * Why a link made with require_login refuses whoever opens it, or undefined: "the login link can
 * only be redeemed by a signed-in member of the team; anonymous access is rejected". `member` is
 * the signed-in user's team id (undefined when anonymous): anonymous is a 401, another team's
 * member a 403. A link without require_login takes anyone, as before.
 */
function memberRefusal(link, member) {
	if (!link.require_login) return undefined;
	if (member === undefined || member === null) {
		return new ApiError(401, { description: `Login link ${link.link_id} can only be redeemed by a signed-in member of its team; sign in first.` });
	}
	if (String(member) !== link.team_id) return new ApiError(403, { description: `Login link ${link.link_id} can only be redeemed by a member of its team.` });
	return undefined;
}

/**
 * Logs in through an OPEN link as `username` (the link's require_username, or DEFAULT_USERNAME,
 * when not given). Throws a 422 ApiError, and changes nothing, when the link is not OPEN or the
 * username is not the one it requires; a 401 or 403 when the link requires a signed-in member of
 * its team and `member` (the signed-in user's team id) is not one.
 */
function completeLink(state, link, { username, now, member }) {
	if (link.status_code !== 'OPEN') throw new ApiError(422, { description: `Login link ${link.link_id} is ${link.status_code}; it takes no more logins.` });
	const refusal = memberRefusal(link, member);
	if (refusal) throw refusal;
	const name = username === undefined || username === '' ? (link.require_username ?? DEFAULT_USERNAME) : username;
	if (typeof name !== 'string' || name.length > 255) throw new ApiError(422, { description: 'The username must be a string of at most 255 characters.' });
	if (link.require_username !== undefined && name !== link.require_username) {
		throw new ApiError(422, { description: `Login link ${link.link_id} requires the username ${link.require_username}.` });
	}
	const user = { userId: link.user_id, email: link.user_email };
	let login = liveLogins(state, link.team_id, link.ds_id).find((l) => l.username === name);
	if (login) {
		login.auth_time = iso(now);
		login.auth_user_info = { user_id: String(user.userId), email: user.email };
		login.expiryMs = Math.floor((now + LOGIN_LIFETIME_MS) / 1000) * 1000;
	} else {
		login = addLogin(state, { teamId: link.team_id, dsId: link.ds_id, username: name, user, now });
	}
	link.login_id = login.login_id;
	link.login_time = iso(now);
	link.login_username = name;
	return login;
}

/** Links past their expiry_time turn EXPIRED; refreshable logins past theirs renew. */
function settleLogins(state, now) {
	for (const link of state.loginLinks.values()) {
		if (link.status_code === 'OPEN' && now >= link.expiryMs) link.status_code = 'EXPIRED';
	}
	for (const login of state.logins.values()) {
		if (!login.is_refreshable || login.revoked_time !== null || login.expiryMs === null) continue;
		while (login.expiryMs <= now) login.expiryMs += LOGIN_LIFETIME_MS;
	}
}

/**
 * The team's two logins Get Available Options has always offered (Google Ads, the seeded
 * transfer's source), now real logins: listed by GET /ds/logins, revocable, with their accounts.
 * Authenticated 30 and 55 days before the clock's start, so they expire 30 and 5 days after it.
 */
function seedLogins(state, now) {
	state.logins = new Map();
	state.loginLinks = new Map();
	state.nextLoginId = FIRST_LOGIN_ID;
	state.nextLinkId = FIRST_LINK_ID;
	const user = { userId: 1001, email: 'demo@sandbox.invalid' };
	addLogin(state, {
		loginId: '2682599', teamId: '12345', dsId: 'AW', username: 'user.name@supermetrics.com', user, now, authMs: now - 30 * DAY_MS,
		accounts: [
			{ account_id: '8733197711', name: 'Sandbox account', group: 'Sandbox' },
			{ account_id: '5512340987', name: 'Sandbox EU shop', group: 'Sandbox' },
		],
	});
	addLogin(state, {
		loginId: '2830506', teamId: '12345', dsId: 'AW', username: 'analyst@supermetrics.com', user, now, authMs: now - 55 * DAY_MS,
		accounts: [{ account_id: '6620019375', name: 'Agency client', group: 'Agency' }],
		segments: [
			{ segment_id: '-1', segment_name: 'All users' },
			{ segment_id: '-3', segment_name: 'New users' },
		],
	});
}

module.exports = {
	addLogin, addLink, completeLink, memberRefusal, findLink, findLogin, liveLogins, loginView, accountView, linkView, settleLogins, seedLogins, linkNotFound,
	DEFAULT_USERNAME, LINK_LIFETIME_MS, LOGIN_LIFETIME_MS,
};
