// @ts-check
'use strict';
/**
 * What a person reads of a text in n8n 2.41's editor, rendered the way the editor renders it (read
 * from its bundle, n8n-editor-ui 2.41.1, with the same versions of the same libraries):
 * - parameter and option descriptions, hints and notices go through the `v-n8n-html` directive:
 *   sanitize-html with its default tags plus img and input (design-system, Tooltip chunk);
 * - an error's description is first given `<code>` for each `backtick` span and filtered by js-xss
 *   keeping only p strong b code a br i ul li em small details summary mark (htmlUtils), then shown
 *   with `v-n8n-html` too (NodeErrorView);
 * - names, labels, actions and an error's message are plain text.
 * Unknown tags are dropped with what they hold: `Bearer <key>` reads "Bearer ".
 */
const { execFileSync } = require('node:child_process');

/**
 * sanitize-html 2.17.7 (n8n's version) reads HTML with htmlparser2 12, an ES module that jest's
 * module loader cannot require on Node 20; Node itself can (20.19 and later, hence `engines`). So
 * the rendering runs in a child Node: this file, given {kind, texts} on stdin.
 */
/**
 * @param {'asHtml' | 'asErrorDescription' | 'intended'} kind
 * @param {string[]} texts
 * @returns {string[]}
 */
function render(kind, texts) {
	const out = execFileSync(process.execPath, [__filename], { input: JSON.stringify({ kind, texts }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return JSON.parse(out);
}

if (require.main === module) {
	const { kind, texts } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
	/** @type {Record<string, (text: string) => string>} */
	const renderer = require('./n8nRenderer');
	process.stdout.write(JSON.stringify(texts.map((/** @type {string} */ text) => renderer[kind](text))));
}

/** Descriptions, hints or notices as the editor shows them. @param {string[]} texts */
const asHtml = (texts) => render('asHtml', texts);
/** Errors' descriptions as the editor's error view shows them. @param {string[]} texts */
const asErrorDescription = (texts) => render('asErrorDescription', texts);
/** What the texts mean a person to read: their deliberate markup read as a browser reads it. @param {string[]} texts */
const intended = (texts) => render('intended', texts);

module.exports = { asHtml, asErrorDescription, intended };
