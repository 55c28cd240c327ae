#!/usr/bin/env node
'use strict';
/**
 * `npm run test:queue`: the package in n8n's queue mode (test/queue/*.queue.js, node's test
 * runner). Says first when PostgreSQL or Redis is missing, installs the pinned n8n when missing and
 * packs the package, all outside any test timeout; prints how long each phase took; exits non-zero
 * when a test fails.
 */
const path = require('node:path');

const { ROOT, ensureN8n } = require('./n8n');
const { postgresBin, redisBin } = require('./services');
const { packForRun } = require('./packed');
const { runSuite, script } = require('./suite');

script(() =>
	runSuite({
		title: 'queue-mode',
		dir: path.join(ROOT, 'test', 'queue'),
		suffix: '.queue.js',
		setup: [
			['PostgreSQL, Redis (present?)', async () => [postgresBin(), redisBin()]],
			['n8n (install or reuse)', ensureN8n],
			['npm pack', packForRun],
		],
	}),
);
