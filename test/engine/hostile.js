// @ts-check
'use strict';
/**
 * Small hostile servers on loopback for the security tests: each test scripts what the "API"
 * answers, and every server records what reached it, so a test can assert on what left the node.
 * Bounded: a server closes its sockets when the test closes it. Plain JavaScript: it needs Node's
 * http, zlib and timers, which n8n's lint keeps out of TypeScript (the node's own runtime rules).
 */
const http = require('node:http');
const zlib = require('node:zlib');

/**
 * What reached a hostile server, one per request.
 * @typedef {object} Received
 * @property {string} method
 * @property {string} url
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} body
 * @property {number} at When the request arrived (ms since epoch).
 * @property {boolean} closedEarly Set when the client closed the connection before the answer was complete.
 * @property {number} written Bytes of the answer written before the end or the close.
 * @property {Promise<void>} settled Resolves when the answer has ended or its connection closed.
 */

/**
 * What the test scripts the server to answer.
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, received: Received) => void | Promise<void>} Handler
 */

/**
 * @typedef {object} Hostile
 * @property {string} url The Base URL to give the credential: `http://127.0.0.1:<port>/v1`.
 * @property {string} origin
 * @property {Received[]} received
 * @property {() => Promise<void>} close
 */

/**
 * @param {Handler} handler
 * @param {string} [host]
 * @returns {Promise<Hostile>}
 */
async function hostileServer(handler, host = '127.0.0.1') {
	/** @type {Received[]} */
	const received = [];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			let settle = () => {};
			/** @type {Received} */
			const record = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
				closedEarly: false,
				written: 0,
				settled: new Promise((resolve) => (settle = resolve)),
			};
			received.push(record);
			const write = res.write.bind(res);
			res.write = /** @type {typeof res.write} */ (
				/** @param {unknown} chunk @param {unknown[]} rest */
				(chunk, ...rest) => {
					if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) record.written += Buffer.byteLength(chunk);
					return /** @type {(...args: unknown[]) => boolean} */ (write)(chunk, ...rest);
				}
			);
			res.once('finish', () => settle());
			res.once('close', () => {
				if (!res.writableFinished) record.closedEarly = true;
				settle();
			});
			Promise.resolve(handler(req, res, record)).catch(() => res.destroy());
		});
	});
	await new Promise((resolve) => server.listen(0, host, () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	const origin = `http://${host}:${port}`;
	return {
		url: `${origin}/v1`,
		origin,
		received,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/**
 * An answer in the API's error shape.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {object} error
 * @param {Record<string, string>} [headers]
 */
function apiError(res, status, error, headers = {}) {
	const body = JSON.stringify({ meta: { request_id: 'HOSTILE-REQUEST-1' }, error: { code: 'X', message: 'M', description: 'D', ...error } });
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(body);
}

/**
 * A 2xx answer with `data` wrapped as the API does.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} data
 * @param {Record<string, string>} [headers]
 */
function apiData(res, status, data, headers = {}) {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify({ meta: { request_id: 'HOSTILE-REQUEST-2' }, data }));
}

/**
 * Resolves after `ms`: for servers that answer slowly, never for a test's own timing.
 * @param {number} ms
 * @returns {Promise<void>}
 */
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A gzip bomb: `unpackedBytes` of spaces, gzipped (a small download that unpacks large).
 * @param {number} unpackedBytes
 * @returns {Buffer}
 */
const gzipBomb = (unpackedBytes) => zlib.gzipSync(Buffer.alloc(unpackedBytes, 0x20));

module.exports = { hostileServer, apiError, apiData, pause, gzipBomb };
