// @ts-check
'use strict';
/**
 * Files as n8n's loader reads them, for the unit tests that check what ships: a module or a JSON
 * file of the repository (by its path from the root, as package.json lists it), and n8n's own list
 * of its node types. Plain JavaScript: it needs Node's path, __dirname and a require() by computed
 * path, which n8n's lint keeps out of TypeScript.
 */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

/**
 * A file of the repository loaded as Node loads it: a module's exports, or a JSON file's value.
 * @param {string} file A path from the repository's root, e.g. dist/nodes/…/X.node.js.
 * @returns {unknown}
 */
function loadFile(file) {
	return require(path.join(ROOT, file));
}

/**
 * n8n's own list of its node types (n8n-nodes-base), with each version's parameters.
 * @returns {Array<{ name: string, version: number | number[], properties: Array<{ name: string }> }>}
 */
function n8nNodeTypes() {
	return require('n8n-nodes-base/dist/types/nodes.json');
}

module.exports = { loadFile, n8nNodeTypes };
