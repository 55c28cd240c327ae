'use strict';
/**
 * The Supermetrics sandbox: local stand-ins, written from shared/reference, for two origins of one
 * API key: the DTS API (https://dts-api.supermetrics.com/v1, `url`) and the Supermetrics API's
 * data source login links and logins (https://api.supermetrics.com, no prefix, `apiUrl`), with the
 * newest reference's Table Groups on that origin under /enterprise/v2. It
 * authenticates with each operation's own scheme, validates, rate-limits (one window per key for
 * both origins) and answers in the APIs' shapes, and lets a test inject faults per request (or at
 * random, in chaos mode) and read what it received. Runs, backfills, login links and logins move
 * on by its own clock (clock.js, progress.js, logins.js), which a test advances.
 */
const http = require('node:http');
const { ApiError, errorBody, plainErrorBody, uuid7, STANDARD_ERRORS, LOGINS_ERRORS } = require('./http');
const { createClock, day, iso, toMs } = require('./clock');
const { settle, plannedRun, RECURRING_START_MS } = require('./progress');
const { findTransfer } = require('./store');
const { RUN_DATE_FORMS } = require('./validate');
const logins = require('./logins');
const pages = require('./loginPage');

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
 * @typedef {'day' | 'date-time' | 'both'} RunDateForm Which form of start_date/end_date List Transfer Runs takes.
 *
 * @typedef {object} SandboxOptions
 * @property {Record<string, KeyInfo>} [keys] The keys accepted (default: DEFAULT_KEYS), on both APIs.
 * @property {{ limit?: number, windowMs?: number }} [rateLimit] Requests per key and window, both APIs together (default 1000 an hour).
 * @property {number} [maxRecorded] How many requests `requests` keeps, the newest (default 10000).
 * @property {object[]} [routes] More routes, as the route files write them (`api: 'logins'` for the second origin).
 * @property {{ start?: number | string, scale?: number }} [clock] The clock's start and speed (clock.js).
 * @property {number} [latencyMs] A delay before every answer.
 * @property {number} [recentDays] Days of finished daily runs of the seeded transfer, for demos.
 * @property {RunDateForm} [runDateForm] The runs dates taken (default 'both').
 * @property {AuthReading} [auth] Which Authorization forms are taken (default 'bearer').
 * @property {number} [loginLinkLimit] OPEN login links a team may have before Create answers 403 PERMISSION_ERROR (default 1000).
 * @property {number} [port] The DTS API's port (default: a free one).
 * @property {number} [apiPort] The Supermetrics API's port, for the logins (default: a free one).
 * @property {string} [host]
 *
 * @typedef {'dts' | 'logins'} ApiName Which origin a request came to.
 *
 * @typedef {'bearer' | 'keyOnly' | 'perPath'} AuthReading Which form of the Authorization header
 * the sandbox takes: 'bearer' as the newest reference (Management API 2.0.0) declares it, Bearer on
 * every path and the key alone refused; 'keyOnly' as the older Create Data Source Connection page
 * shows it, the key alone on every path and Bearer refused; 'perPath' as the older reference files
 * declare it per operation (each route's `auth`: Bearer only on BearerAuth paths, either form on
 * ApiKeyAuth paths).
 *
 * @typedef {object} RecordedRequest A request that reached an API (control calls and login pages are not recorded).
 * @property {ApiName} api
 * @property {string} method
 * @property {string} path The path after /v1 on DTS (e.g. /teams/12345/transfers), the whole path on logins (e.g. /ds/logins).
 * @property {Record<string, string>} query
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} rawBody
 * @property {unknown} body The body parsed as JSON; undefined when empty or not JSON.
 * @property {string} requestId The request_id of the answer.
 * @property {number} at When it arrived (ms since epoch, real time).
 * @property {string} [fault] The fault it met, if any: 'drop', 'truncate', 'delay' or the status.
 * @property {number} [status] The status it was answered with (none for a dropped connection).
 *
 * @typedef {object} Fault A fault for the next matching request (see queueFault).
 * @property {ApiName} [api]
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
 * @property {ApiName} [api]
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
 * @typedef {object} DataSourceLogin A login as GET /ds/login/{login_id} answers it.
 * @property {'ds_login'} '@type'
 * @property {string} login_id A numeric string: DTS carries it as an int32.
 * @property {string} login_type
 * @property {string} username
 * @property {string} display_name
 * @property {{ '@type': 'ds', ds_id: string, name: string }} ds_info
 * @property {string[]} default_scopes
 * @property {string[]} additional_scopes
 * @property {string} auth_time
 * @property {{ '@type': 'user', user_id: string, email: string }} auth_user_info
 * @property {string | null} expiry_time
 * @property {string | null} revoked_time
 * @property {boolean} is_refreshable
 * @property {boolean} is_shared
 *
 * @typedef {object} NewLogin A login for `addLogin`, made as if authorized through a link.
 * @property {string} dsId A data source of the catalog, e.g. 'FA'.
 * @property {string} [username] Default client@example.com.
 * @property {string | number} [teamId] Default 12345.
 * @property {string | number} [authTime] Default now.
 * @property {string | number | null} [expiryTime] Default 60 days after authTime; null for none.
 * @property {boolean} [isRefreshable] Default by data source (catalog.js, NOT_REFRESHABLE).
 * @property {number | Array<{ account_id: string, name: string, group?: string }>} [accounts] How many, or which (default two or three derived from the login).
 *
 * @typedef {Record<string, unknown>} ApiRecord A record as the sandbox keeps it.
 * @typedef {object} State The sandbox's data, set up by the route files' `reset`.
 * @property {Map<string, ApiRecord>} connections Data source connections by connection_id.
 * @property {Map<string, ApiRecord & { fields: Record<string, unknown> }>} destinations Destinations by id, with the fields (secrets too) as sent.
 * @property {Map<string, ApiRecord & { state: string, deleted: boolean }>} transfers Transfers by id.
 * @property {Map<string, ApiRecord & { status: string }>} runs Transfer runs by id.
 * @property {Map<string, ApiRecord & { status: string }>} backfills Backfills by id.
 * @property {Map<string, ApiRecord & { status_code: string, team_id: string, expiryMs: number }>} loginLinks Login links by link_id.
 * @property {Map<string, ApiRecord & { login_id: string, team_id: string, ds_id: string, expiryMs: number | null, revoked_time: string | null, accounts: Array<{ account_id: string, name: string, group: string }> }>} logins Data source logins by login_id.
 * @property {Array<{ destination_id: string, team_id: string, field: string, at: number }>} secretRotations Batch Rotate Secrets' successes, oldest first (which field of which destination, never the secret).
 * @property {Map<string, ApiRecord & { group_id: string, team_id: string, schema_id: number, name: string, revision: number }>} tableGroups Table groups by group_id (tableGroups.js).
 *
 * @typedef {object} Sandbox
 * @property {string} url The DTS Base URL: `http://<host>:<port>/v1` once started.
 * @property {number} port
 * @property {string} apiUrl The Supermetrics API's base URL, for the logins: `http://<host>:<apiPort>` once started (paths /ds/...).
 * @property {number} apiPort
 * @property {RecordedRequest[]} requests Every request received by either API, oldest first.
 * @property {Map<string, number>} sessions Sign-ins on the login pages of require_login links: session cookie → team id.
 * @property {Fault[]} faults Faults waiting for the next matching request.
 * @property {Gate[]} gates Open gates.
 * @property {(Chaos & { next: () => number }) | null} chaos
 * @property {number} latencyMs
 * @property {State} state
 * @property {Map<string, { start: number, count: number }>} windows Rate-limit windows by key, for both APIs.
 * @property {{ limit: number, windowMs: number }} rateLimit The limit now (setRateLimit changes it, reset restores the option's).
 * @property {RunDateForm} runDateForm
 * @property {number} loginLinkLimit
 * @property {{ requests: number, faults: Record<string, number> }} counts
 * @property {number} inFlight Requests being handled now.
 * @property {number} maxInFlight The most at once since the last reset.
 * @property {{ scale: number, now: () => number, advance: (ms: number) => number }} clock
 * @property {() => void} settle
 * @property {(run: { teamId?: string, transferId?: string, dataDate?: string, durationMs?: number, outcome?: string }) => AddedRun} addRun
 * @property {(linkId: string, options?: { username?: string, signedInTeamId?: string | number }) => DataSourceLogin} completeLogin Authorizes an OPEN link, as its page's Authorize button does (signed in as a member of that team, for a link made with require_login).
 * @property {(login: NewLogin) => DataSourceLogin} addLogin
 * @property {(loginId: string, at?: string | number) => DataSourceLogin} expireLogin Moves a login's expiry_time (default: now).
 * @property {(limit: { limit?: number, windowMs?: number }) => { limit: number, windowMs: number }} setRateLimit
 * @property {AuthReading} auth The Authorization forms taken now (setAuth changes it, reset restores the option's).
 * @property {(reading: AuthReading) => void} setAuth
 * @property {(form: RunDateForm) => void} setRunDateForm
 * @property {() => void} reset
 * @property {(...faults: Fault[]) => number} queueFault
 * @property {(match?: { api?: ApiName, method?: string, path?: string }) => Gate} hold
 * @property {(chaos: Chaos | null) => void} setChaos
 * @property {(port?: number, host?: string, apiPort?: number) => Promise<Sandbox>} start Starts both APIs.
 * @property {() => Promise<void>} close Closes both.
 */

const BASE_PATH = '/v1';
const HOUR_MS = 3600 * 1000;
/** The spec's X-RateLimit-Limit and -Remaining are at most 10000. */
const MAX_RATE_HEADER = 10000;

/** The logins API's scopes, as the newest reference declares them per operation. */
const LOGINS_READ_SCOPES = ['ds_login_links_read', 'ds_logins_read', 'ds_accounts_read'];
const LOGINS_SCOPES = ['ds_login_links_write', 'ds_logins_write', ...LOGINS_READ_SCOPES];

/**
 * Keys the sandbox accepts, on both APIs. The read-only one lacks dwh_transfers_write, so DTS
 * writes get 403, and of the logins scopes has only the read ones (links, logins, accounts).
 */
const DEFAULT_KEYS = {
	'sandbox-demo-key': {
		scopes: ['dwh_transfers_read', 'dwh_transfers_write', ...LOGINS_SCOPES],
		userId: 1001,
		email: 'demo@sandbox.invalid',
		teamId: 12345,
	},
	'sandbox-readonly-key': {
		scopes: ['dwh_transfers_read', ...LOGINS_READ_SCOPES],
		userId: 1002,
		email: 'readonly@sandbox.invalid',
		teamId: 12345,
	},
};

const ROUTE_FILES = [
	'./routes/dataSourceConnections',
	'./routes/destinations',
	'./routes/transfers',
	'./routes/transferCopies',
	'./routes/transferRuns',
	'./routes/backfills',
	'./routes/loginLinks',
	'./routes/logins',
	'./routes/tableGroups',
];

/**
 * The two origins. A route's `auth` is its operation's security scheme in the spec: 'bearer'
 * (BearerAuth: `Authorization: Bearer <key>` only) or 'apiKey' (ApiKeyAuth: the key alone, and
 * Bearer too, which Supermetrics' SDK sends everywhere and production takes). DTS declares
 * ApiKeyAuth on all but the backfills, so that is its default; every logins route says its own.
 */
const APIS = {
	dts: { name: 'dts', basePath: BASE_PATH, defaultAuth: 'apiKey', errors: STANDARD_ERRORS, invalidBodyStatus: 400 },
	logins: { name: 'logins', basePath: '', defaultAuth: 'bearer', errors: LOGINS_ERRORS, invalidBodyStatus: 422 },
};

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
	const api = APIS[route.api ?? 'dts'];
	if (!api) throw new Error(`Route ${route.method} ${route.path}: unknown api '${route.api}'`);
	const auth = route.auth ?? api.defaultAuth;
	if (!['bearer', 'apiKey'].includes(auth)) throw new Error(`Route ${route.method} ${route.path}: auth must be 'bearer' or 'apiKey', not '${auth}'`);
	return { ...route, api: api.name, auth, regex: new RegExp(`^${source}/?$`), names };
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

function checkRateLimit({ limit, windowMs }) {
	if (!(Number.isInteger(limit) && limit >= 1)) throw new Error(`The rate limit must be a whole number of requests, 1 or more, not ${limit}`);
	if (!(Number.isFinite(windowMs) && windowMs >= 1000)) throw new Error(`The rate-limit window must be 1000 ms or more, not ${windowMs}`);
	return { limit, windowMs };
}

function checkRunDateForm(form) {
	if (!RUN_DATE_FORMS.includes(form)) throw new Error(`The run date form must be one of ${RUN_DATE_FORMS.join(', ')}, not ${JSON.stringify(form)}`);
	return form;
}

const AUTH_READINGS = ['bearer', 'keyOnly', 'perPath'];

function checkAuth(reading) {
	if (!AUTH_READINGS.includes(reading)) throw new Error(`The auth reading must be one of ${AUTH_READINGS.join(', ')}, not ${JSON.stringify(reading)}`);
	return reading;
}

/** The refusal of a bare key where Bearer is declared (the spec's 401 Unauthorized). */
function bearerRequired() {
	return new ApiError(401, {
		code: 'UNAUTHORIZED',
		message: 'Authentication is required.',
		description: 'This endpoint takes the API key as a bearer token: send Authorization: Bearer <key>.',
	});
}

/** The refusal of a Bearer token where only the key alone is taken (the older page's reading). */
function keyAloneRequired() {
	return new ApiError(401, {
		code: 'API_KEY_INVALID',
		message: 'Invalid API key',
		description: 'Provided API key was invalid.',
	});
}

/**
 * @param {SandboxOptions} [options]
 * @returns {Sandbox}
 */
function createSandbox(options = {}) {
	const keys = options.keys ?? DEFAULT_KEYS;
	const initialRateLimit = checkRateLimit({ limit: 1000, windowMs: HOUR_MS, ...options.rateLimit });
	const initialRunDateForm = checkRunDateForm(options.runDateForm ?? 'both');
	const initialAuth = checkAuth(options.auth ?? 'bearer');
	const maxRecorded = options.maxRecorded ?? 10000;
	const routes = ROUTE_FILES.flatMap((file) => require(file)).concat(options.routes ?? []).map(compile);
	const clock = createClock(options.clock);

	/** @type {Sandbox} */
	const sandbox = {
		url: '',
		port: 0,
		apiUrl: '',
		apiPort: 0,
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
		/** Login-page sign-ins (require_login links): session cookie → team id. */
		sessions: new Map(),
		rateLimit: { ...initialRateLimit },
		runDateForm: initialRunDateForm,
		auth: initialAuth,
		loginLinkLimit: options.loginLinkLimit ?? 1000,
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

	/** Brings runs, backfills, links and logins up to the clock; each request does it first. */
	sandbox.settle = () => {
		settle(sandbox.state, clock.now());
		logins.settleLogins(sandbox.state, clock.now());
	};

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

	/** Helpers throw plain Errors with the API's description, which reads better in a test. */
	function helper(fn) {
		try {
			return fn();
		} catch (error) {
			if (error instanceof ApiError) throw Object.assign(new Error(error.description), { status: error.status });
			throw error;
		}
	}

	/**
	 * Authorizes a login link as its page's Authorize button does (as `username`, by default the
	 * link's require_username or client@example.com); the login is new, or the team's live login
	 * of that source and username renewed. Throws when the link is unknown or not OPEN.
	 */
	sandbox.completeLogin = (linkId, { username, signedInTeamId } = {}) =>
		helper(() => {
			sandbox.settle();
			const link = sandbox.state.loginLinks.get(String(linkId));
			if (!link) throw new ApiError(404, { description: `There is no login link ${linkId}.` });
			return logins.loginView(logins.completeLink(sandbox.state, link, { username, now: clock.now(), member: signedInTeamId }));
		});

	/** A login made directly, as if authorized through a link: for a test that needs one expiring, say. */
	sandbox.addLogin = (login) =>
		helper(() => {
			const { dsId, username = logins.DEFAULT_USERNAME, teamId = '12345', authTime, expiryTime, isRefreshable, accounts } = login;
			sandbox.settle();
			const now = clock.now();
			const added = logins.addLogin(sandbox.state, {
				teamId: String(teamId),
				dsId,
				username,
				user: { userId: 1001, email: 'demo@sandbox.invalid' },
				now,
				authMs: toMs(authTime, now),
				expiryMs: expiryTime === null ? null : toMs(expiryTime, undefined),
				isRefreshable,
				accounts,
			});
			return logins.loginView(added);
		});

	/**
	 * Sets a login's expiry_time (default: now). A refreshable login renews itself once the clock
	 * reaches it: to see one stay expired, make it with `isRefreshable: false`.
	 */
	sandbox.expireLogin = (loginId, at) =>
		helper(() => {
			const login = sandbox.state.logins.get(String(loginId));
			if (!login) throw new ApiError(404, { description: `There is no data source login ${loginId}.` });
			login.expiryMs = Math.floor(toMs(at, clock.now()) / 1000) * 1000;
			return logins.loginView(login);
		});

	/** Changes the limit (and window) now; the windows' counts so far stay. */
	sandbox.setRateLimit = ({ limit = sandbox.rateLimit.limit, windowMs = sandbox.rateLimit.windowMs } = {}) => {
		sandbox.rateLimit = checkRateLimit({ limit, windowMs });
		return { ...sandbox.rateLimit };
	};

	sandbox.setRunDateForm = (form) => {
		sandbox.runDateForm = checkRunDateForm(form);
	};

	sandbox.setAuth = (reading) => {
		sandbox.auth = checkAuth(reading);
	};

	sandbox.reset = () => {
		for (const gate of [...sandbox.gates]) gate.release();
		sandbox.requests.length = 0;
		sandbox.faults.length = 0;
		sandbox.chaos = null;
		sandbox.windows.clear();
		sandbox.rateLimit = { ...initialRateLimit };
		sandbox.runDateForm = initialRunDateForm;
		sandbox.auth = initialAuth;
		sandbox.loginLinkLimit = options.loginLinkLimit ?? 1000;
		sandbox.counts = { requests: 0, faults: {} };
		sandbox.sessions.clear();
		sandbox.maxInFlight = sandbox.inFlight;
		clock.reset();
		sandbox.state = { connections: new Map() };
		for (const route of routes) route.reset?.(sandbox.state, clock.now());
		// A history for demos: the seeded transfer's daily runs of the last few days (at most 7), finished.
		if (options.recentDays) {
			sandbox.state.transfers.get('36091').generatedUntil = clock.now() - options.recentDays * 24 * 3600 * 1000;
			sandbox.settle();
		}
	};
	sandbox.reset();

	/**
	 * Queue a fault for the next request (matching `api`, `method` and a `path` substring when
	 * given): `{status, code?, message?, description?, retryAfter?}` answers with that error, in
	 * the shape the matched operation gives that status; `{status, html: true}` with an HTML page,
	 * as a proxy would; `{truncate: true}` handles the request but cuts its answer in half;
	 * `{drop: true}` closes the socket unanswered; `{delayMs}` answers late.
	 */
	sandbox.queueFault = (...faults) => sandbox.faults.push(...faults);

	/**
	 * Holds every request matching `api`, `method` and a `path` substring (all when not given)
	 * until `release()`: the request is recorded, then waits before it is handled, as an API that
	 * is slow to answer. `held` counts the requests that reached the gate. A test waits on `held`
	 * to know how many requests its clients have in flight, then decides what happens to them.
	 */
	sandbox.hold = ({ api, method, path } = {}) => {
		let open;
		const gate = { api, method, path, held: 0, opened: new Promise((resolve) => (open = resolve)) };
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

	const matches = (m, api, method, path) => (!m.api || m.api === api) && (!m.method || m.method === method) && (!m.path || path.includes(m.path));

	function takeFault(api, method, path) {
		const index = sandbox.faults.findIndex((f) => matches(f, api, method, path));
		if (index >= 0) return sandbox.faults.splice(index, 1)[0];
		const chaos = sandbox.chaos;
		// Chaos is for the DTS calls a soak makes; the logins API (and the credential test) stay calm.
		if (!chaos || api !== 'dts') return null;
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

	/**
	 * The route for a path, literal segments before parameters (GET /ds/login/links is the list,
	 * not a login named "links"), or the 404 or 405 the API answers.
	 */
	function resolveRoute(api, path, method) {
		if (path === null) return { error: new ApiError(404) };
		const candidates = routes.filter((r) => r.api === api.name && r.regex.exec(path));
		if (candidates.length === 0) return { error: new ApiError(404, { description: `No route for ${path}.` }) };
		const fewest = Math.min(...candidates.map((r) => r.names.length));
		const route = candidates.filter((r) => r.names.length === fewest).find((r) => r.method === method) ?? candidates.find((r) => r.method === method);
		if (!route) return { error: new ApiError(405, { code: 'METHOD_NOT_ALLOWED', message: 'Method Not Allowed', description: `${method} is not allowed on ${path}.` }) };
		const match = route.regex.exec(path);
		return { route, params: Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1])])) };
	}

	/**
	 * The key and how it came: `Authorization: Bearer <key>` (scheme case-insensitive), the key
	 * alone, or, on the one operation whose reference lists it, the body's api_key.
	 */
	function authenticate(req, body, route) {
		const header = typeof req.headers.authorization === 'string' ? req.headers.authorization.trim() : '';
		const bearer = /^Bearer\s+(\S.*)$/i.exec(header);
		let key = bearer ? bearer[1].trim() : header;
		let scheme = bearer ? 'bearer' : 'apiKey';
		if (!key && route.bodyKey && body && typeof body === 'object' && typeof body.api_key === 'string') {
			key = body.api_key;
			scheme = 'body';
		}
		const found = key ? keys[key] : undefined;
		if (!found) throw new ApiError(401);
		return { ...found, key, scheme };
	}

	/**
	 * Counts a request against its key's window, shared by both APIs (it is one key). The window
	 * runs on real time, not the sandbox clock: a test moving the clock by days does not refill it,
	 * and Retry-After is what a client really has to wait.
	 */
	function countRequest(key, response) {
		const now = Date.now();
		const { limit, windowMs } = sandbox.rateLimit;
		let window = sandbox.windows.get(key.key);
		if (!window || now - window.start >= windowMs) {
			window = { start: now, count: 0 };
			sandbox.windows.set(key.key, window);
		}
		window.count++;
		response.rateHeaders = {
			'X-RateLimit-Limit': String(Math.min(limit, MAX_RATE_HEADER)),
			'X-RateLimit-Remaining': String(Math.min(Math.max(0, limit - window.count), MAX_RATE_HEADER)),
		};
		if (window.count > limit) {
			const seconds = Math.min(86400, Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)));
			throw new ApiError(429, { description: `Rate limit of ${limit} requests per hour exceeded.` }, { 'Retry-After': String(seconds) });
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

	/** An error in the body its operation documents for that status, and its headers. */
	function sendError(res, api, route, requestId, error, headers = {}) {
		const plain = route?.plainErrors?.[error.status];
		const body = plain ? plainErrorBody(plain, error) : errorBody(requestId, error, api.errors);
		// The spec's Unauthorized answers carry WWW-Authenticate: Bearer (pattern ^Bearer.*).
		const challenge = error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
		return send(res, error.status, body, { ...headers, ...challenge, ...error.headers });
	}

	function sendHtml(res, status, html) {
		send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
	}

	async function control(req, res, path, raw) {
		const body = raw ? JSON.parse(raw) : undefined;
		const attempt = (fn) => {
			try {
				return send(res, 200, fn());
			} catch (error) {
				return send(res, error.status ?? 400, { error: error.description ?? String(error.message) });
			}
		};
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
		if (path === '/rate-limit' && (req.method === 'GET' || req.method === 'POST')) {
			return attempt(() => {
				const set = req.method === 'POST' ? sandbox.setRateLimit({ limit: body?.limit, windowMs: body?.window_ms }) : sandbox.rateLimit;
				return { limit: set.limit, window_ms: set.windowMs };
			});
		}
		if (path === '/auth' && (req.method === 'GET' || req.method === 'POST')) {
			return attempt(() => {
				if (req.method === 'POST') sandbox.setAuth(body?.reading);
				return { reading: sandbox.auth };
			});
		}
		if (path === '/run-date-form' && (req.method === 'GET' || req.method === 'POST')) {
			return attempt(() => {
				if (req.method === 'POST') sandbox.setRunDateForm(body?.form);
				return { form: sandbox.runDateForm };
			});
		}
		if (req.method === 'POST' && path === '/logins/complete') {
			return attempt(() => sandbox.completeLogin(body?.link_id, { username: body?.username, signedInTeamId: body?.signed_in_team_id }));
		}
		if (req.method === 'POST' && path === '/logins/expire') {
			return attempt(() => sandbox.expireLogin(body?.login_id, body?.at));
		}
		if (req.method === 'POST' && path === '/logins') {
			return attempt(() =>
				sandbox.addLogin({ dsId: body?.ds_id, username: body?.username, teamId: body?.team_id, authTime: body?.auth_time, expiryTime: body?.expiry_time, isRefreshable: body?.is_refreshable, accounts: body?.accounts }),
			);
		}
		return send(res, 404, { error: 'unknown sandbox control path' });
	}

	/**
	 * A login link's login_url: GET shows the consent page, POST (its Authorize button) logs in.
	 * Not an API call, so neither recorded nor counted; opened without a key, as a browser would.
	 */
	/**
	 * The team of whoever opens a login page signed in, or undefined when anonymous: a key the
	 * sandbox knows in Authorization (Bearer or alone, as a script would send it), or the session
	 * cookie its sign-in form sets (as a browser would carry it).
	 */
	function signedInTeam(req) {
		const header = typeof req.headers.authorization === 'string' ? req.headers.authorization.trim() : '';
		const bearer = /^Bearer\s+(\S.*)$/i.exec(header);
		const key = keys[bearer ? bearer[1].trim() : header];
		if (key) return key.teamId;
		const cookie = /(?:^|;\s*)sandbox_session=([^;\s]+)/.exec(typeof req.headers.cookie === 'string' ? req.headers.cookie : '');
		return cookie ? sandbox.sessions.get(cookie[1]) : undefined;
	}

	/** POST /login/{link_id}/session: the sign-in form of a require_login link's page. */
	function signIn(req, res, linkId, raw) {
		const link = sandbox.state.loginLinks.get(linkId);
		if (!link) return sendHtml(res, 404, pages.missingPage(linkId));
		const view = logins.linkView(link);
		if (req.method !== 'POST') return sendHtml(res, 405, pages.refusedPage(view, `${req.method} is not how one signs in.`));
		const key = keys[new URLSearchParams(raw).get('api_key') ?? ''];
		if (!key) return sendHtml(res, 401, pages.signInPage(view, 'That is not an API key the sandbox knows.'));
		const session = uuid7();
		sandbox.sessions.set(session, key.teamId);
		return send(res, 303, '', { Location: pages.pagePath(link.link_id), 'Set-Cookie': `sandbox_session=${session}; Path=/login; HttpOnly; SameSite=Lax`, 'Content-Type': 'text/html; charset=utf-8' });
	}

	function loginPage(req, res, linkId, raw) {
		sandbox.settle();
		const link = sandbox.state.loginLinks.get(linkId);
		if (!link) return sendHtml(res, 404, pages.missingPage(linkId));
		const view = logins.linkView(link);
		if (link.status_code !== 'OPEN') return sendHtml(res, 410, pages.closedPage(view));
		// require_login: "anonymous access is rejected", before the consent page shows anything.
		const member = signedInTeam(req);
		const refusal = logins.memberRefusal(link, member);
		if (refusal) return sendHtml(res, refusal.status, pages.signInPage(view, refusal.description));
		if (req.method === 'GET') return sendHtml(res, 200, pages.authorizePage(view, link.require_username ?? logins.DEFAULT_USERNAME));
		if (req.method !== 'POST') return sendHtml(res, 405, pages.refusedPage(view, `${req.method} is not how a login is authorized.`));
		const form = new URLSearchParams(raw);
		let login;
		try {
			login = logins.completeLink(sandbox.state, link, { username: form.get('username') ?? undefined, now: clock.now(), member });
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			return sendHtml(res, 422, pages.refusedPage(view, error.description));
		}
		// "Custom URL to redirect to after successful authentication": web URLs only.
		if (link.redirect_url !== undefined && /^https?:\/\//i.exec(link.redirect_url)) {
			return send(res, 303, '', { Location: link.redirect_url, 'Content-Type': 'text/html; charset=utf-8' });
		}
		return sendHtml(res, 200, pages.authorizedPage(logins.linkView(link), login));
	}

	async function handle(api, req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const raw = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url, 'http://sandbox');

		if (url.pathname.startsWith('/__sandbox/')) return control(req, res, url.pathname.slice(10), raw);
		const page = api.name === 'logins' && /^\/login\/([^/]+)\/?$/.exec(url.pathname);
		if (page) return loginPage(req, res, decodeURIComponent(page[1]), raw);
		const session = api.name === 'logins' && /^\/login\/([^/]+)\/session$/.exec(url.pathname);
		if (session) return signIn(req, res, decodeURIComponent(session[1]), raw);

		const requestId = uuid7();
		let path = url.pathname;
		if (api.basePath) path = url.pathname.startsWith(`${api.basePath}/`) ? url.pathname.slice(api.basePath.length) : null;
		const record = {
			api: api.name,
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
		// Set before the answer leaves, so a client that has it can read it here.
		const writeHead = res.writeHead;
		res.writeHead = function (status, ...rest) {
			record.status = status;
			return writeHead.call(this, status, ...rest);
		};
		if (sandbox.requests.length > maxRecorded) sandbox.requests.shift();

		if (sandbox.latencyMs) await delay(sandbox.latencyMs);
		const gate = sandbox.gates.find((g) => matches(g, api.name, req.method, record.path));
		if (gate) {
			gate.held++;
			await gate.opened;
		}
		const resolved = resolveRoute(api, path, req.method);
		const route = resolved.route;
		const fault = takeFault(api.name, req.method, record.path);
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
				const headers = fault.status === 429 ? { 'Retry-After': String(fault.retryAfter ?? 1) } : {};
				return sendError(res, api, route, requestId, new ApiError(fault.status, fault), headers);
			}
		}

		const response = { rateHeaders: {} };
		try {
			if (resolved.error) throw resolved.error;

			let body;
			if (raw) {
				try {
					body = JSON.parse(raw);
				} catch {
					body = Symbol.for('invalid');
				}
			}
			const key = authenticate(req, body, route);
			sandbox.settle();
			countRequest(key, response);
			// The body's api_key (Create Data Source Connection's) is taken in every reading.
			const wanted = sandbox.auth === 'perPath' ? (route.auth === 'bearer' ? 'bearer' : 'either') : sandbox.auth;
			if (wanted === 'bearer' && key.scheme === 'apiKey') throw bearerRequired();
			if (wanted === 'keyOnly' && key.scheme === 'bearer') throw keyAloneRequired();
			if (route.scope && !key.scopes.includes(route.scope)) throw new ApiError(403, route.forbidden ?? {});
			if (body === Symbol.for('invalid')) throw new ApiError(route.invalidBodyStatus ?? api.invalidBodyStatus, { description: 'The request body is not valid JSON.' });

			const result = route.handle({
				params: resolved.params,
				query: record.query,
				body,
				key,
				state: sandbox.state,
				now: clock.now(),
				baseUrl: api.name === 'dts' ? sandbox.url : sandbox.apiUrl,
				config: { runDateForm: sandbox.runDateForm, loginLinkLimit: sandbox.loginLinkLimit },
				requestId,
			});
			const payload = result.data !== undefined ? { meta: { request_id: requestId }, data: result.data } : result.body;
			return send(res, result.status ?? 200, payload ?? '', { ...response.rateHeaders, ...result.headers }, fault?.truncate);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			return sendError(res, api, route, requestId, error, response.rateHeaders);
		}
	}

	function server(api) {
		const created = http.createServer((req, res) => {
			if (!req.url.startsWith('/__sandbox/')) {
				sandbox.inFlight++;
				sandbox.maxInFlight = Math.max(sandbox.maxInFlight, sandbox.inFlight);
				res.once('close', () => sandbox.inFlight--);
			}
			handle(api, req, res).catch((error) => {
				if (!res.headersSent) send(res, 500, errorBody(uuid7(), new ApiError(500, { description: String(error?.message ?? error) }), api.errors));
			});
		});
		created.keepAliveTimeout = 30000;
		return created;
	}
	const servers = { dts: server(APIS.dts), logins: server(APIS.logins) };

	const listen = (which, port, host) =>
		new Promise((resolve, reject) => {
			servers[which].once('error', reject);
			servers[which].listen(port, host, () => {
				servers[which].off('error', reject);
				resolve(servers[which].address().port);
			});
		});

	const closeServer = (s) =>
		new Promise((resolve) => {
			if (!s.listening) return resolve();
			s.closeAllConnections?.();
			s.close(() => resolve());
		});

	sandbox.start = async (port = options.port ?? 0, host = options.host ?? '127.0.0.1', apiPort = options.apiPort ?? 0) => {
		sandbox.port = await listen('dts', port, host);
		sandbox.url = `http://${host}:${sandbox.port}${BASE_PATH}`;
		try {
			sandbox.apiPort = await listen('logins', apiPort, host);
		} catch (error) {
			await closeServer(servers.dts);
			throw error;
		}
		sandbox.apiUrl = `http://${host}:${sandbox.apiPort}`;
		return sandbox;
	};
	sandbox.close = async () => {
		await Promise.all([closeServer(servers.dts), closeServer(servers.logins)]);
	};
	return sandbox;
}

module.exports = { createSandbox, DEFAULT_KEYS, BASE_PATH };
