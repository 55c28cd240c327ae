'use strict';
/**
 * The sandbox's own time. Runs and backfills move on by it, every timestamp the sandbox writes is
 * read off it, and every answer carries it in its Date header. By default it stands still, so a
 * test decides when time passes (`advance`); with a `scale` it also runs, `scale` sandbox
 * milliseconds per real one (`npm start` runs it fast so that a demo sees runs finish).
 */

/** Milliseconds since the epoch from a number, an ISO string or nothing (now). */
function toMs(value, fallback) {
	if (value === undefined || value === null) return fallback;
	const ms = typeof value === 'number' ? value : Date.parse(value);
	if (!Number.isFinite(ms)) throw new Error(`Not a time: ${JSON.stringify(value)}`);
	return ms;
}

function createClock({ start, scale = 0 } = {}) {
	if (!(Number.isFinite(scale) && scale >= 0)) throw new Error(`The clock's scale must be 0 or more, not ${scale}`);
	const startMs = toMs(start, Date.now());
	let realStart = Date.now();
	let offset = 0;
	return {
		scale,
		start: startMs,
		now: () => Math.floor(startMs + offset + (scale ? (Date.now() - realStart) * scale : 0)),
		/** Moves time forward; never back. */
		advance(ms) {
			if (!(Number.isFinite(ms) && ms >= 0)) throw new Error(`advance takes milliseconds, 0 or more, not ${ms}`);
			offset += ms;
		},
		/** Back to where it started, as a reset sandbox is. */
		reset() {
			offset = 0;
			realStart = Date.now();
		},
	};
}

/** The API's timestamp form: ISO 8601 to the second, in UTC, e.g. 2024-01-15T10:05:30Z. */
function iso(ms) {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The YYYY-MM-DD day of a time, in UTC. */
function day(ms) {
	return new Date(ms).toISOString().slice(0, 10);
}

module.exports = { createClock, iso, day, toMs };
