// @ts-check
'use strict';
/**
 * Stoplight Prism mock servers for the contract tests: the API as Prism reads it from the
 * reference files in test/reference/, not as this project's sandbox reads it. Each mock is one
 * `prism mock` process (the CLI, as a user runs it) on a free loopback port, with a recording
 * relay in front of it in this process. The relay hands every byte on unchanged both ways; it is
 * there because Prism's log cannot tie a violation to a request once two are in flight (its
 * validator lines carry no request, and response violations are logged after the answer has gone),
 * while each answer carries Prism's verdict on that very exchange: the `sl-violations` header, or
 * a problem+json body for a route, a method or (with --errors) a request it refuses. Prism's log
 * is captured too, for the tests to read and for failure messages.
 *
 * Plain JavaScript: it needs child processes, sockets and the file system, which n8n's lint keeps
 * out of TypeScript.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const YAML = require('yaml');

const REFERENCE = path.resolve(__dirname, '../reference');
/**
 * The references Prism mocks: the older generation's two extracts (SDK 0.5.1), and the newest,
 * "Management API Reference 2.0.0", of which a derived copy is mocked (see newestCopy).
 */
const SPEC_FILES = {
	dts: 'supermetrics-dts-openapi.yaml',
	logins: 'supermetrics-logins-openapi.yaml',
	newest: 'supermetrics-management-openapi.yaml',
};
/** The newest reference's tags that concern the node; its other 14 tags are other products. */
const NEWEST_TAGS = ['Data Transfers', 'Data Destinations', 'Data Source Logins', 'Table Groups'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const PRISM_CLI = require.resolve('@stoplight/prism-cli/dist/index.js');
/** Prism reads and dereferences a 4000-line spec before it listens: seconds, more on a busy machine. */
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;
/** Requests to this prefix are the relay's own markers in Prism's log, never the node's. */
const SETTLE_PREFIX = '/__contract-settle__/';

/**
 * Options for json-schema-faker, which Prism's dynamic mode uses (`x-json-schema-faker` in the
 * document, the way Prism documents it; the reference itself is not changed, a copy gets the key).
 * - max-items: the spec allows arrays of up to 500 settings × 200 rules × 500 values, and Prism
 *   fills arrays up to their maxItems: GET …/destinations/{id} never finished generating (tried:
 *   over 90 s, one core at 100 %). A few elements per array still give lists of several items.
 * - always-fake-optionals off, optionals-probability 0.5: Prism's default fills every optional
 *   property; the spec leaves many optional (Transfer Create's transfer_id, a destination's id),
 *   and an answer without them is as valid as one with them.
 */
const DYNAMIC_FAKER = { 'max-items': 4, 'always-fake-optionals': false, 'optionals-probability': 0.5 };

/**
 * One violation as Prism reports it (sl-violations header or problem+json `validation`).
 * @typedef {object} Violation
 * @property {Array<string | number>} location e.g. ['query', 'start_date'], ['request', 'body'], ['response', 'body', 'data', 'id']
 * @property {string} severity
 * @property {string | number} code
 * @property {string} message
 */

/**
 * One request that went through a mock, and Prism's answer to it.
 * @typedef {object} Exchange
 * @property {string} method
 * @property {string} url The path and query as sent.
 * @property {string} path
 * @property {Record<string, string>} query
 * @property {import('node:http').IncomingHttpHeaders} headers The request's headers.
 * @property {string} body The request's body.
 * @property {unknown} json The request's body parsed, when it is JSON.
 * @property {string | undefined} operation The spec's operationId for the method and path, if any.
 * @property {number} status Prism's status (0 when Prism gave no answer).
 * @property {Record<string, string | string[] | undefined>} responseHeaders
 * @property {string} responseBody
 * @property {unknown} responseJson The answer parsed, when it is JSON.
 * @property {Violation[]} violations Everything Prism reported about this exchange.
 * @property {{ type: string, title: string, detail: string } | undefined} prismError Prism's own problem answer (no route, no method, invalid request, invalid response).
 * @property {string} upstream Which Prism answered (its label).
 */

/**
 * A spec's operations, for naming what a request called.
 * @param {string} text The spec's YAML (or JSON).
 * @returns {Array<{ method: string, template: string, operationId: string, pattern: RegExp, literals: number }>}
 */
function specOperations(text) {
	const spec = YAML.parse(text);
	const operations = [];
	for (const [template, item] of Object.entries(spec.paths ?? {})) {
		for (const method of METHODS) {
			const operation = item?.[method];
			if (!operation) continue;
			const segments = template.split('/').slice(1);
			const pattern = new RegExp(
				`^/${segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`,
			);
			operations.push({
				method: method.toUpperCase(),
				template,
				operationId: String(operation.operationId),
				pattern,
				literals: segments.filter((s) => !/^\{.+\}$/.test(s)).length,
			});
		}
	}
	// A literal segment wins over a parameter (…/transfers/available-options over …/transfers/{transfer_id}).
	return operations.sort((a, b) => b.literals - a.literals);
}

/** @param {string} text */
function parseJson(text) {
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** @returns {Promise<number>} A port nothing listens on right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

/** @param {number} port @returns {Promise<boolean>} Whether something accepts connections on the port. */
function listening(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Each running Prism's label by its URL, so that an exchange says which answered it. */
const LABELS = new Map();
/**
 * How many requests the relays have handed to each Prism (by its URL), whichever relay sent them:
 * a Prism that has been sent nothing since its last settle has nothing more to log about them.
 */
const FORWARDED = new Map();

/** Process groups still running, killed if the test process exits without stopping them. */
const running = new Set();
process.on('exit', () => {
	for (const pid of running) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// Gone already.
		}
	}
});

/** @param {number} pid */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** @type {string | undefined} */
let newestText;

/**
 * The copy of the newest reference that Prism mocks, as YAML. The reference itself stays as
 * published; Prism cannot serve it as is, for one reason: it declares `servers` per path (DTS
 * backfills, destinations and data source connections on https://dts-api.supermetrics.com/v1 with
 * paths /teams/…; transfers and runs on https://dts-api.supermetrics.com with paths /v1/teams/…;
 * logins on https://api.supermetrics.com with /ds/…; table groups on
 * https://api.supermetrics.com/enterprise/v2 with /table/…), while Prism's mock matches a request
 * by its path alone and ignores servers. So the copy differs from the file in exactly this:
 * - only the paths of the node's four tags (NEWEST_TAGS) are kept, whole (the other 40 paths are
 *   other products: a request to one of them is a route Prism does not know, and so refused);
 * - each kept path's key is its effective URL's path: the path of its server's URL put before it
 *   (/teams/… → /v1/teams/…, /table/… → /enterprise/v2/table/…; /v1/teams/… and /ds/… keep theirs),
 *   and its `servers` is removed; the document's two servers become one, `/`: every effective URL
 *   on one origin, the mock's. The credential's Base URL is then `<mock>/v1` (both DTS forms are
 *   /v1/teams/…) and its Supermetrics API URL `<mock>` (/ds/…, /enterprise/v2/table/…);
 * - for dynamic mode, `x-json-schema-faker` options (below).
 * Everything else (components, parameters, bodies, responses, examples, security) is the file's,
 * node for node, scalars as written: what Prism validates is unchanged. newest.static.test.ts
 * checks that the parsed copy equals the parsed file but for these.
 * @param {Record<string, unknown>} [faker] json-schema-faker options, for dynamic mode.
 * @returns {string}
 */
function newestCopy(faker) {
	if (newestText === undefined) {
		const doc = YAML.parseDocument(fs.readFileSync(path.join(REFERENCE, SPEC_FILES.newest), 'utf8'));
		const paths = /** @type {import('yaml').YAMLMap<import('yaml').Scalar, import('yaml').YAMLMap>} */ (doc.get('paths'));
		const kept = new YAML.YAMLMap();
		for (const pair of paths.items) {
			const template = String(pair.key.value);
			const item = pair.value;
			if (!item) continue;
			const tags = METHODS.flatMap((method) => /** @type {string[] | undefined} */ (item.toJSON()[method]?.tags) ?? []);
			if (!tags.some((tag) => NEWEST_TAGS.includes(tag))) continue;
			const servers = /** @type {Array<{ url: string }> | undefined} */ (item.toJSON().servers);
			if (!servers || servers.length !== 1) throw new Error(`The newest reference's ${template} has ${servers?.length ?? 'no'} servers, not one: newestCopy must learn where it goes`);
			const prefix = new URL(servers[0].url).pathname.replace(/\/+$/, '');
			item.delete('servers');
			kept.items.push(doc.createPair(`${prefix}${template}`, item));
		}
		doc.set('paths', kept);
		doc.set('servers', doc.createNode([{ url: '/', description: 'The contract mock: every effective URL of the kept paths, on one origin.' }]));
		newestText = doc.toString({ lineWidth: 0 });
	}
	return faker ? `${newestText}${YAML.stringify({ 'x-json-schema-faker': faker })}` : newestText;
}

/**
 * The spec file Prism reads: the reference itself; for dynamic mode a copy with json-schema-faker
 * options appended as a top-level key (the reference's text is kept byte for byte before it); for
 * the newest reference always its derived copy (newestCopy).
 * @param {'dts' | 'logins' | 'newest'} spec
 * @param {Record<string, unknown> | undefined} faker
 * @returns {{ file: string, text: string, cleanup: () => void }}
 */
function specFile(spec, faker) {
	const reference = path.join(REFERENCE, SPEC_FILES[spec]);
	if (!faker && spec !== 'newest') return { file: reference, text: fs.readFileSync(reference, 'utf8'), cleanup: () => {} };
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-prism-'));
	const file = path.join(dir, path.basename(reference));
	let text;
	if (spec === 'newest') {
		text = newestCopy(faker);
	} else {
		const original = fs.readFileSync(reference, 'utf8');
		text = `${original.endsWith('\n') ? original : `${original}\n`}${YAML.stringify({ 'x-json-schema-faker': faker })}`;
	}
	fs.writeFileSync(file, text);
	return { file, text, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * @typedef {object} PrismOptions
 * @property {'dts' | 'logins' | 'newest'} spec Which reference file (newest: its derived copy, newestCopy).
 * @property {boolean} [dynamic] Generate answers from the schemas (json-schema-faker) instead of the examples.
 * @property {string | number} [seed] Makes dynamic answers repeatable: the same request gets the same answer.
 * @property {boolean} [errors] Prism's --errors: a request it finds invalid gets an error answer, never a mocked success. Default: on for static, off for dynamic.
 * @property {Record<string, unknown>} [faker] json-schema-faker options for dynamic mode (default DYNAMIC_FAKER).
 * @property {string} [label] How failure messages name this mock.
 */

/**
 * @typedef {object} Mock
 * @property {string} url The relay's origin: the credential's Base URL (or Supermetrics API URL).
 * @property {string} prismUrl Prism's own origin.
 * @property {number} pid Prism's process id (the leader of its process group).
 * @property {string} label
 * @property {PrismOptions} options
 * @property {Exchange[]} exchanges Every exchange since the last take().
 * @property {() => Exchange[]} take The exchanges so far, forgotten here.
 * @property {string[]} log Prism's output, line by line, since it started.
 * @property {() => Promise<void>} settle Resolves once Prism's log holds everything about the requests answered so far.
 * @property {((exchange: { method: string, path: string }) => string | undefined) | undefined} prefer
 *   Sets a Prefer header on requests that reach Prism (e.g. `example=emptyList`), to pick which documented example answers.
 * @property {string} upstream Where the relay sends requests: this mock's Prism, or another's `prismUrl`
 *   (e.g. another seed for a trigger's next poll, so that its lists change); each exchange says which answered.
 * @property {(url: string) => string} labelOf The label of the Prism at a URL.
 * @property {() => Promise<void>} stop Kills Prism and its process group, closes the relay, and checks that neither port is left open.
 */

/**
 * Starts `prism mock` on a free loopback port and a recording relay in front of it. Resolves once
 * Prism says it is listening; rejects (Prism's output in the message) if it exits or does not
 * listen within START_TIMEOUT_MS.
 * @param {PrismOptions} options
 * @returns {Promise<Mock>}
 */
async function startPrism(options) {
	const dynamic = options.dynamic === true;
	const errors = options.errors ?? !dynamic;
	const label = options.label ?? `${options.spec} Prism (${dynamic ? `dynamic, seed ${options.seed ?? 'none'}` : 'static'}${errors ? ', --errors' : ''})`;
	const spec = specFile(options.spec, dynamic ? (options.faker ?? DYNAMIC_FAKER) : undefined);
	const operations = specOperations(spec.text);

	/** @type {Error | undefined} */
	let lastError;
	for (let attempt = 0; attempt < 3; attempt++) {
		const port = await freePort();
		try {
			const prism = await launch({ port, file: spec.file, dynamic, errors, seed: options.seed });
			return await withRelay({ prism, port, operations, label, options, cleanup: spec.cleanup });
		} catch (error) {
			lastError = /** @type {Error} */ (error);
			// Another process took the port between the probe and Prism's listen: try another.
			if (!/EADDRINUSE/.test(String(lastError.message))) break;
		}
	}
	spec.cleanup();
	throw lastError;
}

/**
 * @param {{ port: number, file: string, dynamic: boolean, errors: boolean, seed: string | number | undefined }} how
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, pid: number, log: string[], exited: Promise<void> }>}
 */
function launch({ port, file, dynamic, errors, seed }) {
	const args = [PRISM_CLI, 'mock', '-h', '127.0.0.1', '-p', String(port)];
	if (errors) args.push('--errors');
	if (dynamic) args.push('-d');
	if (seed !== undefined) args.push('--seed', String(seed));
	args.push(file);
	// Its own process group, so that stop() ends whatever Prism may have started with it.
	const child = spawn(process.execPath, args, {
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
	});
	const pid = /** @type {number} */ (child.pid);
	running.add(pid);
	/** @type {string[]} */
	const log = [];
	/** @type {Array<() => void>} */
	const listeners = [];
	const collect = (/** @type {NodeJS.ReadableStream} */ stream) => {
		let rest = '';
		stream.setEncoding('utf8');
		stream.on('data', (chunk) => {
			const lines = (rest + chunk).split('\n');
			rest = lines.pop() ?? '';
			for (const line of lines) log.push(line.replace(/\u001b\[[0-9;]*m/g, ''));
			for (const listener of listeners) listener();
		});
	};
	collect(/** @type {NodeJS.ReadableStream} */ (child.stdout));
	collect(/** @type {NodeJS.ReadableStream} */ (child.stderr));
	// 'close', not 'exit': by then its output has been read to the end.
	const exited = new Promise((resolve) => child.once('close', () => resolve(undefined)));
	exited.then(() => running.delete(pid));

	return new Promise((resolve, reject) => {
		const ready = `Prism is listening on http://127.0.0.1:${port}`;
		let settled = false;
		const fail = (/** @type {string} */ why) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			killGroup(pid, 'SIGKILL');
			reject(new Error(`Prism did not start (${why}). Its output:\n${log.join('\n')}`));
		};
		const timer = setTimeout(() => fail(`not listening after ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
		listeners.push(() => {
			if (settled || !log.some((line) => line.includes(ready))) return;
			settled = true;
			clearTimeout(timer);
			listeners.length = 0;
			resolve({ child, pid, log, exited });
		});
		child.once('close', (code, signal) => fail(`it exited with ${signal ?? `code ${code}`}`));
		child.once('error', (error) => fail(error.message));
	});
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is gone.
	}
}

/** Prism's verdict on one answer: the sl-violations header, and a problem+json body of its own. */
function verdict(/** @type {http.IncomingHttpHeaders} */ headers, /** @type {unknown} */ json) {
	/** @type {Violation[]} */
	const violations = [];
	const header = headers['sl-violations'];
	for (const text of Array.isArray(header) ? header : header ? [header] : []) {
		const parsed = parseJson(text);
		if (Array.isArray(parsed)) violations.push(...parsed);
	}
	let prismError;
	const problem = /** @type {Record<string, unknown> | undefined} */ (json && typeof json === 'object' ? json : undefined);
	if (String(headers['content-type'] ?? '').includes('application/problem+json') && typeof problem?.type === 'string' && problem.type.includes('stoplight.io/prism/errors')) {
		prismError = { type: problem.type.replace(/^.*#/, ''), title: String(problem.title ?? ''), detail: String(problem.detail ?? '') };
		if (Array.isArray(problem.validation)) {
			for (const v of problem.validation) {
				if (!violations.some((seen) => seen.message === v.message && String(seen.location) === String(v.location))) violations.push(v);
			}
		}
	}
	return { violations, prismError };
}

/**
 * @param {{ prism: Awaited<ReturnType<typeof launch>>, port: number, operations: ReturnType<typeof specOperations>, label: string, options: PrismOptions, cleanup: () => void }} parts
 * @returns {Promise<Mock>}
 */
async function withRelay({ prism, port, operations, label, options, cleanup }) {
	const prismUrl = `http://127.0.0.1:${port}`;
	LABELS.set(prismUrl, label);
	let settles = 0;
	let settledAt = 0;
	/** @type {Mock} */
	const mock = {
		url: '',
		prismUrl,
		pid: prism.pid,
		label,
		options,
		exchanges: [],
		take: () => mock.exchanges.splice(0),
		log: prism.log,
		prefer: undefined,
		upstream: prismUrl,
		labelOf: (url) => LABELS.get(url) ?? url,
		settle: async () => {
			// Nothing sent to this Prism since the last settle: its log is as complete as it was then.
			const forwarded = FORWARDED.get(prismUrl) ?? 0;
			if (forwarded === settledAt) return;
			const marker = `${SETTLE_PREFIX}${++settles}`;
			await new Promise((resolve) => {
				const req = http.get(`${prismUrl}${marker}`, { agent: false }, (res) => {
					res.resume();
					res.on('end', resolve);
				});
				req.on('error', resolve);
			});
			const deadline = Date.now() + 5000;
			while (!prism.log.some((line) => line.includes(`${marker} `)) && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			if (prism.log.some((line) => line.includes(`${marker} `))) settledAt = forwarded;
		},
		stop: async () => {},
	};

	const sockets = new Set();
	const relay = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const url = new URL(req.url ?? '/', 'http://relay.invalid');
			const method = req.method ?? 'GET';
			const headers = { ...req.headers };
			const prefer = mock.prefer?.({ method, path: url.pathname });
			if (prefer) headers.prefer = prefer;
			const upstream = new URL(mock.upstream);
			const operation = operations.find((o) => o.method === method && o.pattern.test(url.pathname));
			/** @type {Exchange} */
			const exchange = {
				method,
				url: req.url ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body: body.toString('utf8'),
				json: parseJson(body.toString('utf8')),
				operation: operation?.operationId,
				status: 0,
				responseHeaders: {},
				responseBody: '',
				responseJson: undefined,
				violations: [],
				prismError: undefined,
				upstream: mock.labelOf(mock.upstream),
			};
			mock.exchanges.push(exchange);
			FORWARDED.set(upstream.origin, (FORWARDED.get(upstream.origin) ?? 0) + 1);
			const forward = http.request(
				{ host: upstream.hostname, port: upstream.port, method, path: req.url, headers, agent: false },
				(answer) => {
					/** @type {Buffer[]} */
					const parts = [];
					answer.on('data', (chunk) => parts.push(chunk));
					answer.on('end', () => {
						const text = Buffer.concat(parts);
						exchange.status = answer.statusCode ?? 0;
						exchange.responseHeaders = answer.headers;
						exchange.responseBody = text.toString('utf8');
						exchange.responseJson = parseJson(exchange.responseBody);
						Object.assign(exchange, verdict(answer.headers, exchange.responseJson));
						// The answer exactly as Prism gave it (already read whole, so without chunking).
						const raw = answer.rawHeaders;
						const kept = [];
						for (let i = 0; i < raw.length; i += 2) {
							if (!/^transfer-encoding$/i.test(raw[i])) kept.push(raw[i], raw[i + 1]);
						}
						if (!answer.headers['content-length']) kept.push('Content-Length', String(text.length));
						res.writeHead(exchange.status, kept);
						res.end(text);
					});
				},
			);
			forward.on('error', (error) => {
				exchange.prismError = { type: 'NO_ANSWER', title: 'Prism gave no answer', detail: error.message };
				res.writeHead(502, { 'content-type': 'text/plain' });
				res.end(`relay: Prism gave no answer: ${error.message}`);
			});
			forward.end(body);
		});
	});
	relay.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => relay.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = relay.address();
	const relayPort = typeof address === 'object' && address ? address.port : 0;
	mock.url = `http://127.0.0.1:${relayPort}`;

	mock.stop = async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise((resolve) => relay.close(() => resolve(undefined)));
		killGroup(prism.pid, 'SIGTERM');
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		const ended = await Promise.race([prism.exited.then(() => true), new Promise((resolve) => (timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS)))]);
		clearTimeout(timer);
		if (!ended) {
			killGroup(prism.pid, 'SIGKILL');
			await prism.exited;
		}
		cleanup();
		LABELS.delete(prismUrl);
		FORWARDED.delete(prismUrl);
		const left = [];
		if (alive(prism.pid)) left.push(`Prism (pid ${prism.pid}) is still running`);
		if (await listening(port)) left.push(`port ${port} (Prism) still accepts connections`);
		if (await listening(relayPort)) left.push(`port ${relayPort} (relay) still accepts connections`);
		if (left.length) throw new Error(`${label} left things behind: ${left.join('; ')}`);
	};
	return mock;
}

/**
 * What is wrong with the request of an exchange, as Prism saw it; empty when Prism found it valid.
 * Violations of Prism's own answer (location `response…`) are not the request's: see responseProblems.
 * @param {Exchange} exchange
 * @returns {string[]}
 */
function requestProblems(exchange) {
	const problems = exchange.violations
		.filter((v) => v.location?.[0] !== 'response')
		.map((v) => `${(v.location ?? []).join('.') || 'request'}: ${v.message}`);
	const error = exchange.prismError;
	if (error && error.type !== 'VIOLATIONS' && !(error.type === 'UNPROCESSABLE_ENTITY' && problems.length > 0)) {
		problems.push(`${error.type}: ${error.title}${error.detail ? ` (${error.detail})` : ''}`);
	}
	if (!exchange.operation && !problems.length) problems.push('no operation of the spec has this method and path');
	return problems;
}

/**
 * What Prism found wrong with its own answer (a generated value its validator rejects, an example
 * that does not match its schema): a fact about the spec or the generator, not about the node.
 * @param {Exchange} exchange
 * @returns {string[]}
 */
function responseProblems(exchange) {
	return exchange.violations.filter((v) => v.location?.[0] === 'response').map((v) => `${v.location.join('.')}: ${v.message}`);
}

/**
 * The lines of Prism's log since `from` that report a problem with a request: validation errors
 * and warnings, and requests it terminated, but not its verdicts on its own answers
 * ("Violation: response…") nor the relay's settle markers.
 * @param {string[]} log
 * @param {number} from
 * @returns {string[]}
 */
function logProblems(log, from = 0) {
	return log
		.slice(from)
		.filter((line) => !line.includes(SETTLE_PREFIX))
		// The validator's verdicts and the server's refusals; the negotiator's notes are about which
		// answer Prism picks (e.g. no content for a 204), not about the request.
		.filter((line) => /\[VALIDATOR\]|\[HTTP SERVER\]/.test(line))
		.filter((line) => /(✖|⚠)\s+(error|warning|fatal)/.test(line))
		.filter((line) => !/Violation: response/.test(line))
		// With --errors, an answer Prism finds invalid ends so; a request it refused has lines of its own.
		.filter((line) => !/Request terminated with error: \S+#VIOLATIONS/.test(line));
}

/** @param {Exchange} exchange */
function describeExchange(exchange) {
	return `${exchange.method} ${exchange.url} → ${exchange.status || 'no answer'}${exchange.operation ? ` (${exchange.operation})` : ''}`;
}

/**
 * Every operation (operationId) of a reference file, with its method and path template (for the
 * newest, of its derived copy: the effective URL's path).
 * @param {'dts' | 'logins' | 'newest'} spec
 * @returns {Array<{ operationId: string, method: string, template: string }>}
 */
function specOperationList(spec) {
	const text = spec === 'newest' ? newestCopy() : fs.readFileSync(path.join(REFERENCE, SPEC_FILES[spec]), 'utf8');
	return specOperations(text).map(({ operationId, method, template }) => ({ operationId, method, template }));
}

/** The newest reference as published, and its derived copy, both parsed: for the test that they differ only as newestCopy says. */
function newestFiles() {
	return { reference: YAML.parse(fs.readFileSync(path.join(REFERENCE, SPEC_FILES.newest), 'utf8')), copy: YAML.parse(newestCopy()) };
}

module.exports = {
	startPrism,
	requestProblems,
	responseProblems,
	logProblems,
	describeExchange,
	specOperationList,
	newestFiles,
	NEWEST_TAGS,
	DYNAMIC_FAKER,
};
