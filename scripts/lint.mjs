#!/usr/bin/env node
/**
 * `npm run lint`'s first step: n8n's own `n8n-node lint`, unchanged (strict mode: n8n's ESLint
 * config as its template writes it, over the whole project), then a line saying what it checked,
 * since n8n-node prints nothing but its header when all is well. The files are those ESLint takes
 * from the project with that config (the same enumeration, without linting them twice).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'n8n-node.cmd' : 'n8n-node');

const lint = spawnSync(bin, ['lint'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
if (lint.status !== 0) process.exit(lint.status ?? 1);

// What git holds or would add (tracked and untracked, not ignored), as ESLint's config sees it.
const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
const eslint = new ESLint({ cwd: ROOT });
const checked = [];
if (listed.status === 0) {
	for (const file of new Set(listed.stdout.split('\n').filter(Boolean))) {
		if (!/\.(c|m)?(j|t)s$|^package\.json$/.test(file)) continue;
		if (await eslint.isPathIgnored(path.join(ROOT, file))) continue;
		if (await eslint.calculateConfigForFile(path.join(ROOT, file))) checked.push(file);
	}
}
const count = (test) => checked.filter(test).length;
const parts = [
	`${count((f) => f.startsWith('nodes/'))} node files`,
	`${count((f) => f.startsWith('credentials/'))} credential files`,
	`${count((f) => f === 'package.json')} package.json`,
	`${count((f) => /^(test|scripts)\//.test(f))} tests and scripts`,
	`${count((f) => !/^(nodes|credentials|test|scripts)\/|^package\.json$/.test(f))} config files`,
];
process.stdout.write(
	listed.status === 0
		? `n8n-node lint: no problems in the project's ${checked.length} files (${parts.join(', ')}), with n8n's ESLint config in strict mode (the community-node rules n8n verifies packages by)\n`
		: 'n8n-node lint: no problems (git is not available to list the files it checked)\n',
);
