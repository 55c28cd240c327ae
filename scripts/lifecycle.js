'use strict';
/**
 * How `npm start` and `npm run start:queue` live and end: every service registers how to stop it
 * (and the ports it holds); SIGINT, SIGTERM or SIGHUP, a failure, or the loss of the parent stops
 * them all, last started first, checks that their ports are free and says so in the last line.
 *
 * The npm scripts run `exec node scripts/….js`, so npm's forwarded SIGINT and SIGTERM reach this
 * process rather than a shell in between (which would die on SIGTERM and leave us running, and
 * ignore SIGINT). If npm itself is killed outright, we are re-parented: checked every second.
 */
const { freePort, log } = require('./proc');

const PARENT_CHECK_MS = 1000;

function lifecycle({ what }) {
	const services = [];
	let stopping = null;
	const parent = process.ppid;

	async function stop(code, reason) {
		if (stopping) return stopping;
		stopping = (async () => {
			clearInterval(watch);
			if (reason) log(`\n${reason}`);
			const order = [...services].reverse();
			if (order.length) log(`Stopping ${order.map((s) => s.name).join(', ')}…`);
			for (const service of order) {
				await service.stop().catch((error) => log(`  ${service.name}: ${error.message}`));
			}
			// In port order, so the last line reads the same whichever service started first.
			const ports = services.flatMap((s) => s.ports()).filter(Boolean).sort((a, b) => a - b);
			const held = [];
			for (const port of ports) if ((await freePort(port)) !== port) held.push(port);
			if (held.length) log(`Stopped ${what}, but ports ${held.join(', ')} are still in use.`);
			else log(`Stopped ${what}${ports.length ? `; ports ${ports.join(', ')} are free` : ''}.`);
			process.exit(held.length ? 1 : code);
		})();
		return stopping;
	}

	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0, `${signal} received.`));
	const watch = setInterval(() => {
		if (process.ppid !== parent) stop(0, 'The npm process that started this is gone.');
	}, PARENT_CHECK_MS);
	watch.unref();

	return {
		/** A service to stop on the way out; `ports` is read then (a service may learn its port late). */
		add(name, stopFn, ports = () => []) {
			services.push({ name, stop: stopFn, ports: typeof ports === 'function' ? ports : () => ports });
		},
		stop,
		get stopping() {
			return stopping !== null;
		},
		/** Runs `main`; a failure is reported under `label` and stops everything. */
		run(label, main) {
			main().catch((error) => {
				if (stopping) return;
				process.stderr.write(`\n${label} failed: ${error.message ?? error}\n`);
				stop(1);
			});
		},
	};
}

module.exports = { lifecycle };
