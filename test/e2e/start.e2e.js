'use strict';
/**
 * `npm start` as a person or an IDE runs it, then stopped the ways they stop it: SIGTERM to the
 * npm process (an IDE's stop button, a process manager) and SIGINT to it alone. Each must end n8n,
 * the sandbox and the fake model, free their ports and say so in the last line. On its own n8n
 * port, sandbox port and user folder, so it never meets a `npm start` of yours.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { describe, test } = require('node:test');

const { ROOT } = require('../../scripts/n8n');
const { EXAMPLE } = require('../../scripts/fixtures');
const { alive, freePort, processesOf, processTree, waitFor } = require('../../scripts/proc');
const { OUTPUT } = require('./instance');
const { login, data } = require('../../scripts/rest');
const { templateWorkflows } = require('../../scripts/templates');

const READY = { timeoutMs: 300000, what: 'npm start to say n8n is ready' };
const ENDED = { timeoutMs: 90000, what: 'every process npm start began to end' };

/** `npm start` on free ports; resolves once it says n8n is ready, with what it started. */
async function npmStart(name) {
	const userFolder = path.join(OUTPUT, `n8n-start-${name}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	const [port, sandboxPort] = [await freePort(), await freePort()];
	const npm = spawn('npm', ['start'], {
		cwd: ROOT,
		env: { ...process.env, START_N8N_PORT: String(port), START_SANDBOX_PORT: String(sandboxPort), START_USER_FOLDER: userFolder },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const ended = { output: false };
	npm.stdout.once('close', () => (ended.output = true));
	npm.stdout.on('data', (chunk) => (output += chunk));
	npm.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => npm.once('exit', (code, signal) => resolve({ code, signal })));
	try {
		await waitFor(() => output.includes('n8n is ready'), { ...READY, exited });
	} catch (error) {
		killTree(npm.pid);
		throw new Error(`${error.message}:\n${output.slice(-2000)}`);
	}
	const [, modelPort] = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output.slice(output.indexOf('Fake OpenAI'))) ?? [];
	// The sandbox's second origin: the Supermetrics API's login links and logins.
	const [, apiPort] = /login links and logins on http:\/\/127\.0\.0\.1:(\d+)/.exec(output) ?? [];
	return { npm, port, sandboxPort, apiPort: Number(apiPort), modelPort: Number(modelPort), processes: processesOf(npm.pid), output: () => output, ended, exited };
}

/** What a failed test must not leave behind. */
function killTree(pid) {
	for (const each of processTree(pid).reverse()) {
		try {
			process.kill(each, 'SIGKILL');
		} catch {
			// gone already
		}
	}
}

describe('npm start stops everything it started, however it is stopped', { timeout: 900000 }, () => {
	for (const signal of ['SIGTERM', 'SIGINT']) {
		test(`${signal} to the npm process alone ends n8n, the sandbox and the fake model, and frees their ports`, async () => {
			const started = await npmStart(signal.toLowerCase());
			try {
				// npm, the node script, n8n and its task runner at least.
				assert.ok(started.processes.length >= 4, `npm start's processes: ${started.processes.map((each) => each.pid).join(', ')}`);
				assert.match(started.output(), new RegExp(`open http://localhost:${started.port}/signin\\?redirect=%2Fworkflow%2F${EXAMPLE.id}`));
				// Every template imported, with the sandbox credential on our nodes, and named in the banner.
				const rest = await login(`http://127.0.0.1:${started.port}`);
				for (const { workflow } of templateWorkflows()) {
					const imported = data(await rest.get(`/workflows/${workflow.id}`), `GET template ${workflow.id}`);
					assert.equal(imported.name, workflow.name);
					assert.deepEqual(imported.nodes.map((node) => node.name), workflow.nodes.map((node) => node.name));
					assert.ok(started.output().includes(`"${workflow.name}"`), `the start-up lines name "${workflow.name}"`);
				}

				process.kill(started.npm.pid, signal);
				await started.exited;
				// Output ends when the last process holding it does.
				await waitFor(() => started.ended.output, ENDED);
				await waitFor(() => !started.processes.some(alive), ENDED);

				const lines = started.output().trim().split('\n');
				const ports = [started.sandboxPort, started.apiPort, started.modelPort, started.port].sort((a, b) => a - b);
				assert.equal(lines.at(-1), `Stopped n8n, the sandbox and the fake model; ports ${ports.join(', ')} are free.`);
				for (const port of ports) assert.equal(await freePort(port), port, `port ${port} is free`);
			} finally {
				// Only a failed test finds anything here.
				started.processes.filter(alive).forEach((each) => killTree(each.pid));
			}
		});
	}
});
