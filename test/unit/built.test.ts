/**
 * `npm start` builds only when dist/ is older than what the build reads (scripts/built.js): held
 * on a scratch project whose files' times the test sets, never on the clock's luck.
 */
import { distIsCurrent } from '../../scripts/built';
import { scratch } from './scratch';

const T = 1_700_000_000; // seconds: every time below is set from it
let project: ReturnType<typeof scratch>;

beforeEach(() => {
	project = scratch();
	project.write('package.json', T, JSON.stringify({ n8n: { nodes: ['dist/nodes/A/A.node.js'], credentials: ['dist/credentials/A.credentials.js'] } }));
	project.write('nodes/A/A.node.ts', T);
	project.write('credentials/A.credentials.ts', T);
	project.write('icons/a.svg', T);
	project.write('dist/nodes/A/A.node.js', T + 10);
	project.write('dist/credentials/A.credentials.js', T + 10);
	project.write('dist/icons/a.svg', T); // gulp keeps the source's time
	// The folders too, as a build long done would leave them.
	for (const dir of ['nodes', 'nodes/A', 'credentials', 'icons']) project.touch(dir, T);
	for (const dir of ['dist', 'dist/nodes', 'dist/nodes/A', 'dist/credentials', 'dist/icons']) project.touch(dir, T + 10);
});
afterEach(() => project.close());

test('a build newer than every source: current, though its copied icons keep their old times', () => {
	expect(distIsCurrent(project.root)).toBe(true);
});

test.each([
	['a source edited', () => project.write('nodes/A/A.node.ts', T + 20)],
	['an icon replaced', () => project.write('icons/a.svg', T + 20)],
	['a source added or removed (its folder changes)', () => project.touch('nodes/A', T + 20)],
	['package.json changed', () => project.touch('package.json', T + 20)],
	['an entry n8n loads missing', () => project.remove('dist/credentials/A.credentials.js')],
	['no dist/ at all (a fresh clone)', () => project.remove('dist')],
])('%s: built again', (_what, change) => {
	change();
	expect(distIsCurrent(project.root)).toBe(false);
});
