'use strict';
/** Child processes for the scripts: output captured (and shown line by line when asked). */
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
function freePort(port = 0) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(null));
		server.listen(port, '127.0.0.1', () => {
			const { port: bound } = server.address();
			server.close(() => resolve(bound));
		});
	});
}

module.exports = { run, log, freePort };
