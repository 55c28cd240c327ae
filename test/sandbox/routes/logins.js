'use strict';
/**
 * Data Source Logins on the Supermetrics API's origin: list, get, revoke, and a login's accounts,
 * as the newest reference (Management API Reference 2.0.0) declares them: List and Get need
 * ds_logins_read, Revoke ds_logins_write, the accounts ds_accounts_read, each answering 403 with
 * Forbidden; every error is the {meta, error} envelope (the older file's flat LOGIN_NOT_FOUND and
 * LOGIN_SEARCH_FAILED bodies are gone). `auth` is the older file's scheme, for the perPath reading.
 */
const { ApiError } = require('../http');
const { iso } = require('../clock');
const { loginsId, queryInteger } = require('../validate');
const { findLogin, loginView, accountView, seedLogins } = require('../logins');

const MAX_LISTED = 1000;

module.exports = [
	{
		method: 'GET',
		path: '/ds/logins',
		api: 'logins',
		auth: 'bearer',
		scope: 'ds_logins_read',
		forbidden: { description: 'Listing data source logins needs the scope ds_logins_read.' },
		reset(state, now) {
			seedLogins(state, now);
		},
		handle({ key, state }) {
			// Revoked logins too: "all data source logins", each showing its revoked_time.
			const logins = [...state.logins.values()].filter((l) => l.team_id === String(key.teamId));
			return { status: 200, data: logins.slice(0, MAX_LISTED).map(loginView) };
		},
	},
	{
		method: 'GET',
		path: '/ds/login/:login_id',
		api: 'logins',
		auth: 'bearer',
		scope: 'ds_logins_read',
		forbidden: { description: 'Reading a data source login needs the scope ds_logins_read.' },
		handle({ params, key, state }) {
			const login = findLogin(state, String(key.teamId), loginsId('login_id', params.login_id));
			return { status: 200, data: loginView(login) };
		},
	},
	{
		method: 'DELETE',
		path: '/ds/login/:login_id',
		api: 'logins',
		auth: 'apiKey',
		scope: 'ds_logins_write',
		forbidden: { description: 'Revoking a data source login needs the scope ds_logins_write.' },
		handle({ params, key, state, now }) {
			const login = findLogin(state, String(key.teamId), loginsId('login_id', params.login_id));
			if (login.revoked_time !== null) {
				throw new ApiError(422, { description: `Data source login ${login.login_id} was already revoked at ${login.revoked_time}.` });
			}
			login.revoked_time = iso(now);
			return { status: 200, data: { result: true } };
		},
	},
	{
		method: 'GET',
		path: '/ds/login/:login_id/accounts',
		api: 'logins',
		auth: 'apiKey',
		scope: 'ds_accounts_read',
		forbidden: { description: 'Listing a login\'s accounts needs the scope ds_accounts_read.' },
		handle({ params, query, key, state, requestId }) {
			const login = findLogin(state, String(key.teamId), loginsId('login_id', params.login_id));
			const offset = queryInteger(query, 'offset', { min: 0, max: 1000000, fallback: 0 });
			const limit = queryInteger(query, 'limit', { min: 1, max: 1000, fallback: 100 });
			// A revoked login's accounts are gone: the login is still there, with nothing under it.
			const accounts = login.revoked_time === null ? login.accounts : [];
			return {
				status: 200,
				body: {
					meta: { request_id: requestId, paginate: { offset, limit, total: accounts.length } },
					data: accounts.slice(offset, offset + limit).map(accountView),
				},
			};
		},
	},
];
