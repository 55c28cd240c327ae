'use strict';
/**
 * CPU profiles of a running n8n process over its inspector (started with
 * `--inspect=127.0.0.1:<port>`), for exactly the window the bench measures, and where the time
 * went: self time per package (n8n's own code split by its top folders), per Node internals,
 * garbage collection and idle. Node 22+ has a global WebSocket; on Node 20 (inside `engines`) the
 * `ws` package (a dev dependency) stands in, with the same addEventListener and send.
 */
const { PACKAGE_NAME } = require('./n8n');

const WebSocketClient = globalThis.WebSocket ?? require('ws');

class Inspector {
	static async connect(port) {
		const response = await fetch(`http://127.0.0.1:${port}/json/list`);
		const [target] = await response.json();
		const inspector = new Inspector(new WebSocketClient(target.webSocketDebuggerUrl));
		await new Promise((resolve, reject) => {
			inspector.socket.addEventListener('open', resolve, { once: true });
			inspector.socket.addEventListener('error', () => reject(new Error(`no inspector on port ${port}`)), { once: true });
		});
		return inspector;
	}

	constructor(socket) {
		this.socket = socket;
		this.nextId = 1;
		this.pending = new Map();
		socket.addEventListener('message', ({ data }) => {
			const message = JSON.parse(data);
			const waiting = this.pending.get(message.id);
			if (!waiting) return;
			this.pending.delete(message.id);
			if (message.error) waiting.reject(new Error(message.error.message));
			else waiting.resolve(message.result);
		});
	}

	send(method, params = {}) {
		const id = this.nextId++;
		this.socket.send(JSON.stringify({ id, method, params }));
		return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
	}

	/** Profiles while `fn` runs; resolves with `fn`'s result and the profile. */
	async profile(fn, { samplingIntervalUs = 500 } = {}) {
		await this.send('Profiler.enable');
		await this.send('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
		await this.send('Profiler.start');
		const result = await fn();
		const { profile } = await this.send('Profiler.stop');
		return { result, profile };
	}

	close() {
		this.socket.close();
	}
}

const THIS = `this package (${PACKAGE_NAME})`;
const OUTSIDE = 'outside JavaScript (native work or waiting)';
const IVM = 'isolated-vm (expression sandbox)';
const IO = 'native socket and pipe I/O';
/**
 * Native frames by name. n8n 2.41 evaluates expressions in an isolated-vm isolate
 * (N8N_EXPRESSION_ENGINE=vm, the default), made and disposed per execution: these names are
 * isolated-vm's (Isolate, createContext, eval, evalClosureSync, dispose).
 */
const NATIVE = {
	'(garbage collector)': 'garbage collection',
	'(idle)': OUTSIDE,
	'(program)': OUTSIDE,
	'(root)': OUTSIDE,
	evalClosureSync: IVM,
	Isolate: IVM,
	createContext: IVM,
	eval: IVM,
	dispose: IVM,
	writeBuffer: IO,
	writeUtf8String: IO,
	writeLatin1String: IO,
	writev: IO,
	connect: IO,
};

/** Who a script belongs to: this package, an n8n folder, another package, Node itself. */
function owner(url, functionName) {
	// Frames without a script: V8's own buckets, native bindings and built-ins (JSON.parse, …).
	// Node does not tell V8 when its event loop waits, so waiting shows as (program) too.
	if (!url) return NATIVE[functionName] ?? 'native built-ins';
	if (url.startsWith('node:')) return `Node: ${url.slice(5).split('/')[0]}`;
	const path = url.replace(/^file:\/\//, '');
	if (path.includes(`/${PACKAGE_NAME}/dist/`)) return THIS;
	const modules = path.split('/node_modules/');
	if (modules.length > 1) {
		const rest = modules[modules.length - 1].split('/');
		const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
		const inside = rest.slice(rest[0].startsWith('@') ? 2 : 1);
		// n8n's own code: split by area (webhooks, scaling, executions, task-runners, …).
		if (name === 'n8n' && inside[0] === 'dist') return `n8n: ${inside.length > 2 ? inside[1] : '(top level)'}`;
		return name;
	}
	return 'other';
}

/** Self time (ms) per owner over the whole profile, biggest first. */
function selfTimeByOwner(profile) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const totals = new Map();
	profile.samples.forEach((id, i) => {
		const { callFrame } = byId.get(id);
		const key = owner(callFrame.url, callFrame.functionName);
		totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
	});
	return [...totals].sort((a, b) => b[1] - a[1]);
}

/**
 * This package's share: `own`, self time in its files; `inclusive`, time in samples whose
 * synchronous stack passes through it (its code and what it calls: n8n's parameter and expression
 * engine, its HTTP helper, …), and that time by the owner of the running frame. Code resumed after
 * an `await` starts a new stack, so `inclusive` undercounts asynchronous work.
 */
function packageShare(profile) {
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const ownerOf = (node) => owner(node.callFrame.url, node.callFrame.functionName);
	const memo = new Map();
	const underPackage = (id) => {
		if (!memo.has(id)) memo.set(id, ownerOf(byId.get(id)) === THIS || (parent.has(id) && underPackage(parent.get(id))));
		return memo.get(id);
	};
	const byOwner = new Map();
	profile.samples.forEach((id, i) => {
		if (!underPackage(id)) return;
		const key = ownerOf(byId.get(id));
		byOwner.set(key, (byOwner.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
	});
	const sorted = [...byOwner].sort((a, b) => b[1] - a[1]);
	return { own: byOwner.get(THIS) ?? 0, inclusive: total(sorted), byOwner: sorted };
}

/** The profile's JavaScript time (ms) by owner, without what happened outside JavaScript. */
const javaScriptTime = (byOwner) => byOwner.filter(([key]) => key !== OUTSIDE);
function total(byOwner) {
	return byOwner.reduce((sum, [, ms]) => sum + ms, 0);
}

module.exports = { Inspector, selfTimeByOwner, packageShare, javaScriptTime, total, THIS };
