'use strict';
/**
 * The page a login link's login_url opens, standing in for the data source's consent screen: it
 * names the source and the username to use, and its Authorize button posts back to the same URL.
 * Everything it prints comes from API input (require_username, a posted username, the link id
 * in the URL), so all of it is escaped.
 */

/** Where a link's page is, on the Supermetrics API's origin: its login_url. */
function pagePath(linkId) {
	return `/login/${encodeURIComponent(linkId)}`;
}

function escape(value) {
	return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function page(title, body) {
	return [
		'<!doctype html>',
		'<html lang="en"><head><meta charset="utf-8">',
		`<title>${escape(title)}</title>`,
		'<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}',
		'label,input,button{display:block;font-size:1rem;margin:.5rem 0}input{padding:.4rem;width:100%}',
		'button{padding:.5rem 1.5rem;background:#1f6feb;color:#fff;border:0;border-radius:4px;cursor:pointer}',
		'.note{color:#666;font-size:.9rem}</style></head><body>',
		`<h1>${escape(title)}</h1>`,
		body,
		'<p class="note">Supermetrics API sandbox: no data source is contacted.</p>',
		'</body></html>',
	].join('\n');
}

/** The consent page of an OPEN link. */
function authorizePage(link, username) {
	const fixed = link.require_username !== undefined;
	return page(`Authorize ${link.ds_name} for the sandbox`, [
		`<p>Log in to <strong>${escape(link.ds_name)}</strong> (${escape(link.ds_id)}) as the user below, and let the Supermetrics sandbox read its accounts.</p>`,
		`<form method="post" action="${escape(pagePath(link.link_id))}">`,
		`<label for="username">${fixed ? 'This link requires the username' : 'Username'}</label>`,
		`<input id="username" name="username" value="${escape(username)}" maxlength="255"${fixed ? ' readonly' : ''}>`,
		'<button type="submit">Authorize</button>',
		'</form>',
		`<p class="note">Link ${escape(link.link_id)}, open until ${escape(link.expiry_time)}.</p>`,
	].join('\n'));
}

function authorizedPage(link, login) {
	const next = /^https?:\/\//i.exec(link.redirect_url ?? '') ? `<p><a href="${escape(link.redirect_url)}">Continue</a></p>` : '';
	return page(`${link.ds_name} authorized`, [
		`<p>Logged in to ${escape(link.ds_name)} as <strong>${escape(login.username)}</strong>: data source login ${escape(login.login_id)}.</p>`,
		'<p>You can close this page.</p>',
		next,
	].join('\n'));
}

function closedPage(link) {
	const status = link.status_code === 'EXPIRED' ? 'expired' : 'closed';
	return page(`This login link has ${status}`, `<p>Login link ${escape(link.link_id)} for ${escape(link.ds_name)} is ${escape(link.status_code)} and takes no more logins. Ask for a new link.</p>`);
}

function refusedPage(link, reason) {
	return page(`${link.ds_name} was not authorized`, `<p>${escape(reason)}</p><p><a href="${escape(pagePath(link.link_id))}">Back</a></p>`);
}

/**
 * The page of a link made with require_login for someone not signed in as a member of its team:
 * why, and a form to sign in to the sandbox with an API key of the team (which sets a session
 * cookie and comes back here), as Supermetrics' own sign-in would.
 */
function signInPage(link, reason) {
	return page(`Sign in to authorize ${link.ds_name}`, [
		`<p>${escape(reason)}</p>`,
		`<form method="post" action="${escape(pagePath(link.link_id))}/session">`,
		'<label for="api_key">Sandbox API key of a team member</label>',
		'<input id="api_key" name="api_key" type="password" autocomplete="off" maxlength="255">',
		'<button type="submit">Sign in</button>',
		'</form>',
	].join('\n'));
}

function missingPage(id) {
	return page('No such login link', `<p>There is no login link ${escape(id)}.</p>`);
}

module.exports = { pagePath, escape, authorizePage, authorizedPage, closedPage, refusedPage, signInPage, missingPage };
