#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: installs what the tests need when missing (the pinned n8n, Debian's Chromium)
 * outside any test timeout and packs the package once, then runs test/e2e with node's test runner
 * in two lanes side by side: the trigger's file (its scenarios, each in n8n processes of its own,
 * mostly wait for n8n's once-a-minute polls), and the other files one at a time, since each starts
 * its own n8n and keeps the cores busy. Prints how long each phase took; exits non-zero when a
 * test fails.
 */
const path = require('node:path');

const { ROOT, ensureN8n } = require('./n8n');
const { ensureChromium } = require('./chromium');
const { packForRun } = require('./packed');
const { runSuite, script } = require('./suite');

/** The files that run in a lane of their own, beside the others. */
const LANES = [['trigger.e2e.js']];

if (require.main === module) {
	script(() =>
		runSuite({
			title: 'e2e',
			dir: path.join(ROOT, 'test', 'e2e'),
			suffix: '.e2e.js',
			lanes: LANES,
			setup: [
				['n8n (install or reuse)', ensureN8n],
				['chromium (install or reuse)', ensureChromium],
				['npm pack (once for every n8n)', packForRun],
			],
		}),
	);
}

module.exports = { LANES };
