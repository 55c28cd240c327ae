'use strict';
/**
 * A real, pinned n8n for `npm start` and `npm run test:e2e`: installed once into .n8n-cache/,
 * run under the Node 24 it requires, with this package installed from its packed tarball the
 * way n8n installs community packages.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { run, log, freePort, supervise } = require('./proc');
const { ensureNode24, node24, node24Env } = require('./node24');

const N8N_VERSION = '2.41.1';
const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.n8n-cache');
const N8N_DIR = path.join(CACHE, `n8n-${N8N_VERSION}`);
const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const READY_MARK = path.join(N8N_DIR, '.installed');
// Native add-ons n8n needs at run time; the others (kafka, …) download binaries and stay unbuilt.
const NATIVE = ['sqlite3', 'isolated-vm'];

const PACKAGE = require(path.join(ROOT, 'package.json'));
const NODE_TYPE = `${PACKAGE.name}.supermetricsTransfers`;

/** npm on the Node that runs n8n, so that its engine checks and native builds are for that Node. */
function npm(args, options = {}) {
	return run('npm', args, { env: node24Env(node24()), ...options });
}

/** Bytes written to the disk that holds `dir` since the first call: free space is cheap to read. */
function diskWritten(dir) {
	const free = () => {
		const { bavail, bsize } = fs.statfsSync(dir);
		return bavail * bsize;
	};
	const start = free();
	return () => Math.max(0, start - free());
}

const size = (bytes) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${Math.round(bytes / 1e6)} MB`);

/**
 * A line every 15 s while a long step runs, with something that moves (packages, bytes written), so
 * a quiet npm never looks stuck.
 */
function progress(dir, describe) {
	const started = Date.now();
	const written = diskWritten(dir);
	const timer = setInterval(() => {
		const what = describe();
		log(`  …${Math.round((Date.now() - started) / 1000)} s: ${what ? `${what}, ` : ''}${size(written())} written to disk`);
	}, 15000);
	return { seconds: () => Math.round((Date.now() - started) / 1000), stop: () => clearInterval(timer) };
}

/**
 * sqlite3 as n8n@N8N_VERSION pins it. No prebuilt binary can be fetched offline, so it compiles
 * (one large C file, 1-3 minutes on one core): that is done beside n8n's download, in a folder of its
 * own, and the result copied in when the versions match. isolated-vm brings prebuilt binaries for
 * Node 24 and needs only its install check.
 */
const SQLITE3 = { name: 'sqlite3', version: '5.1.7' };
const SQLITE3_DIR = path.join(CACHE, `${SQLITE3.name}-${SQLITE3.version}-node24`);

/** A folder npm installs into as a private project of its own. */
function privateProject(dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, private: true }, null, '\t')}\n`);
}

const versionIn = (dir, name) => {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
};

/** `npm rebuild` of native add-ons for the Node that runs n8n. */
async function rebuild(dir, names, node) {
	// The Linux x64 package brings Node's headers; a Node of one's own has node-gyp fetch them.
	const nodedir = node.dir ? [`--nodedir=${node.dir}`] : [];
	await npm(['rebuild', ...names, ...nodedir, '--ignore-scripts=false', '--foreground-scripts=false'], { cwd: dir });
}

/** sqlite3 installed and compiled in SQLITE3_DIR; resolves with its build folder, or undefined if that failed. */
async function buildSqlite3(node) {
	fs.rmSync(SQLITE3_DIR, { recursive: true, force: true });
	privateProject(SQLITE3_DIR, 'sqlite3-build');
	try {
		await npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', `${SQLITE3.name}@${SQLITE3.version}`], { cwd: SQLITE3_DIR });
		await rebuild(SQLITE3_DIR, [SQLITE3.name], node);
		return path.join(SQLITE3_DIR, 'node_modules', SQLITE3.name, 'build');
	} catch (error) {
		log(`  sqlite3 could not be built beside the download (${error.message.split('\n')[0]}); it is built in n8n's folder after it.`);
		return undefined;
	}
}

/**
 * npm prints nothing for minutes on a large install without a TTY, so count its fetches at the
 * `http` log level and report them every 15 s, with the bytes written meanwhile. sqlite3 compiles
 * meanwhile (see SQLITE3).
 */
async function installN8n() {
	privateProject(N8N_DIR, 'n8n-cache');
	const node = await ensureNode24();
	log(`Installing n8n@${N8N_VERSION} into ${path.relative(process.cwd(), N8N_DIR) || N8N_DIR} (first run only: about 3 GB, several minutes), and compiling sqlite3 for Node 24 meanwhile…`);
	const sqlite3Started = Date.now();
	const sqlite3 = buildSqlite3(node).then((build) => {
		if (build) log(`  sqlite3 compiled in ${Math.round((Date.now() - sqlite3Started) / 1000)} s`);
		return build;
	});
	const seen = { manifests: 0, tarballs: 0 };
	const download = progress(N8N_DIR, () => `${seen.manifests} package manifests read, ${seen.tarballs} packages fetched`);
	try {
		// --prefer-offline: manifests npm's cache holds are used without asking the registry whether
		// they changed (some 1800 round trips); what the cache lacks is fetched.
		await npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=http', `n8n@${N8N_VERSION}`], {
			cwd: N8N_DIR,
			// npm first resolves the tree (manifests), then fetches tarballs, from the network or its cache.
			onLine: (line) => {
				if (!/^npm http (fetch GET \d{3}|cache) /.test(line)) return;
				if (/\.tgz\b/.test(line)) seen.tarballs++;
				else seen.manifests++;
			},
		});
	} catch (error) {
		await sqlite3; // no compile left running after a failed install
		throw error;
	} finally {
		download.stop();
	}
	log(`  n8n downloaded in ${download.seconds()} s (${seen.tarballs} packages); waiting for sqlite3, then isolated-vm's check…`);
	const build = progress(N8N_DIR, () => `building ${NATIVE.join(' and ')}`);
	try {
		const built = await sqlite3;
		const pinned = versionIn(N8N_DIR, SQLITE3.name);
		if (built && pinned === SQLITE3.version) {
			fs.cpSync(built, path.join(N8N_DIR, 'node_modules', SQLITE3.name, 'build'), { recursive: true });
			await rebuild(N8N_DIR, NATIVE.filter((name) => name !== SQLITE3.name), node);
		} else {
			if (built) log(`  n8n brings sqlite3 ${pinned}, not ${SQLITE3.version}: built in its folder instead (update SQLITE3 in scripts/n8n.js)`);
			await rebuild(N8N_DIR, NATIVE, node);
		}
	} finally {
		build.stop();
	}
	fs.rmSync(SQLITE3_DIR, { recursive: true, force: true });
	log(`  native add-ons ready ${build.seconds()} s after the download`);
	fs.writeFileSync(READY_MARK, `${JSON.stringify({ version: N8N_VERSION, at: new Date().toISOString() })}\n`);
}

/** The cached n8n, installed first when missing or left half-installed by an interrupted run. */
async function ensureN8n() {
	await ensureNode24();
	if (!fs.existsSync(READY_MARK) || !fs.existsSync(N8N_BIN)) await installN8n();
	else log(`Using the cached n8n@${N8N_VERSION} in ${path.relative(ROOT, N8N_DIR)}`);
	return N8N_BIN;
}

/** `npm pack` of the built package: exactly what npm would ship. */
async function packTarball(destination) {
	fs.mkdirSync(destination, { recursive: true });
	const { stdout } = await npm(['pack', '--json', '--pack-destination', destination], { cwd: ROOT });
	const [{ filename }] = JSON.parse(stdout);
	return path.join(destination, filename);
}

/**
 * Installs the tarball as n8n 2.41's CommunityPackagesService.downloadPackage does: unpacked into
 * $N8N_USER_FOLDER/.n8n/nodes/node_modules/<name> without its dev, peer and optional dependencies,
 * `npm install`ed there with n8n's flags, and listed in nodes/package.json. n8n-workflow is not
 * installed: n8n puts its own node_modules on NODE_PATH for community packages.
 */
async function installTarball(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE.name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifestPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	await npm(
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ cwd: packageDir },
	);
	const listPath = path.join(nodesDir, 'package.json');
	const list = fs.existsSync(listPath) ? JSON.parse(fs.readFileSync(listPath, 'utf8')) : { name: 'installed-nodes', private: true, dependencies: {} };
	list.dependencies = { ...list.dependencies, [PACKAGE.name]: manifest.version };
	fs.writeFileSync(listPath, JSON.stringify(list, null, 2));
	return packageDir;
}

/**
 * What every process of a queue-mode n8n needs alike (main, each worker, each CLI command): the
 * queue, the shared database and the shared encryption key. `queue` comes from scripts/queue.js.
 * The lock settings only shorten how long a job held by a dead worker takes to fail.
 */
function queueModeEnv({ encryptionKey, postgres, redis, lock, offloadManual = true }) {
	return {
		EXECUTIONS_MODE: 'queue',
		N8N_ENCRYPTION_KEY: encryptionKey,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_PASSWORD: redis.password,
		// The editor's "Execute workflow" runs on a worker too, like every production execution.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: String(offloadManual),
		...(lock && {
			QUEUE_WORKER_LOCK_DURATION: String(lock.durationMs),
			QUEUE_WORKER_LOCK_RENEW_TIME: String(lock.renewMs),
			QUEUE_WORKER_STALLED_INTERVAL: String(lock.stalledIntervalMs),
		}),
	};
}

/**
 * Settings for a local, offline n8n that shows no survey, banner or telemetry and stays on loopback.
 * With `queue`, the queue-mode settings; with `healthPort` (a worker), its health server on that
 * port, since it defaults to 5678, main's.
 */
function n8nEnv(userFolder, { port = 5678, brokerPort = 5679, queue, healthPort } = {}) {
	// n8n's task runner is started with the `node` on PATH: the same Node 24.
	return node24Env(node24(), {
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Both fetch catalogs from api.n8n.io (MCP servers, vetted community nodes): off, to stay local.
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// `n8n execute` prints its result at info level; workers log each job they start and finish.
		N8N_LOG_LEVEL: 'info',
		...(queue && queueModeEnv(queue)),
		...(healthPort && {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		}),
	});
}

/**
 * One n8n CLI command (import, execute, export) against a user folder; resolves with its output.
 * Each starts its own task broker, on a free port so that it never meets a running `npm start`.
 * `env`: more settings, e.g. the expression engine (see test/e2e/cli.e2e.js).
 */
async function n8nCli(userFolder, args, { queue, env: extra = {} } = {}) {
	const env = { ...n8nEnv(userFolder, { brokerPort: await freePort(), queue }), ...extra };
	return run(node24().bin, [N8N_BIN, ...args], { env, allowFail: true });
}

/**
 * An n8n process in the background: `n8n start` by default, or `args` such as
 * `['worker', '--concurrency=10']`; `nodeArgs` go to Node (e.g. `--inspect`); `env`, more settings
 * (e.g. the durable scheduler's). The caller stops it with `stop()` (SIGTERM, n8n's graceful
 * shutdown, then SIGKILL after 20 s).
 */
function startN8n(userFolder, { args = ['start'], nodeArgs = [], port, brokerPort, queue, healthPort, env = {}, output = process.stdout } = {}) {
	const child = spawn(node24().bin, [...nodeArgs, N8N_BIN, ...args], {
		env: { ...n8nEnv(userFolder, { port, brokerPort, queue, healthPort }), ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout.pipe(output, { end: false });
	child.stderr.pipe(output, { end: false });
	const { exited, stop } = supervise(child);
	return { child, pid: child.pid, exited, stop, url: `http://localhost:${port}` };
}

module.exports = {
	N8N_VERSION,
	NODE_TYPE,
	PACKAGE_NAME: PACKAGE.name,
	ROOT,
	CACHE,
	N8N_BIN,
	ensureN8n,
	packTarball,
	installTarball,
	n8nCli,
	startN8n,
};
