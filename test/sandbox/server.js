'use strict';
/**
 * The DTS sandbox: a local stand-in for https://dts-api.supermetrics.com/v1, written from
 * shared/reference. It authenticates, validates, rate-limits and answers in the API's shapes, and
 * lets a test inject faults per request (or at random, in chaos mode) and read what it received.
 * Runs and backfills move on by its own clock (clock.js, progress.js), which a test advances.
 */
const http = require('node:http');
const { ApiError, errorBody, uuid7 } = require('./http');
const { createClock, day, iso } = require('./clock');
const { settle, plannedRun, RECURRING_START_MS } = require('./progress');
const { findTransfer } = require('./store');

/**
 * What a test sees of the sandbox. The types describe its face to tests written in TypeScript;
 * the records in `state` are the API's objects plus the sandbox's own bookkeeping.
 *
 * @typedef {object} KeyInfo An API key the sandbox accepts, and what it may do.
 * @property {string[]} scopes
 * @property {number} userId
 * @property {string} email
 * @property {number} teamId
 *
 * @typedef {object} SandboxOptions
 * @property {Record<string, KeyInfo>} [keys] The keys accepted (default: DEFAULT_KEYS).
 * @property {{ limit?: number, windowMs?: number }} [rateLimit] Requests per key and window (default 1000 an hour).
 * @property {number} [maxRecorded] How many requests `requests` keeps, the newest (default 10000).
 * @property {object[]} [routes] More routes, as the route files write them.
 * @property {{ start?: number | string, scale?: number }} [clock] The clock's start and speed (clock.js).
 * @property {number} [latencyMs] A delay before every answer.
 * @property {number} [recentDays] Days of finished daily runs of the seeded transfer, for demos.
 * @property {number} [port]
 * @property {string} [host]
 *
 * @typedef {object} RecordedRequest A request that reached the API (control calls are not recorded).
 * @property {string} method
 * @property {string} path The path after /v1, e.g. /teams/12345/transfers.
 * @property {Record<string, string>} query
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} rawBody
 * @property {unknown} body The body parsed as JSON; undefined when empty or not JSON.
 * @property {string} requestId The request_id of the answer.
 * @property {number} at When it arrived (ms since epoch, real time).
 * @property {string} [fault] The fault it met, if any: 'drop', 'truncate', 'delay' or the status.
 *
 * @typedef {object} Fault A fault for the next matching request (see queueFault).
 * @property {string} [method]
 * @property {string} [path] A substring of the path.
 * @property {number} [status]
 * @property {string} [code]
 * @property {string} [message]
 * @property {string} [description]
 * @property {number} [retryAfter] Seconds, for a 429.
 * @property {boolean} [html]
 * @property {boolean} [truncate]
 * @property {boolean} [drop]
 * @property {number} [delayMs]
 *
 * @typedef {object} Chaos Rates between 0 and 1 of random faults, for soak runs.
 * @property {number} [rate429]
 * @property {number} [rate500]
 * @property {number} [rateDrop]
 * @property {number} [rateSlow]
 * @property {number} [retryAfter]
 * @property {number} [slowMs]
 * @property {number} [seed]
 *
 * @typedef {object} Gate Requests held unanswered until `release()` (see hold).
 * @property {string} [method]
 * @property {string} [path]
 * @property {number} held How many requests reached the gate.
 * @property {Promise<void>} opened
 * @property {() => void} release
 *
 * @typedef {object} AddedRun A run added by `addRun`, and when and how it will end.
 * @property {string} id
 * @property {string} transfer_id
 * @property {string} data_date
 * @property {string} created_time
 * @property {string} ends_at
 * @property {string} outcome
 *
 * @typedef {Record<string, unknown>} ApiRecord A record as the sandbox keeps it.
 * @typedef {object} State The sandbox's data, set up by the route files' `reset`.
 * @property {Map<string, ApiRecord>} connections Data source connections by connection_id.
 * @property {Map<string, ApiRecord & { fields: Record<string, unknown> }>} destinations Destinations by id, with the fields (secrets too) as sent.
 * @property {Map<string, ApiRecord & { state: string, deleted: boolean }>} transfers Transfers by id.
 * @property {Map<string, ApiRecord & { status: string }>} runs Transfer runs by id.
 * @property {Map<string, ApiRecord & { status: string }>} backfills Backfills by id.
 *
 * @typedef {object} Sandbox
 * @property {string} url The Base URL: `http://<host>:<port>/v1` once started.
 * @property {number} port
 * @property {RecordedRequest[]} requests Every request received, oldest first.
 * @property {Fault[]} faults Faults waiting for the next matching request.
 * @property {Gate[]} gates Open gates.
 * @property {(Chaos & { next: () => number }) | null} chaos
 * @property {number} latencyMs
 * @property {State} state
 * @property {Map<string, { start: number, count: number }>} windows Rate-limit windows by key.
 * @property {{ requests: number, faults: Record<string, number> }} counts
 * @property {number} inFlight Requests being handled now.
 * @property {number} maxInFlight The most at once since the last reset.
 * @property {{ scale: number, now: () => number, advance: (ms: number) => number }} clock
 * @property {() => void} settle
 * @property {(run: { teamId?: string, transferId?: string, dataDate?: string, durationMs?: number, outcome?: string }) => AddedRun} addRun
 * @property {() => void} reset
 * @property {(...faults: Fault[]) => number} queueFault
 * @property {(match?: { method?: string, path?: string }) => Gate} hold
 * @property {(chaos: Chaos | null) => void} setChaos
 * @property {(port?: number, host?: string) => Promise<Sandbox>} start
 * @property {() => Promise<void>} close
 */

const BASE_PATH = '/v1';
const HOUR_MS = 3600 * 1000;

/** Keys the sandbox accepts. The read-only one lacks dwh_transfers_write, so writes get 403. */
const DEFAULT_KEYS = {
	'sandbox-demo-key': {
		scopes: ['dwh_transfers_read', 'dwh_transfers_write'],
		userId: 1001,
		email: 'demo@sandbox.invalid',
		teamId: 12345,
	},
	'sandbox-readonly-key': {
		scopes: ['dwh_transfers_read'],
		userId: 1002,
		email: 'readonly@sandbox.invalid',
		teamId: 12345,
	},
};

const ROUTE_FILES = [
	'./routes/me',
	'./routes/dataSourceConnections',
	'./routes/destinations',
	'./routes/transfers',
	'./routes/transferRuns',
	'./routes/backfills',
];

/**
 * JSON with BigInt values written as plain integer literals, as an int64 API writes them. The
 * replacer reads the raw value (`this[key]`): n8n-workflow, loaded in the same process by engine
 * tests, gives BigInt a toJSON that would otherwise turn it into a string first.
 */
function stringify(body) {
	return JSON.stringify(body, function (key, value) {
		return typeof this[key] === 'bigint' ? `\u0000bigint:${this[key]}` : value;
	}).replace(
		/"\\u0000bigint:(-?\d+)"/g,
		'$1',
	);
}

function compile(route) {
	const names = [];
	const source = route.path.replace(/:([a-z_]+)/g, (_, name) => {
		names.push(name);
		return '([^/]+)';
	});
	return { ...route, regex: new RegExp(`^${source}/?$`), names };
}

/** A small seeded generator, so a chaos run can be repeated exactly. */
function random(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {SandboxOptions} [options]
 * @returns {Sandbox}
 */
function createSandbox(options = {}) {
	const keys = options.keys ?? DEFAULT_KEYS;
	const rateLimit = { limit: 1000, windowMs: HOUR_MS, ...options.rateLimit };
	const maxRecorded = options.maxRecorded ?? 10000;
	const routes = ROUTE_FILES.flatMap((file) => require(file)).concat(options.routes ?? []).map(compile);
	const clock = createClock(options.clock);

	/** @type {Sandbox} */
	const sandbox = {
		url: '',
		port: 0,
		/** Every request received, oldest first: method, path, query, headers, raw body, parsed body. */
		requests: [],
		/** Faults waiting for the next matching request, consumed one per request. */
		faults: [],
		/** Open gates: matching requests wait, recorded but unanswered, until the gate is released. */
		gates: [],
		chaos: null,
		latencyMs: options.latencyMs ?? 0,
		state: {},
		windows: new Map(),
		counts: { requests: 0, faults: {} },
		/** Requests being handled now, and the most at once since the last reset. */
		inFlight: 0,
		maxInFlight: 0,
		/**
		 * The sandbox's time (still unless `options.clock.scale` is set): `now()` in ms, and
		 * `advance(ms)`, after which runs and backfills are where that much time would take them.
		 */
		clock: {
			scale: clock.scale,
			now: () => clock.now(),
			advance: (ms) => {
				clock.advance(ms);
				sandbox.settle();
				return clock.now();
			},
		},
	};

	/** Brings runs and backfills up to the clock; each request does it first. */
	sandbox.settle = () => settle(sandbox.state, clock.now());

	/**
	 * A recurring run of a transfer, created now as if its schedule had started it: QUEUED, running
	 * after 30 s for `durationMs` (by default one to three minutes), then `outcome` (by default
	 * FAILED for a data date on the 13th, else COMPLETED). The data date defaults to yesterday.
	 */
	sandbox.addRun = ({ teamId = '12345', transferId, dataDate, durationMs, outcome } = {}) => {
		sandbox.settle();
		const now = clock.now();
		const transfer = findTransfer(sandbox.state, String(teamId), String(transferId));
		const run = plannedRun(
			sandbox.state,
			{ transfer_id: transfer.transfer_id, team_id: transfer.team_id, type: 'Recurring', data_date: dataDate ?? day(now - 24 * 3600 * 1000) },
			{ createdAt: now, startAt: now + RECURRING_START_MS, durationMs, outcome },
		);
		return { id: String(run.id), transfer_id: run.transfer_id, data_date: run.data_date, created_time: run.created_time, ends_at: iso(run.plan.endAt), outcome: run.plan.outcome };
	};

	sandbox.reset = () => {
		for (const gate of [...sandbox.gates]) gate.release();
		sandbox.requests.length = 0;
		sandbox.faults.length = 0;
		sandbox.chaos = null;
		sandbox.windows.clear();
		sandbox.counts = { requests: 0, faults: {} };
		sandbox.maxInFlight = sandbox.inFlight;
		clock.reset();
		sandbox.state = { connections: new Map() };
		for (const route of routes) route.reset?.(sandbox.state);
		// A history for demos: the seeded transfer's daily runs of the last few days (at most 7), finished.
		if (options.recentDays) {
			sandbox.state.transfers.get('36091').generatedUntil = clock.now() - options.recentDays * 24 * 3600 * 1000;
			sandbox.settle();
		}
	};
	sandbox.reset();

	/**
	 * Queue a fault for the next request (matching `method` and a `path` substring when given):
	 * `{status, code?, message?, description?, retryAfter?}` answers with that error;
	 * `{status, html: true}` with an HTML page, as a proxy would; `{truncate: true}` handles the
	 * request but cuts its answer in half; `{drop: true}` closes the socket unanswered;
	 * `{delayMs}` answers late.
	 */
	sandbox.queueFault = (...faults) => sandbox.faults.push(...faults);

	/**
	 * Holds every request matching `method` and a `path` substring (all when not given) until
	 * `release()`: the request is recorded, then waits before it is handled, as an API that is slow
	 * to answer. `held` counts the requests that reached the gate. A test waits on `held` to know
	 * how many requests its clients have in flight, then decides what happens to them.
	 */
	sandbox.hold = ({ method, path } = {}) => {
		let open;
		const gate = { method, path, held: 0, opened: new Promise((resolve) => (open = resolve)) };
		gate.release = () => {
			const index = sandbox.gates.indexOf(gate);
			if (index >= 0) sandbox.gates.splice(index, 1);
			open();
		};
		sandbox.gates.push(gate);
		return gate;
	};

	/** Random faults for soak runs: rates between 0 and 1 for 429, 500, dropped and slow answers. */
	sandbox.setChaos = (chaos) => {
		sandbox.chaos = chaos ? { retryAfter: 1, slowMs: 5000, seed: 42, ...chaos } : null;
		if (sandbox.chaos) sandbox.chaos.next = random(sandbox.chaos.seed);
	};

	function takeFault(method, path) {
		const index = sandbox.faults.findIndex(
			(f) => (!f.method || f.method === method) && (!f.path || path.includes(f.path)),
		);
		if (index >= 0) return sandbox.faults.splice(index, 1)[0];
		const chaos = sandbox.chaos;
		if (!chaos || path === '/me') return null;
		let roll = chaos.next();
		for (const [rate, fault] of [
			[chaos.rate429, { status: 429, retryAfter: chaos.retryAfter }],
			[chaos.rate500, { status: 500 }],
			[chaos.rateDrop, { drop: true }],
			[chaos.rateSlow, { delayMs: chaos.slowMs }],
		]) {
			if (rate && roll < rate) return fault;
			roll -= rate ?? 0;
		}
		return null;
	}

	function authenticate(req, body) {
		const header = req.headers.authorization;
		let key = typeof header === 'string' ? header.replace(/^Bearer\s+/i, '').trim() : '';
		// The reference lists api_key as a body alternative to the header.
		if (!key && body && typeof body === 'object' && typeof body.api_key === 'string') key = body.api_key;
		const found = key ? keys[key] : undefined;
		if (!found) throw new ApiError(401);
		return { ...found, key };
	}

	function countRequest(key, response) {
		const now = Date.now();
		let window = sandbox.windows.get(key.key);
		if (!window || now - window.start >= rateLimit.windowMs) {
			window = { start: now, count: 0 };
			sandbox.windows.set(key.key, window);
		}
		window.count++;
		response.rateHeaders = {
			'X-RateLimit-Limit': String(rateLimit.limit),
			'X-RateLimit-Remaining': String(Math.max(0, rateLimit.limit - window.count)),
		};
		if (window.count > rateLimit.limit) {
			const seconds = Math.max(1, Math.ceil((window.start + rateLimit.windowMs - now) / 1000));
			throw new ApiError(429, { description: `Rate limit of ${rateLimit.limit} requests per hour exceeded.` }, { 'Retry-After': String(seconds) });
		}
	}

	function send(res, status, body, headers = {}, truncate = false) {
		let text = typeof body === 'string' ? body : stringify(body);
		if (truncate) text = text.slice(0, Math.floor(text.length / 2));
		res.writeHead(status, {
			// The API's own time, as HTTP servers send it; the sandbox's is its clock.
			Date: new Date(clock.now()).toUTCString(),
			'Content-Type': 'application/json',
			'Access-Control-Allow-Origin': '*',
			'Content-Length': Buffer.byteLength(text),
			...headers,
		});
		res.end(text);
	}

	async function control(req, res, path, raw) {
		const body = raw ? JSON.parse(raw) : undefined;
		if (req.method === 'POST' && path === '/faults') {
			sandbox.queueFault(...(Array.isArray(body) ? body : [body]));
			return send(res, 200, { queued: sandbox.faults.length });
		}
		if (req.method === 'POST' && path === '/chaos') {
			sandbox.setChaos(body ?? null);
			return send(res, 200, { chaos: Boolean(sandbox.chaos) });
		}
		if (req.method === 'POST' && path === '/reset') {
			sandbox.reset();
			return send(res, 200, { reset: true });
		}
		if (req.method === 'GET' && path === '/requests') return send(res, 200, sandbox.requests);
		if (path === '/clock' && (req.method === 'GET' || req.method === 'POST')) {
			const advanceMs = req.method === 'POST' ? Number(body?.advanceMs ?? 0) : 0;
			if (!(Number.isFinite(advanceMs) && advanceMs >= 0)) return send(res, 400, { error: 'advanceMs must be a number of milliseconds, 0 or more' });
			sandbox.clock.advance(advanceMs);
			return send(res, 200, { now: iso(clock.now()), scale: clock.scale });
		}
		if (req.method === 'POST' && path === '/runs') {
			try {
				return send(res, 200, sandbox.addRun({ teamId: body?.team_id, transferId: body?.transfer_id, dataDate: body?.data_date, durationMs: body?.duration_ms, outcome: body?.outcome }));
			} catch (error) {
				return send(res, 404, { error: error.description ?? String(error.message) });
			}
		}
		return send(res, 404, { error: 'unknown sandbox control path' });
	}

	async function handle(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const raw = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url, 'http://sandbox');

		if (url.pathname.startsWith('/__sandbox/')) return control(req, res, url.pathname.slice(10), raw);

		const requestId = uuid7();
		const path = url.pathname.startsWith(`${BASE_PATH}/`) ? url.pathname.slice(BASE_PATH.length) : null;
		const record = {
			method: req.method,
			path: path ?? url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			rawBody: raw,
			body: undefined,
			requestId,
			at: Date.now(),
		};
		try {
			record.body = raw ? JSON.parse(raw) : undefined;
		} catch {
			record.body = undefined;
		}
		sandbox.counts.requests++;
		sandbox.requests.push(record);
		if (sandbox.requests.length > maxRecorded) sandbox.requests.shift();

		if (sandbox.latencyMs) await delay(sandbox.latencyMs);
		const gate = sandbox.gates.find((g) => (!g.method || g.method === req.method) && (!g.path || record.path.includes(g.path)));
		if (gate) {
			gate.held++;
			await gate.opened;
		}
		const fault = takeFault(req.method, record.path);
		if (fault) {
			const kind = fault.drop ? 'drop' : fault.truncate ? 'truncate' : fault.status ? String(fault.status) : 'delay';
			sandbox.counts.faults[kind] = (sandbox.counts.faults[kind] ?? 0) + 1;
			record.fault = kind;
			if (fault.drop) return req.socket.destroy();
			if (fault.delayMs) await delay(fault.delayMs);
			if (fault.status && fault.html) {
				return send(res, fault.status, `<html><head><title>${fault.status} Bad Gateway</title></head><body><center><h1>${fault.status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`, { 'Content-Type': 'text/html' });
			}
			if (fault.status) {
				const error = new ApiError(fault.status, fault);
				const headers = fault.status === 429 ? { 'Retry-After': String(fault.retryAfter ?? 1) } : {};
				return send(res, fault.status, errorBody(requestId, error), headers);
			}
		}

		const response = { rateHeaders: {} };
		try {
			if (path === null) throw new ApiError(404);
			const candidates = routes.filter((r) => r.regex.exec(path));
			if (candidates.length === 0) throw new ApiError(404, { description: `No route for ${path}.` });
			const route = candidates.find((r) => r.method === req.method);
			if (!route) throw new ApiError(405, { code: 'METHOD_NOT_ALLOWED', message: 'Method Not Allowed', description: `${req.method} is not allowed on ${path}.` });

			let body;
			if (raw) {
				try {
					body = JSON.parse(raw);
				} catch {
					body = Symbol.for('invalid');
				}
			}
			const key = authenticate(req, body);
			sandbox.settle();
			if (route.scope && !key.scopes.includes(route.scope)) throw new ApiError(403);
			countRequest(key, response);
			if (body === Symbol.for('invalid')) throw new ApiError(400, { description: 'The request body is not valid JSON.' });

			const match = route.regex.exec(path);
			const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
			const result = route.handle({
				params,
				query: record.query,
				body,
				key,
				state: sandbox.state,
				now: clock.now(),
				baseUrl: `${sandbox.url}`,
			});
			const payload = result.data !== undefined ? { meta: { request_id: requestId }, data: result.data } : result.body;
			return send(res, result.status ?? 200, payload ?? '', { ...response.rateHeaders, ...result.headers }, fault?.truncate);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			return send(res, error.status, errorBody(requestId, error), { ...response.rateHeaders, ...error.headers });
		}
	}

	const server = http.createServer((req, res) => {
		if (!req.url.startsWith('/__sandbox/')) {
			sandbox.inFlight++;
			sandbox.maxInFlight = Math.max(sandbox.maxInFlight, sandbox.inFlight);
			res.once('close', () => sandbox.inFlight--);
		}
		handle(req, res).catch((error) => {
			if (!res.headersSent) send(res, 500, errorBody(uuid7(), new ApiError(500, { description: String(error?.message ?? error) })));
		});
	});
	server.keepAliveTimeout = 30000;

	sandbox.start = (port = options.port ?? 0, host = options.host ?? '127.0.0.1') =>
		new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => {
				sandbox.port = server.address().port;
				sandbox.url = `http://${host}:${sandbox.port}${BASE_PATH}`;
				resolve(sandbox);
			});
		});
	sandbox.close = () =>
		new Promise((resolve) => {
			server.closeAllConnections?.();
			server.close(() => resolve());
		});
	return sandbox;
}

module.exports = { createSandbox, DEFAULT_KEYS, BASE_PATH };
