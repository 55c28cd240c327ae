// @ts-check
'use strict';
/**
 * What the unit tests that check what ships read and run: the repository's files and modules, n8n's
 * own node list, the list `npm pack` would ship, and a manual `npm publish` against a registry on
 * loopback that records what reaches it, so a test can show that nothing would be published and
 * nothing leaves this machine. Plain JavaScript: it needs require() by computed path and Node's
 * APIs, which n8n's lint keeps out of TypeScript.
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const YAML = require('yaml');

/** How the scripts pick the Node that runs n8n (a script, so loaded here rather than imported). */
const { chooseNode } = require('../../scripts/node24');

const ROOT = path.resolve(__dirname, '../..');

/**
 * A file of the repository loaded as Node (and n8n's loader) loads it: a module's exports, or a JSON
 * file's value. A require() by computed path, which n8n's lint keeps out of TypeScript.
 * @param {string} file A path from the repository's root, e.g. dist/nodes/…/X.node.js.
 * @returns {unknown}
 */
const loadFile = (file) => require(path.join(ROOT, file));

/**
 * n8n's own list of its node types (n8n-nodes-base), with each version's parameters.
 * @returns {Array<{ name: string, version: number | number[], properties: Array<{ name: string }> }>}
 */
const n8nNodeTypes = () => require('n8n-nodes-base/dist/types/nodes.json');

/** @param {string} relative */
const readText = (relative) => fs.readFileSync(path.join(ROOT, relative), 'utf8');
/** @param {string} relative */
const readYaml = (relative) => YAML.parse(readText(relative));
/** @param {string} relative */
const readJson = (relative) => JSON.parse(readText(relative));

/** The files of a folder of the repository. @param {string} relative */
const listDir = (relative) => fs.readdirSync(path.join(ROOT, relative));

/**
 * A file of the workspace's shared reference folder beside the checkout (../shared/reference), or
 * undefined when the checkout stands alone (a clone elsewhere, CI).
 * @param {string} file
 * @returns {string | undefined}
 */
function sharedReference(file) {
	const full = path.join(ROOT, '..', 'shared', 'reference', file);
	return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
}

/** The paths `npm pack` would put in the tarball (dist/ must be built). */
function packedFiles() {
	const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
	return /** @type {Array<{path: string}>} */ (pack.files).map((file) => file.path);
}

/**
 * `npm publish` as a maintainer would type it on a laptop (no CI, a token for the registry), to a
 * registry on loopback that answers 404 to every read and records every request.
 * @returns {Promise<{code: number | null, output: string, requests: string[]}>}
 */
async function manualPublish() {
	const requests = /** @type {string[]} */ ([]);
	const registry = http.createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		res.writeHead(404, { 'Content-Type': 'application/json' });
		res.end('{"error":"not found"}');
	});
	await new Promise((resolve) => registry.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (registry.address());
	const url = `http://127.0.0.1:${address.port}/`;
	const home = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'publish-'));
	const userconfig = path.join(home, '.npmrc');
	fs.writeFileSync(userconfig, `//127.0.0.1:${address.port}/:_authToken=npm_test_token_for_loopback\n`);
	/** @type {Record<string, string | undefined>} */
	const env = { ...process.env, npm_config_registry: url, npm_config_userconfig: userconfig };
	for (const name of ['CI', 'GITHUB_ACTIONS', 'GITLAB_CI', 'ACTIONS_ID_TOKEN_REQUEST_URL']) delete env[name];
	try {
		return await new Promise((resolve) => {
			const npm = spawn('npm', ['publish', '--registry', url], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
			let output = '';
			npm.stdout.on('data', (chunk) => (output += chunk));
			npm.stderr.on('data', (chunk) => (output += chunk));
			npm.once('close', (code) => resolve({ code, output, requests }));
		});
	} finally {
		registry.closeAllConnections();
		await new Promise((resolve) => registry.close(() => resolve(undefined)));
		fs.rmSync(home, { recursive: true, force: true });
	}
}

module.exports = { chooseNode, loadFile, n8nNodeTypes, ROOT, readText, readYaml, readJson, listDir, sharedReference, packedFiles, manualPublish };
