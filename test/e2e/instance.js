'use strict';
/** A fresh n8n user folder per test file, with its own sandbox, under test-output/. */
const fs = require('node:fs');
const path = require('node:path');

const { createSandbox } = require('../sandbox/server');
const { ROOT, n8nCli } = require('../../scripts/n8n');
const { prepareInstance } = require('../../scripts/instance');
const { packedTarball } = require('../../scripts/packed');

const OUTPUT = path.join(ROOT, 'test-output');

/**
 * `sandbox`: options for the sandbox (e.g. its clock's start); `cliEnv`: settings for its CLI
 * commands. The package installed is the run's one tarball (scripts/packed.js), the same `npm pack`
 * of dist/ each instance packed before.
 */
async function openInstance(name, workflows, { credentials = [], sandbox: sandboxOptions = {}, cliEnv = {} } = {}) {
	const userFolder = path.join(OUTPUT, `n8n-${name}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	const sandbox = await createSandbox(sandboxOptions).start(0);
	try {
		await prepareInstance({ userFolder, sandboxUrl: sandbox.url, sandboxApiUrl: sandbox.apiUrl, workflows, credentials, tarball: await packedTarball() });
	} catch (error) {
		await sandbox.close();
		throw error;
	}
	return {
		sandbox,
		userFolder,
		cli: (args) => n8nCli(userFolder, args, { env: cliEnv }),
		close: () => sandbox.close(),
	};
}

/**
 * The execution JSON `n8n execute` prints after "Execution was successful:" or "Execution error:",
 * pretty-printed, so it ends at the first line that is a lone closing brace.
 */
function printedExecution({ stdout }) {
	const marker = /^(Execution was successful:|Execution error:)\n=+\n\{\n/m.exec(stdout);
	if (!marker) return null;
	const start = marker.index + marker[0].length - 2;
	const end = stdout.indexOf('\n}\n', start);
	return { outcome: marker[1], execution: JSON.parse(stdout.slice(start, end + 2)) };
}

/** The items a node output in the printed execution. */
const nodeRun = (execution, name) => execution.data.resultData.runData[name]?.[0];

/** Requests the node sent to the sandbox, without the sandbox's own bookkeeping. */
const apiCalls = (sandbox) => sandbox.requests.map(({ method, path: p, fault, body }) => ({ method, path: p, fault, body }));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every second until it returns something, or fails after `ms`. */
async function eventually(what, ms, check) {
	const deadline = Date.now() + ms;
	for (;;) {
		const result = await check();
		if (result) return result;
		if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
		await sleep(1000);
	}
}

/** An input's value (a Playwright locator's) once it equals `expected`, or its last value after `timeoutMs`. */
async function settled(locator, expected, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	let value = await locator.inputValue();
	while (value !== expected && Date.now() < deadline) {
		await sleep(250);
		value = await locator.inputValue();
	}
	return value;
}

module.exports = { OUTPUT, openInstance, apiCalls, printedExecution, nodeRun, eventually, sleep, settled };
