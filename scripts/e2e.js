#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: installs what the tests need when missing (the pinned n8n, Debian's Chromium)
 * outside any test timeout, then runs test/e2e with node's test runner, one file at a time since
 * each starts its own n8n. Prints how long each phase took; exits non-zero when a test fails.
 */
const path = require('node:path');

const { ROOT, ensureN8n } = require('./n8n');
const { ensureChromium } = require('./chromium');
const { runSuite, script } = require('./suite');

script(() =>
	runSuite({
		title: 'e2e',
		dir: path.join(ROOT, 'test', 'e2e'),
		suffix: '.e2e.js',
		setup: [
			['n8n (install or reuse)', ensureN8n],
			['chromium (install or reuse)', ensureChromium],
		],
	}),
);
