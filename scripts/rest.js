'use strict';
/** n8n's REST API, as its editor uses it: readiness, owner setup, login, workflows. */
const axios = require('axios');

const { waitFor } = require('./proc');

/** A local instance only: the password is printed for the user and the server listens on 127.0.0.1. */
const OWNER = { email: 'owner@example.com', firstName: 'Local', lastName: 'Owner', password: 'Sandbox-n8n-2026' };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `/healthz` answers before the database and nodes are loaded; readiness waits for both. The
 * bound is for a loaded machine (CI boots a dozen n8n side by side on 2 cores, each taking up to
 * three minutes then), not what a start takes; an n8n that dies is seen at once through `exited`.
 */
async function waitReady(url, { timeoutMs = 600000, exited } = {}) {
	const deadline = Date.now() + timeoutMs;
	let stopped = null;
	exited?.then((result) => (stopped = result));
	while (Date.now() < deadline) {
		if (stopped) throw new Error(`n8n exited before it was ready (${stopped.code ?? stopped.signal})`);
		const status = await axios
			.get(`${url}/healthz/readiness`, { timeout: 5000, validateStatus: () => true })
			.then((r) => r.status, () => 0);
		if (status === 200) return;
		await sleep(500);
	}
	throw new Error(`n8n at ${url} was not ready within ${timeoutMs / 1000} s`);
}

function client(url, cookie) {
	return axios.create({
		baseURL: `${url}/rest`,
		timeout: 30000,
		validateStatus: () => true,
		headers: cookie ? { Cookie: cookie } : {},
	});
}

/** Logs in; resolves with a client carrying the n8n-auth cookie, or null for a wrong password. */
async function login(url, { email, password } = OWNER) {
	const response = await client(url).post('/login', { emailOrLdapLoginId: email, password });
	if (response.status !== 200) return null;
	const cookie = (response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n accepted the login but set no n8n-auth cookie');
	return client(url, cookie);
}

/**
 * Creates the owner account on a new instance. Resolves with `created`, or `existing` when an owner
 * was set up before (a reused user folder); rejects on anything else.
 */
async function setupOwner(url, owner = OWNER) {
	const response = await client(url).post('/owner/setup', owner);
	if (response.status === 200) return 'created';
	if (response.status === 400 && /already/i.test(JSON.stringify(response.data))) return 'existing';
	throw new Error(`Owner setup failed: HTTP ${response.status} ${JSON.stringify(response.data)}`);
}

/** The body of an n8n REST answer, or an error naming the call. */
function data(response, what) {
	if (response.status >= 200 && response.status < 300) return response.data?.data ?? response.data;
	throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.data).slice(0, 500)}`);
}

/**
 * Activates (publishes) a workflow as the editor's toggle does, and waits until n8n reports its
 * triggers live: n8n 2.41 publishes through an outbox, so the answer to `activate` comes before
 * the webhook is registered (a call right after it gets a 404). Rejects when a trigger fails.
 */
async function activateWorkflow(rest, workflowId, { timeoutMs = 60000 } = {}) {
	const { versionId } = data(await rest.get(`/workflows/${workflowId}`), `GET workflow ${workflowId}`);
	data(await rest.post(`/workflows/${workflowId}/activate`, { versionId }), `activate ${workflowId}`);
	const status = await waitFor(
		async () => {
			const current = data(await rest.get(`/workflows/${workflowId}/publication-status`), `publication status of ${workflowId}`);
			const settled = current.status !== 'in_progress' && current.liveVersionId === versionId;
			return settled || current.triggers?.some((t) => t.status === 'failed') ? current : null;
		},
		{ timeoutMs, what: `workflow ${workflowId} published` },
	);
	const failed = status.triggers.filter((t) => t.status !== 'activated');
	if (failed.length) throw new Error(`workflow ${workflowId} did not activate: ${JSON.stringify(failed)}`);
	return status;
}

module.exports = { OWNER, waitReady, login, setupOwner, data, activateWorkflow };
