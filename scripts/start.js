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
const { EXAMPLE, TRIGGER_EXAMPLE, CREDENTIAL, DEMO_KEY, exampleWorkflow, triggerWorkflow } = require('./fixtures');
const { OWNER, waitReady, setupOwner, login } = require('./rest');
const { log, freePort } = require('./proc');
const { startAgentDemo } = require('./agentDemo');

const N8N_PORT = 5678;
const N8N_LOCAL = `http://127.0.0.1:${N8N_PORT}`;
const SANDBOX_PORT = 4010;
/** The sandbox's clock runs an hour a real minute, so runs and backfills finish while you watch. */
const TIME_SCALE = 60;
const USER_FOLDER = path.join(CACHE, 'user');
const LOG_FILE = path.join(USER_FOLDER, 'n8n.log');
const EXAMPLE_MARK = path.join(USER_FOLDER, '.example-imported');
const TRIGGER_MARK = path.join(USER_FOLDER, '.trigger-example-imported');

/** What to stop on Ctrl-C or a failure, last started first. */
const stoppers = [];
let stopping = false;

async function stop(code) {
	if (stopping) return;
	stopping = true;
	if (stoppers.length) log('\nStopping n8n, the sandbox and the fake model…');
	for (const fn of stoppers.reverse()) await fn().catch((error) => log(`  ${error.message}`));
	process.exit(code);
}

async function main() {
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	if (!(await freePort(N8N_PORT))) {
		throw new Error(`Port ${N8N_PORT} is in use: stop what runs there (another n8n?) and try again.`);
	}
	await ensureN8n();

	// Three days of the seeded transfer's daily runs, so the trigger's Fetch Test Event has one to show.
	const sandbox = createSandbox({ clock: { scale: TIME_SCALE }, recentDays: 3 });
	await sandbox.start((await freePort(SANDBOX_PORT)) ?? 0);
	stoppers.push(() => sandbox.close());
	log(`DTS sandbox listening on ${sandbox.url} (its clock runs ${TIME_SCALE}x real time: an hour a minute)`);
	const agent = await startAgentDemo(USER_FOLDER);
	stoppers.push(() => agent.close());
	log(`Fake OpenAI-compatible model (scripted, for the AI agent example) listening on ${agent.url}`);

	log('Installing the packed package into n8n and importing the credential and example workflows…');
	// Each example once, so that a user's edits survive; the trigger's came later than the first.
	const missing = [
		[EXAMPLE_MARK, exampleWorkflow()],
		[TRIGGER_MARK, triggerWorkflow()],
	].filter(([mark]) => !fs.existsSync(mark));
	const workflows = [...missing.map(([, workflow]) => workflow), ...agent.workflows];
	await prepareInstance({ userFolder: USER_FOLDER, sandboxUrl: sandbox.url, workflows, credentials: agent.credentials });
	for (const [mark] of missing) fs.writeFileSync(mark, `${new Date().toISOString()}\n`);
	agent.imported();

	log(`Starting n8n ${N8N_VERSION} (its log: ${path.relative(process.cwd(), LOG_FILE)})…`);
	const output = fs.createWriteStream(LOG_FILE, { flags: 'a' });
	const n8n = startN8n(USER_FOLDER, { port: N8N_PORT, brokerPort: await freePort(), output });
	stoppers.push(() => n8n.stop());
	n8n.exited.then(({ code, signal }) => {
		if (stopping) return;
		log(`n8n stopped by itself (${code ?? signal}); see ${LOG_FILE}`);
		stop(1);
	});
	await waitReady(N8N_LOCAL, { exited: n8n.exited });

	const owner = await setupOwner(N8N_LOCAL);
	const ownerWorks = owner === 'created' || (await login(N8N_LOCAL)) !== null;
	log(
		[
			'',
			`n8n is ready: open http://localhost:${N8N_PORT}`,
			ownerWorks
				? `  Sign in as ${OWNER.email} with the password ${OWNER.password}`
				: '  Sign in with the owner account you set up earlier (delete .n8n-cache/user to start over).',
			`  Open the workflow "${EXAMPLE.name}", then "Execute workflow":`,
			`  the Supermetrics Transfers node calls the sandbox with the credential "${CREDENTIAL.name}".`,
			`  Open "${TRIGGER_EXAMPLE.name}" and click Fetch Test Event on its trigger, or publish it to`,
			`  run on each finished run (the sandbox's clock runs ${TIME_SCALE}x: a daily run every ${Math.round(1440 / TIME_SCALE)} minutes).`,
			`  The sandbox (${sandbox.url}) accepts the API key ${DEMO_KEY}.`,
			...agent.banner,
			'Ctrl-C stops n8n, the sandbox and the fake model.',
			'',
		].join('\n'),
	);
}

main().catch((error) => {
	process.stderr.write(`\nnpm start failed: ${error.message ?? error}\n`);
	stop(1);
});
