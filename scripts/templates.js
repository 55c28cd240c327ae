'use strict';
/** The importable templates in docs/templates/, each with a fixed id so `npm start` and the tests find it. */
const fs = require('node:fs');
const path = require('node:path');

const { CREDENTIAL, SECRETS_CREDENTIAL, TRIGGER_TYPE } = require('./fixtures');
const { NODE_TYPE } = require('./n8n');

const DIR = path.join(__dirname, '..', 'docs', 'templates');

/**
 * `SmTpl`, the file name's first letters and four characters of its hash: stable across imports,
 * unlike for two names that begin alike (onboard-a-client, onboard-a-client-like-another), and 16
 * characters like n8n's own ids.
 */
function templateId(file) {
	const name = path.basename(file, '.json');
	let hash = 0;
	for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return `SmTpl${name.replace(/[^a-z0-9]/gi, '').slice(0, 7)}${hash.toString(36).padStart(4, '0').slice(-4)}`;
}

/** Every template, inactive as imported, by file name (without .json). */
function templateWorkflows() {
	return fs
		.readdirSync(DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file: path.basename(file, '.json'),
			workflow: { ...JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')), id: templateId(file), active: false },
		}));
}

/**
 * A template with the sandbox's credentials on each of our nodes, as `npm start` imports it ready to
 * run: the API credential on every one, and the Destination Secrets credential where n8n shows it
 * (read from the built node's own description, with the node's parameters and their defaults, as
 * n8n's editor reads them), so no node of a template warns of a credential that is not set.
 */
function withSandboxCredential(workflow) {
	const { NodeHelpers } = require('n8n-workflow');
	const { SupermetricsTransfers } = require('../dist/nodes/SupermetricsTransfers/SupermetricsTransfers.node.js');
	const description = new SupermetricsTransfers().description;
	const secrets = description.credentials.find((c) => c.name === SECRETS_CREDENTIAL.type);
	const api = { supermetricsTransfersApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (node.type === TRIGGER_TYPE) return { ...node, credentials: api };
			if (node.type !== NODE_TYPE) return node;
			const parameters = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
			const shown = NodeHelpers.displayParameter(parameters, secrets, node, description);
			const credentials = shown ? { ...api, [SECRETS_CREDENTIAL.type]: { id: SECRETS_CREDENTIAL.id, name: SECRETS_CREDENTIAL.name } } : api;
			return { ...node, credentials };
		}),
	};
}

module.exports = { TEMPLATES_DIR: DIR, templateId, templateWorkflows, withSandboxCredential };
