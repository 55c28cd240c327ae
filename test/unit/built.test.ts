/**
 * `npm start` builds only when dist/ is older than what the build reads (scripts/built.js): held
 * on a scratch project whose files' times the test sets, never on the clock's luck.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { distIsCurrent } from '../../scripts/built';

const T = 1_700_000_000; // seconds: every time below is set from it
let root: string;

function write(file: string, at: number) {
	const full = path.join(root, file);
	fs.mkdirSync(path.dirname(full), { recursive: true });
	fs.writeFileSync(full, file);
	fs.utimesSync(full, at, at);
}
/** Sets the folders' times too: the sources' at `at`, dist/'s at `built`, as a build long done would leave them. */
function settle(at: number, built: number) {
	for (const dir of ['nodes', 'nodes/A', 'credentials', 'icons']) fs.utimesSync(path.join(root, dir), at, at);
	for (const dir of ['dist', 'dist/nodes', 'dist/nodes/A', 'dist/credentials', 'dist/icons']) fs.utimesSync(path.join(root, dir), built, built);
}

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'built-'));
	fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ n8n: { nodes: ['dist/nodes/A/A.node.js'], credentials: ['dist/credentials/A.credentials.js'] } }));
	fs.utimesSync(path.join(root, 'package.json'), T, T);
	write('nodes/A/A.node.ts', T);
	write('credentials/A.credentials.ts', T);
	write('icons/a.svg', T);
	write('dist/nodes/A/A.node.js', T + 10);
	write('dist/credentials/A.credentials.js', T + 10);
	write('dist/icons/a.svg', T); // gulp keeps the source's time
	settle(T, T + 10);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test('a build newer than every source: current, though its copied icons keep their old times', () => {
	expect(distIsCurrent(root)).toBe(true);
});

test.each([
	['a source edited', () => write('nodes/A/A.node.ts', T + 20)],
	['an icon replaced', () => write('icons/a.svg', T + 20)],
	['a source added (its folder changes)', () => fs.utimesSync(path.join(root, 'nodes/A'), T + 20, T + 20)],
	['package.json changed', () => fs.utimesSync(path.join(root, 'package.json'), T + 20, T + 20)],
	['an entry n8n loads missing', () => fs.rmSync(path.join(root, 'dist/credentials/A.credentials.js'))],
	['no dist/ at all (a fresh clone)', () => fs.rmSync(path.join(root, 'dist'), { recursive: true })],
])('%s: built again', (_what, change) => {
	change();
	expect(distIsCurrent(root)).toBe(false);
});
