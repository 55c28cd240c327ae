'use strict';
/**
 * The packed package, once per test run: the runners (`.ci/run`, `npm run test:e2e`,
 * `npm run test:queue`) `npm pack` dist/ once before the suites start and name the tarball in
 * PACKED_TARBALL; every n8n the suites start installs that one. So no suite packs dist/ while another
 * step rebuilds it (`npm start`'s build in start.e2e.js), and eleven trigger instances do not pack
 * eleven times the same bytes. A test file run alone packs once for its own process.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, packTarball } = require('./n8n');

const ENV = 'PACKED_TARBALL';
const OUTPUT = path.join(ROOT, 'test-output');

/**
 * Packs dist/ into test-output/pack and names the tarball for every child process started after;
 * under a runner that packed already (`.ci/run` runs `npm run test:queue`'s script), its tarball.
 */
async function packForRun() {
	const given = process.env[ENV];
	if (given && fs.existsSync(given)) return given;
	const dir = path.join(OUTPUT, 'pack');
	fs.rmSync(dir, { recursive: true, force: true });
	const tarball = await packTarball(dir);
	process.env[ENV] = tarball;
	return tarball;
}

let own = null;

/** The run's tarball, or (a file run alone) one packed for this process and removed when it exits. */
function packedTarball() {
	const given = process.env[ENV];
	if (given) {
		if (!fs.existsSync(given)) return Promise.reject(new Error(`${ENV} names ${given}, which is not there`));
		return Promise.resolve(given);
	}
	if (!own) {
		const dir = path.join(OUTPUT, `pack-${process.pid}`);
		process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
		own = packTarball(dir);
	}
	return own;
}

module.exports = { packForRun, packedTarball, PACKED_TARBALL: ENV };
