// @ts-check
'use strict';
/**
 * Every log line of a test run, captured. n8n-core logs through its DI Logger (winston): a
 * capturing one takes its place, and LoggerProxy's (what nodes log through), so a test can read
 * every line a log would show. Plain JavaScript: it reaches into n8n's own packages (@n8n/di,
 * @n8n/backend-common), which n8n's lint keeps out of a node's TypeScript.
 */
const { Logger } = require('@n8n/backend-common');
const { Container } = require('@n8n/di');
const { LoggerProxy } = require('n8n-workflow');

/** @type {string[]} The lines logged since the last `logLines.length = 0`, as `level message meta`. */
const logLines = [];

/** @param {string} level */
const capture = (level) => (/** @type {unknown} */ message, /** @type {unknown} */ meta) => {
	logLines.push(`${level} ${String(message)} ${meta ? JSON.stringify(meta) : ''}`);
};
/** @type {Record<string, unknown>} */
const captureLogger = Object.fromEntries(['error', 'warn', 'info', 'debug'].map((level) => [level, capture(level)]));
captureLogger.scoped = () => captureLogger;
Container.set(Logger, /** @type {never} */ (captureLogger));
LoggerProxy.init(/** @type {never} */ (captureLogger));

module.exports = { logLines };
