/**
 * Small hostile servers on loopback for the security tests: each test scripts what the "API"
 * answers, and every server records what reached it, so a test can assert on what left the node.
 * Bounded: a server closes its sockets when the test closes it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** When the request arrived (ms since epoch). */
	at: number;
	/** Set when the client closed the connection before the answer was complete. */
	closedEarly: boolean;
	/** Bytes of the answer written before the end or the close. */
	written: number;
	/** Resolves when the answer has ended or its connection closed. */
	settled: Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, received: Received) => void | Promise<void>;

export interface Hostile {
	/** The Base URL to give the credential: `http://127.0.0.1:<port>/v1`. */
	url: string;
	origin: string;
	received: Received[];
	close(): Promise<void>;
}

export async function hostileServer(handler: Handler, host = '127.0.0.1'): Promise<Hostile> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			let settle = () => {};
			const record: Received = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
				closedEarly: false,
				written: 0,
				settled: new Promise<void>((resolve) => (settle = resolve)),
			};
			received.push(record);
			const write = res.write.bind(res);
			res.write = ((chunk: unknown, ...rest: unknown[]) => {
				if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) record.written += Buffer.byteLength(chunk);
				return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
			}) as typeof res.write;
			res.once('finish', () => settle());
			res.once('close', () => {
				if (!res.writableFinished) record.closedEarly = true;
				settle();
			});
			Promise.resolve(handler(req, res, record)).catch(() => res.destroy());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;
	const origin = `http://${host}:${port}`;
	return {
		url: `${origin}/v1`,
		origin,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** An answer in the API's error shape. */
export function apiError(res: http.ServerResponse, status: number, error: object, headers: Record<string, string> = {}): void {
	const body = JSON.stringify({ meta: { request_id: 'HOSTILE-REQUEST-1' }, error: { code: 'X', message: 'M', description: 'D', ...error } });
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(body);
}

/** A 2xx answer with `data` wrapped as the API does. */
export function apiData(res: http.ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify({ meta: { request_id: 'HOSTILE-REQUEST-2' }, data }));
}

/** Resolves after `ms`: for servers that answer slowly, never for a test's own timing. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
