#!/usr/bin/env node
/**
 * n8n's own verification scan, run here: `@n8n/scan-community-package` takes only a published name
 * (it fetches the tarball and the provenance-attested source from npm and GitHub), so this drives
 * its exported analysis on what it would fetch: the source checkout (its `SOURCE_FILE_PATTERNS`:
 * package.json, nodes/ and credentials/) and the tarball `npm pack` makes, unpacked. Its third leg,
 * the provenance check, needs a published version: the release workflow provides it (README,
 * Releasing). Part of `npm run lint`, so `npm test` fails when the scan would.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

// The scanner makes a folder with `tmp` as it loads (tmp-<pid>-…) and never removes it; its own
// `tmp` removes what it made when the process exits once told to.
const scanner = createRequire(fileURLToPath(import.meta.resolve('@n8n/scan-community-package/scanner/scanner.mjs')));
scanner('tmp').setGracefulCleanup();

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function packed() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
	const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }));
	const unpacked = path.join(dir, 'package');
	execFileSync('tar', ['-xzf', path.join(dir, filename), '-C', dir]);
	return { dir, unpacked };
}

async function leg(name, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	process.stdout.write(`scan: ${name}: ${result.passed ? 'passed' : `FAILED (${result.message})`}\n`);
	if (!result.passed && result.details) process.stdout.write(`${result.details}\n`);
	return result.passed;
}

const tarball = packed();
try {
	const source = await leg('source (package.json, nodes/, credentials/)', ROOT, SOURCE_FILE_PATTERNS);
	// As analyzePackageByName does: compiled .js and the published package.json (declarations are
	// covered by the source leg, and only trip filename rules here).
	const pack = await leg('packed tarball (compiled .js, package.json)', tarball.unpacked, ['**/*.js', 'package.json']);
	process.exitCode = source && pack ? 0 : 1;
} finally {
	fs.rmSync(tarball.dir, { recursive: true, force: true });
}
