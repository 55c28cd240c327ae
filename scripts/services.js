'use strict';
/**
 * Private PostgreSQL and Redis servers for queue mode, from Debian's packages: each on a free
 * loopback port, with a random password, stopped by the caller. Nothing is installed or started
 * system-wide. Redis keeps its config in the caller's folder; PostgreSQL's cluster lives in a fresh
 * folder of its own under the system's temp folder (see startPostgres), removed when it stops.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const { run, freePort, supervise, waitFor } = require('./proc');

const INSTALL_HINT = 'apt-get install -y postgresql redis-server';

/**
 * The folder with initdb, postgres and psql: Debian keeps PostgreSQL's programs off PATH, in
 * /usr/lib/postgresql/<major>/bin (the newest wins); elsewhere they are on PATH.
 */
function postgresBin() {
	const has = (dir) => ['initdb', 'postgres', 'psql'].every((name) => fs.existsSync(path.join(dir, name)));
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a) : [];
	const dirs = [...majors.map((v) => path.join(root, v, 'bin')), ...(process.env.PATH ?? '').split(path.delimiter)];
	const found = dirs.find(has);
	if (!found) throw new Error(`PostgreSQL is not installed (no initdb, postgres and psql found). On Debian or Ubuntu: ${INSTALL_HINT}`);
	return found;
}

function redisBin() {
	const found = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'redis-server')).find((file) => fs.existsSync(file));
	if (!found) throw new Error(`redis-server is not installed. On Debian or Ubuntu: ${INSTALL_HINT}`);
	return found;
}

/**
 * PostgreSQL refuses to run as root, and CI runs as root: then its programs run as the `postgres`
 * user the Debian package creates, through setpriv (which execs, so the pid we hold is the server's).
 * `reaches(dir)`: whether that user can write in `dir` (every folder above it must let it through).
 */
function asPostgresUser() {
	if (process.getuid?.() !== 0) return { user: null, wrap: (command, args) => [command, args], chown: () => {}, reaches: () => true };
	const entry = /^postgres:[^:]*:(\d+):(\d+):/m.exec(fs.readFileSync('/etc/passwd', 'utf8'));
	if (!entry) throw new Error(`Running as root, PostgreSQL needs the "postgres" user to run as, and there is none. ${INSTALL_HINT} creates it.`);
	const wrap = (command, args) => ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]];
	return {
		user: 'postgres',
		wrap,
		chown: (target) => fs.chownSync(target, Number(entry[1]), Number(entry[2])),
		reaches: (dir) => spawnSync(...wrap('test', ['-w', dir]), { cwd: dir }).status === 0,
	};
}

const secret = () => crypto.randomBytes(18).toString('base64url');

/** Shows a child's output in `output` (a log file). */
function pipeTo(child, output) {
	child.stdout.pipe(output, { end: false });
	child.stderr.pipe(output, { end: false });
}

/**
 * A fresh cluster, one database `n8n` owned by the user `n8n`, listening on 127.0.0.1 only (no Unix
 * socket). fsync is off: a throwaway cluster for tests and demos. Its files (data, the initial
 * password file) are in a new folder under the system's temp folder, made for the user PostgreSQL
 * runs as and removed when it stops: wherever the caller's folder lies (a clone inside a folder
 * only root may enter, say), that user can reach this one. Its log goes to `output`.
 */
async function startPostgres({ output }) {
	const bin = postgresBin();
	const as = asPostgresUser();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-postgres-'));
	const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
	const dataDir = path.join(dir, 'data');
	const user = 'n8n';
	const password = secret();
	try {
		as.chown(dir);
		if (!as.reaches(dir)) {
			throw new Error(`PostgreSQL runs as the "${as.user}" user, who cannot reach ${dir} (a folder above it is closed to others): set TMPDIR to a folder it can reach, e.g. TMPDIR=/tmp`);
		}
		const pwfile = path.join(dir, 'pwfile');
		fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
		as.chown(pwfile);
		// The cluster's folder is the working folder too: initdb changes back to its working folder,
		// and the caller's may be closed to that user.
		const [command, args] = as.wrap(path.join(bin, 'initdb'), ['-D', dataDir, '-U', user, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync']);
		await run(command, args, { cwd: dir });
		fs.rmSync(pwfile, { force: true });
	} catch (error) {
		removeDir();
		throw error;
	}

	const port = await freePort();
	const [command, args] = as.wrap(path.join(bin, 'postgres'), [
		'-D', dataDir, '-p', String(port),
		'-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
		'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
	]);
	const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
	pipeTo(child, output);
	// SIGINT is PostgreSQL's fast shutdown: sessions are closed, the cluster stops cleanly; then its folder goes.
	const server = supervise(child, { signal: 'SIGINT' });
	const { exited } = server;
	const stop = async () => {
		const result = await server.stop();
		removeDir();
		return result;
	};
	const env = { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: user, PGPASSWORD: password };
	const psql = (database, sql, options = {}) => run(path.join(bin, 'psql'), ['-X', '-v', 'ON_ERROR_STOP=1', '-At', '-d', database, '-c', sql], { env: { ...process.env, ...env }, ...options });
	try {
		await waitFor(async () => (await psql('postgres', 'SELECT 1', { allowFail: true })).code === 0, {
			timeoutMs: 60000,
			what: `PostgreSQL on 127.0.0.1:${port}`,
			exited,
		});
		await psql('postgres', 'CREATE DATABASE n8n');
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		host: '127.0.0.1',
		port,
		user,
		password,
		database: 'n8n',
		pid: child.pid,
		/** The cluster's folder under the system's temp folder, there until `stop()` resolves. */
		dir,
		exited,
		/** Rows of a query on the n8n database, each an array of column texts. */
		query: async (sql) => (await psql('n8n', sql)).stdout.split('\n').filter(Boolean).map((line) => line.split('|')),
		stop,
	};
}

/** redis-server in the foreground, no persistence, a password, on a free loopback port. */
async function startRedis({ dir, output }) {
	const bin = redisBin();
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const password = secret();
	// A config file readable by this user only, so that the password is not on a command line `ps` shows.
	const config = path.join(dir, 'redis.conf');
	fs.writeFileSync(config, [`port ${port}`, 'bind 127.0.0.1', 'save ""', 'appendonly no', `dir "${dir}"`, `requirepass ${password}`, ''].join('\n'), { mode: 0o600 });
	const child = spawn(bin, [config], { stdio: ['ignore', 'pipe', 'pipe'] });
	let ready = false;
	child.stdout.on('data', (chunk) => (ready ||= /Ready to accept connections/.test(String(chunk))));
	pipeTo(child, output);
	const { exited, stop } = supervise(child);
	try {
		await waitFor(() => ready, { timeoutMs: 30000, what: `redis-server on 127.0.0.1:${port}`, exited });
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, password, pid: child.pid, exited, stop };
}

module.exports = { startPostgres, startRedis, postgresBin, redisBin, INSTALL_HINT };
