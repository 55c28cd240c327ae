#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the DTS sandbox and a real n8n with this package installed from its tarball, a
 * credential for the sandbox and an example workflow, at http://localhost:5678; an AI agent example
 * with a scripted fake model (scripts/agentDemo.js). Ctrl-C stops them all.
 * The n8n data lives in .n8n-cache/user, so workflows made here survive a restart.
 */
const fs = require('node:fs');
const path = require('node:path');

const { createSandbox } = require('../test/sandbox/server');
const { CACHE, N8N_VERSION, ensureN8n, startN8n } = require('./n8n');
const { prepareInstance } = require('./instance');
const { EXAMPLE, TRIGGER_EXAMPLE, CREDENTIAL, SECRETS_CREDENTIAL, DEMO_KEY, exampleWorkflow, triggerWorkflow } = require('./fixtures');
const { OWNER, waitReady, setupOwner, login } = require('./rest');
const { log, freePort } = require('./proc');
const { lifecycle } = require('./lifecycle');
const { startAgentDemo } = require('./agentDemo');
const { buildUnlessCurrent } = require('./built');
const { templateWorkflows, withSandboxCredential } = require('./templates');

// Another n8n port, sandbox port or n8n user folder, e.g. `START_N8N_PORT=5700 npm start` (the
// tests use all three). Names of our own: n8n's N8N_PORT or N8N_USER_FOLDER may be set for another n8n.
const N8N_PORT = Number(process.env.START_N8N_PORT || 5678);
const N8N_LOCAL = `http://127.0.0.1:${N8N_PORT}`;
const SANDBOX_PORT = Number(process.env.START_SANDBOX_PORT || 4010);
/** The sandbox's clock runs an hour a real minute, so runs and backfills finish while you watch. */
const TIME_SCALE = 60;
const USER_FOLDER = path.resolve(process.env.START_USER_FOLDER || path.join(CACHE, 'user'));
const LOG_FILE = path.join(USER_FOLDER, 'n8n.log');
const EXAMPLE_MARK = path.join(USER_FOLDER, '.example-imported');
const TRIGGER_MARK = path.join(USER_FOLDER, '.trigger-example-imported');

const life = lifecycle({ what: 'n8n, the sandbox and the fake model' });

async function main() {
	if (!(await freePort(N8N_PORT))) {
		throw new Error(`Port ${N8N_PORT} is in use: stop what runs there (another n8n?) and try again.`);
	}
	await buildUnlessCurrent();
	await ensureN8n();

	// Three days of the seeded transfer's daily runs, so the trigger's Fetch Test Event has one to show.
	const sandbox = createSandbox({ clock: { scale: TIME_SCALE }, recentDays: 3 });
	await sandbox.start((await freePort(SANDBOX_PORT)) ?? 0, '127.0.0.1', (await freePort(SANDBOX_PORT + 2)) ?? 0);
	life.add('the sandbox', () => sandbox.close(), () => [sandbox.port, sandbox.apiPort]);
	log(`Sandbox listening: the DTS API on ${sandbox.url}, login links and logins on ${sandbox.apiUrl} (its clock runs ${TIME_SCALE}x real time: an hour a minute)`);
	const agent = await startAgentDemo(USER_FOLDER);
	life.add('the fake model', () => agent.close(), () => [Number(new URL(agent.url).port)]);
	log(`Fake OpenAI-compatible model (scripted, for the AI agent example) listening on ${agent.url}`);

	// Each example and template once, so that a user's edits survive; the trigger's and the
	// templates came later than the first, a template added later is imported at the next start.
	const templates = templateWorkflows();
	const missing = [
		[EXAMPLE_MARK, exampleWorkflow()],
		[TRIGGER_MARK, triggerWorkflow()],
		...templates.map(({ file, workflow }) => [path.join(USER_FOLDER, `.template-${file}-imported`), withSandboxCredential(workflow)]),
	].filter(([mark]) => !fs.existsSync(mark));
	const workflows = [...missing.map(([, workflow]) => workflow), ...agent.workflows];
	const names = workflows.map((workflow) => `"${workflow.name}"`);
	log(
		`Installing the packed package into n8n, updating its credentials${
			names.length ? ` and importing ${names.join(', ')}` : ' (your workflows are kept as they are)'
		}…`,
	);
	await prepareInstance({ userFolder: USER_FOLDER, sandboxUrl: sandbox.url, sandboxApiUrl: sandbox.apiUrl, workflows, credentials: agent.credentials });
	for (const [mark] of missing) fs.writeFileSync(mark, `${new Date().toISOString()}\n`);
	agent.imported();

	log(`Starting n8n ${N8N_VERSION} (its log: ${path.relative(process.cwd(), LOG_FILE)})…`);
	const output = fs.createWriteStream(LOG_FILE, { flags: 'a' });
	const n8n = startN8n(USER_FOLDER, { port: N8N_PORT, brokerPort: await freePort(), output });
	life.add('n8n', () => n8n.stop(), () => [N8N_PORT]);
	n8n.exited.then(({ code, signal }) => {
		if (!life.stopping) life.stop(1, `n8n stopped by itself (${code ?? signal}); see ${LOG_FILE}`);
	});
	await waitReady(N8N_LOCAL, { exited: n8n.exited });

	const owner = await setupOwner(N8N_LOCAL);
	const ownerWorks = owner === 'created' || (await login(N8N_LOCAL)) !== null;
	// The sign-in page takes the user straight to the example, not to n8n's start page.
	const exampleUrl = `http://localhost:${N8N_PORT}/signin?redirect=${encodeURIComponent(`/workflow/${EXAMPLE.id}`)}`;
	log(
		[
			'',
			`n8n is ready: open ${exampleUrl}`,
			ownerWorks
				? `  Sign in as ${OWNER.email} with the password ${OWNER.password}; the example workflow opens.`
				: `  Sign in with the owner account you set up earlier (delete ${path.relative(process.cwd(), USER_FOLDER)} to start over).`,
			`  "${EXAMPLE.name}": click "Execute workflow";`,
			`  the Supermetrics Transfers node calls the sandbox with the credential "${CREDENTIAL.name}".`,
			`  Open "${TRIGGER_EXAMPLE.name}" and click Fetch Test Event on its trigger, or publish it to`,
			`  run on each finished run (the sandbox's clock runs ${TIME_SCALE}x: a daily run every ${Math.round(1440 / TIME_SCALE)} minutes).`,
			`  Templates (docs/templates/): ${templates.map(({ workflow }) => `"${workflow.name}"`).join(', ')};`,
			`  their Supermetrics nodes use "${CREDENTIAL.name}" (and "${SECRETS_CREDENTIAL.name}" for a destination's secrets);`,
			'  give their Slack or Send Email nodes a credential of yours.',
			'  To add the node yourself: + in a workflow, search "Supermetrics", pick an action.',
			`  The sandbox (${sandbox.url}) accepts the API key ${DEMO_KEY}.`,
			...agent.banner,
			'Ctrl-C (or SIGTERM) stops n8n, the sandbox and the fake model, and says when their ports are free.',
			'',
		].join('\n'),
	);
}

life.run('npm start', main);
