'use strict';
/**
 * The AI agent example of `npm start`: the fake model on loopback with its scripted demo answers,
 * the OpenAI credential pointed at it (imported every start, since the port may change), and the
 * agent workflow (imported once per user folder, so a user's edits survive a restart).
 */
const fs = require('node:fs');
const path = require('node:path');

const { createFakeModel } = require('../test/fake-model/server');
const { demoScript } = require('../test/fake-model/scripts');
const { AGENT, OPENAI_CREDENTIAL, agentWorkflow, fakeModelCredential } = require('./agentFixtures');
const { freePort } = require('./proc');

const FAKE_MODEL_PORT = 4011;
const EXAMPLE_MESSAGE = 'create the connection for team 12345 from GA4 to BigQuery, then tell me the login link';

async function startAgentDemo(userFolder) {
	fs.mkdirSync(userFolder, { recursive: true });
	const logFile = path.join(userFolder, 'fake-model.log');
	fs.writeFileSync(logFile, '');
	const model = await createFakeModel({ script: demoScript(), logFile }).start((await freePort(FAKE_MODEL_PORT)) ?? 0);
	const mark = path.join(userFolder, '.agent-example-imported');
	const firstRun = !fs.existsSync(mark);
	return {
		url: model.url,
		credentials: [fakeModelCredential(model.url)],
		workflows: firstRun ? [agentWorkflow()] : [],
		/** Call once the workflow is in n8n, so a restart does not import it over the user's edits. */
		imported: () => firstRun && fs.writeFileSync(mark, `${new Date().toISOString()}\n`),
		banner: [
			`  Open "${AGENT.name}", then "Open chat" and type:`,
			`    ${EXAMPLE_MESSAGE}`,
			'  or: clone transfer 36091 for team 12345 as Globex GA4 to BigQuery',
			`  Its model is a scripted fake at ${model.url} (credential "${OPENAI_CREDENTIAL.name}"), not a language model;`,
			`  what n8n sends it is logged in ${path.relative(process.cwd(), logFile)}.`,
		],
		close: () => model.close(),
	};
}

module.exports = { startAgentDemo, EXAMPLE_MESSAGE, FAKE_MODEL_PORT };
