'use strict';
/** A user folder ready to run: the packed package installed, the sandbox credential and workflows imported. */
const fs = require('node:fs');
const path = require('node:path');

const { packTarball, installTarball, n8nCli } = require('./n8n');
const { sandboxCredential, secretsCredential } = require('./fixtures');

async function importFile(userFolder, command, name, items) {
	const file = path.join(userFolder, name);
	fs.writeFileSync(file, JSON.stringify(items, null, '\t'));
	const result = await n8nCli(userFolder, [command, `--input=${file}`]);
	if (result.code !== 0) {
		throw new Error(`n8n ${command} failed (${result.code}):\n${result.stdout}\n${result.stderr}`.trim());
	}
	return result;
}

/**
 * Installs the tarball and imports the credential (always, since the sandbox URL may differ between
 * runs) with any other `credentials` given, and `workflows` (none when the caller wants to keep a
 * user's edits).
 */
async function prepareInstance({ userFolder, sandboxUrl, workflows = [], credentials = [] }) {
	fs.mkdirSync(userFolder, { recursive: true });
	const tarball = await packTarball(path.join(userFolder, 'pack'));
	await installTarball(userFolder, tarball);
	await importFile(userFolder, 'import:credentials', 'credentials.json', [sandboxCredential(sandboxUrl), secretsCredential(), ...credentials]);
	if (workflows.length) await importFile(userFolder, 'import:workflow', 'workflows.json', workflows);
	return { tarball };
}

module.exports = { prepareInstance };
