'use strict';
/** Child processes for the scripts: output captured (and shown line by line when asked). */
const fs = require('node:fs');
const net = require('node:net');
const { spawn } = require('node:child_process');

const log = (message) => process.stdout.write(`${message}\n`);

/**
 * Runs a command to completion. Rejects on a non-zero exit unless `allowFail`, with the end of its
 * output in the message so a failure in CI says what went wrong.
 */
function run(command, args, { cwd, env, echo = false, allowFail = false, onLine } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const out = [];
		const err = [];
		const lines = (sink, stream) => {
			let pending = '';
			return (chunk) => {
				sink.push(chunk);
				if (echo) stream.write(chunk);
				if (!onLine) return;
				pending += chunk.toString('utf8');
				const parts = pending.split('\n');
				pending = parts.pop();
				parts.forEach(onLine);
			};
		};
		child.stdout.on('data', lines(out, process.stdout));
		child.stderr.on('data', lines(err, process.stderr));
		child.once('error', reject);
		child.once('close', (code, signal) => {
			const result = { code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
			if (code === 0 || allowFail) return resolve(result);
			const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
			reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}:\n${tail}`));
		});
	});
}

/** Resolves with `port` when it is free on 127.0.0.1 (a free one when `port` is 0), else null. */
async function freePort(port = 0) {
	if (port) return await listenOnce(port);
	// Below Linux's ephemeral range (32768-60999), where the kernel never picks a port for an
	// outgoing connection or another listen(0): a port handed out here stays free until the caller
	// binds it, unless another caller of this function draws it too (a start then says so, and the
	// e2e boots retry). Bounded tries, then whatever the kernel gives.
	for (let i = 0; i < 50; i++) {
		const bound = await listenOnce(10000 + Math.floor(Math.random() * 22768));
		if (bound) return bound;
	}
	return await listenOnce(0);
}

function listenOnce(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(null));
		server.listen(port, '127.0.0.1', () => {
			const { port: bound } = server.address();
			server.close(() => resolve(bound));
		});
	});
}

/**
 * A background child: `exited` resolves with its code or signal; `stop()` sends `signal` (once),
 * escalates to SIGKILL after `graceMs`, and resolves once the process is gone.
 */
function supervise(child, { signal = 'SIGTERM', graceMs = 20000 } = {}) {
	const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return exited;
		child.kill(signal);
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		const result = await exited;
		clearTimeout(timer);
		return result;
	};
	return { exited, stop };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `condition` (sync or async) every `intervalMs` until it is truthy and resolves with its
 * value; rejects after `timeoutMs`, or at once when the `exited` promise of a process it waits on
 * settles first. The only way the scripts wait for something: a condition, with a stated bound.
 */
async function waitFor(condition, { timeoutMs, intervalMs = 250, what = 'a condition', exited } = {}) {
	const deadline = Date.now() + timeoutMs;
	let stopped = null;
	exited?.then((result) => (stopped = result));
	for (;;) {
		const value = await condition();
		if (value) return value;
		if (stopped) throw new Error(`${what}: the process exited (${stopped.code ?? stopped.signal}) first`);
		if (Date.now() >= deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s`);
		await sleep(intervalMs);
	}
}

/** /proc reports CPU in clock ticks of USER_HZ, 1/100 s on Linux everywhere Node runs. */
const CLOCK_TICKS = 100;

/**
 * /proc/<pid>/stat's fields from the state on (field 3 is [0]), or undefined once the process is
 * gone. The command name before them is in parentheses and may hold spaces: they start after the
 * last ')'.
 */
function statFields(pid) {
	try {
		const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return text.slice(text.lastIndexOf(')') + 2).split(' ');
	} catch {
		return undefined;
	}
}

/** Every process now: pid → parent pid, CPU ticks used (user + system) and start time; Linux /proc. */
function processTable() {
	const table = new Map();
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const fields = statFields(name);
		if (!fields) continue; // exited meanwhile
		table.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), start: fields[19] });
	}
	return table;
}

/** A live process and all its descendants (n8n's task runner is a child of each n8n process). */
function processTree(rootPid, table = processTable()) {
	const tree = [];
	const pending = table.has(rootPid) ? [rootPid] : [];
	while (pending.length) {
		const pid = pending.pop();
		tree.push(pid);
		for (const [child, stat] of table) if (stat.ppid === pid) pending.push(child);
	}
	return tree;
}

/** CPU time (user + system) a live process and its descendants have used so far, in ms. */
function treeCpuMs(rootPid) {
	const table = processTable();
	return (processTree(rootPid, table).reduce((sum, pid) => sum + table.get(pid).ticks, 0) * 1000) / CLOCK_TICKS;
}

/**
 * A live process and its descendants as processes, not numbers: Linux hands a pid out again once it
 * is free (every 32768 processes here, minutes on a busy CI run), so a pid kept for later is checked
 * against its start time before it is signalled or counted as still running.
 */
function processesOf(rootPid) {
	const table = processTable();
	return processTree(rootPid, table).map((pid) => ({ pid, start: table.get(pid).start }));
}

const startOf = (pid) => statFields(pid)?.[19];

/** One process, as `processesOf` gives them, or undefined if it is gone. */
function processOf(pid) {
	const start = startOf(pid);
	return start === undefined ? undefined : { pid, start };
}

/**
 * Whether a process exists (a zombie counts until its parent reaps it): a pid, or a process from
 * `processesOf`, which counts only while that pid is still the same process.
 */
function alive(process_) {
	const pid = typeof process_ === 'object' ? process_.pid : process_;
	try {
		process.kill(pid, 0);
	} catch (error) {
		if (error.code !== 'EPERM') return false;
	}
	return typeof process_ !== 'object' || startOf(pid) === process_.start;
}

/** Sends `signal` to a process from `processesOf` if it is still that process; true if sent. */
function signalIfSame(process_, signal) {
	if (!alive(process_)) return false;
	try {
		process.kill(process_.pid, signal);
		return true;
	} catch {
		return false; // gone meanwhile
	}
}

module.exports = { run, log, freePort, supervise, sleep, waitFor, processTree, processOf, processesOf, treeCpuMs, alive, signalIfSame };
