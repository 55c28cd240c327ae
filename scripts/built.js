'use strict';
/**
 * Whether dist/ is the build of the sources as they are: `npm start` builds only when it is not,
 * so a second start is quicker and a start never rewrites dist/ under something reading it (the
 * CI runs `npm start`'s own test beside suites that load dist/). Make-like: every file and folder
 * the build reads (a folder's time changes when a file in it is added, removed or renamed) must
 * be older than the oldest file TypeScript wrote in dist/, which the build empties first (the
 * icons gulp copies there keep their sources' times).
 */
const fs = require('node:fs');
const path = require('node:path');

const { run, log } = require('./proc');

const ROOT = path.resolve(__dirname, '..');
const INPUTS = ['nodes', 'credentials', 'icons', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js'];
/** A bound on the walk, far above the package's few hundred files. */
const MAX_FILES = 20000;

/** [newest, oldest] modification time (ms) of `target` and everything below it (the oldest of the files `counts`). */
function times(target, counts = () => true, seen = { count: 0 }) {
	const stat = fs.statSync(target, { throwIfNoEntry: false });
	if (!stat) return [0, Infinity];
	if (++seen.count > MAX_FILES) throw new Error(`more than ${MAX_FILES} files below ${target}`);
	let newest = stat.mtimeMs;
	let oldest = stat.isDirectory() || !counts(target) ? Infinity : stat.mtimeMs;
	if (stat.isDirectory()) {
		for (const name of fs.readdirSync(target)) {
			const [n, o] = times(path.join(target, name), counts, seen);
			newest = Math.max(newest, n);
			oldest = Math.min(oldest, o);
		}
	}
	return [newest, oldest];
}

function distIsCurrent(root = ROOT) {
	const dist = path.join(root, 'dist');
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const entries = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	if (!entries.length || !entries.every((entry) => fs.existsSync(path.join(root, entry)))) return false;
	const [, oldestBuilt] = times(dist, (file) => file.endsWith('.js'));
	const newestInput = Math.max(...INPUTS.map((input) => times(path.join(root, input))[0]));
	return newestInput < oldestBuilt;
}

/** `npm run build`, unless dist/ is current; says which. */
async function buildUnlessCurrent() {
	if (distIsCurrent()) return log('The package is built already (dist/ is newer than its sources).');
	log('Building the package…');
	await run('npm', ['run', '--silent', 'build'], { cwd: ROOT });
}

module.exports = { distIsCurrent, buildUnlessCurrent };
