'use strict';
/** The importable templates in docs/templates/, each with a fixed id so `npm start` and the tests find it. */
const fs = require('node:fs');
const path = require('node:path');

const { CREDENTIAL, TRIGGER_TYPE } = require('./fixtures');
const { NODE_TYPE } = require('./n8n');

const DIR = path.join(__dirname, '..', 'docs', 'templates');

/** `SmTpl` and the file name's first letters: stable across imports, at most n8n's 21 characters. */
const templateId = (file) => `SmTpl${path.basename(file, '.json').replace(/[^a-z0-9]/gi, '').slice(0, 11)}`;

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

/** A template with the sandbox credential on each of our nodes: what `npm start` imports, ready to run. */
function withSandboxCredential(workflow) {
	const credentials = { supermetricsTransfersApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
	return { ...workflow, nodes: workflow.nodes.map((node) => ([NODE_TYPE, TRIGGER_TYPE].includes(node.type) ? { ...node, credentials } : node)) };
}

module.exports = { TEMPLATES_DIR: DIR, templateId, templateWorkflows, withSandboxCredential };
