'use strict';
/** A user folder ready to run: the packed package installed, the sandbox credential and workflows imported. */
const fs = require('node:fs');
const path = require('node:path');

const { packTarball, installTarball, n8nCli } = require('./n8n');
const { sandboxCredential, secretsCredential } = require('./fixtures');

async function importFile(userFolder, command, name, items, { queue } = {}) {
	const file = path.join(userFolder, name);
	fs.writeFileSync(file, JSON.stringify(items, null, '\t'));
	const result = await n8nCli(userFolder, [command, `--input=${file}`], { queue });
	if (result.code !== 0) {
		throw new Error(`n8n ${command} failed (${result.code}):\n${result.stdout}\n${result.stderr}`.trim());
	}
	return result;
}

/**
 * Imports workflows, inactive: n8n activates at import only in queue mode and only once an owner
 * exists ("User attempted to activate a workflow without permissions"), so callers activate over
 * REST. `queue`: the queue-mode settings of scripts/queue.js.
 */
const importWorkflows = (userFolder, workflows, { queue } = {}) => importFile(userFolder, 'import:workflow', 'workflows.json', workflows, { queue });

/**
 * Installs the tarball (packed here unless given) and imports the credential (always, since the
 * sandbox URL may differ between runs), any other `credentials` (plain data) and `workflows` (none
 * when the caller wants to keep a user's edits). With `queue`, into the queue's PostgreSQL database.
 */
async function prepareInstance({ userFolder, sandboxUrl, sandboxApiUrl, workflows = [], credentials = [], queue, tarball }) {
	fs.mkdirSync(userFolder, { recursive: true });
	tarball ??= await packTarball(path.join(userFolder, 'pack'));
	await installTarball(userFolder, tarball);
	await importFile(userFolder, 'import:credentials', 'credentials.json', [sandboxCredential(sandboxUrl, sandboxApiUrl), secretsCredential(), ...credentials], { queue });
	if (workflows.length) await importWorkflows(userFolder, workflows, { queue });
	return { tarball };
}

module.exports = { prepareInstance, importWorkflows };
