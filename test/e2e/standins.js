'use strict';
/**
 * Loopback stand-ins for the third-party services the templates post to: an SMTP server (Send
 * Email) and the Slack Web API. The Slack node calls https://slack.com/api with no way to change
 * it, so n8n is started with HTTPS_PROXY at `slack.proxy`: the proxy answers CONNECT slack.com:443
 * itself, with a certificate for slack.com that n8n trusts through NODE_EXTRA_CA_CERTS, and refuses
 * every other host. Nothing leaves the machine.
 */
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');
const { execFileSync } = require('node:child_process');

/** The lines of a DATA section longer than this are refused: a stand-in, not a mail store. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Quoted-printable as nodemailer writes it: soft breaks and =XX bytes. */
function decodeQuotedPrintable(text) {
	const bytes = Buffer.from(text.replace(/=\r?\n/g, ''), 'latin1');
	const out = [];
	for (let i = 0; i < bytes.length; i++) {
		const hex = bytes[i] === 0x3d ? bytes.subarray(i + 1, i + 3).toString() : '';
		if (/^[0-9A-F]{2}$/i.test(hex)) {
			out.push(parseInt(hex, 16));
			i += 2;
		} else out.push(bytes[i]);
	}
	return Buffer.from(out).toString('utf8');
}

/** The message's headers (lower-case names) and its text body, decoded. */
function parseMessage(raw) {
	const [head, ...rest] = raw.split(/\r?\n\r?\n/);
	const headers = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const at = line.indexOf(':');
		if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
	}
	let body = rest.join('\n\n');
	const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
	if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body);
	if (encoding === 'base64') body = Buffer.from(body, 'base64').toString('utf8');
	// Encoded words (RFC 2047): the space between two of them is not part of the text.
	const subject = (headers.subject ?? '')
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?Q\?(.*?)\?=/gi, (_, q) => decodeQuotedPrintable(q.replace(/_/g, ' ')));
	return { headers, subject, text: body.replace(/\r\n/g, '\n').trim() };
}

/** An SMTP server on loopback that accepts every message and keeps it in `messages`. */
async function startSmtp() {
	const messages = [];
	const server = net.createServer((socket) => {
		socket.setEncoding('latin1');
		let buffer = '';
		let data = null;
		let envelope = { from: null, to: [] };
		const reply = (line) => socket.write(`${line}\r\n`);
		reply('220 smtp.standin ESMTP');
		socket.on('data', (chunk) => {
			buffer += chunk;
			for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (data !== null) {
					if (line === '.') {
						messages.push({ ...envelope, ...parseMessage(Buffer.from(data, 'latin1').toString('utf8')) });
						envelope = { from: null, to: [] };
						data = null;
						reply('250 OK: queued');
					} else if (data.length > MAX_MESSAGE_BYTES) {
						socket.destroy();
					} else data += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') reply('250 smtp.standin');
				else if (verb === 'MAIL') (envelope.from = /<(.*)>/.exec(line)?.[1] ?? null), reply('250 OK');
				else if (verb === 'RCPT') envelope.to.push(/<(.*)>/.exec(line)?.[1]), reply('250 OK');
				else if (verb === 'DATA') (data = ''), reply('354 End data with <CR><LF>.<CR><LF>');
				else if (verb === 'QUIT') reply('221 Bye'), socket.end();
				else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
				else reply('502 Command not implemented');
			}
		});
		socket.on('error', () => {});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { port: server.address().port, messages, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A key and a certificate for slack.com, made for this run only. */
function slackCertificate(dir) {
	const key = path.join(dir, 'slack.key');
	const cert = path.join(dir, 'slack.crt');
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=slack.com', '-addext', 'subjectAltName=DNS:slack.com'], { stdio: 'ignore' });
	return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), certFile: cert };
}

/**
 * The Slack Web API as far as the templates use it (chat.postMessage), behind a CONNECT proxy.
 * `posts`: each message's JSON body; `env`: what n8n needs to reach it.
 */
async function startSlack() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-standin-'));
	const { key, cert, certFile } = slackCertificate(dir);
	const posts = [];
	const refused = [];
	const api = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const json = body ? JSON.parse(body) : {};
			const answer = (value) => {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(value));
			};
			if (req.url === '/api/chat.postMessage' && req.method === 'POST') {
				posts.push({ ...json, authorization: req.headers.authorization });
				return answer({ ok: true, channel: 'C0STANDIN', ts: `${Date.now() / 1000}`, message: { text: json.text, type: 'message' } });
			}
			answer({ ok: false, error: 'unknown_method' });
		});
	});
	const proxy = http.createServer((req, res) => {
		refused.push(`${req.method} ${req.url}`);
		res.writeHead(403).end();
	});
	proxy.on('connect', (req, socket) => {
		if (req.url !== 'slack.com:443') {
			refused.push(`CONNECT ${req.url}`);
			return socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		const secure = new tls.TLSSocket(socket, { isServer: true, key, cert });
		secure.on('error', () => {});
		api.emit('connection', secure);
	});
	await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${proxy.address().port}`;
	return {
		posts,
		refused,
		env: { HTTPS_PROXY: url, HTTP_PROXY: url, NO_PROXY: '127.0.0.1,localhost', NODE_EXTRA_CA_CERTS: certFile },
		close: async () => {
			proxy.closeAllConnections();
			await new Promise((resolve) => proxy.close(resolve));
			api.closeAllConnections();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startSmtp, startSlack };
