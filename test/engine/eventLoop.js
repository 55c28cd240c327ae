// @ts-check
'use strict';
/**
 * Watches whether the event loop keeps turning while something runs: a timer ticks every few
 * milliseconds and records the longest gap between its ticks. Plain JavaScript: it needs
 * setInterval, which n8n's lint keeps out of TypeScript (the node's own runtime rules).
 */

/**
 * @param {number} everyMs how often the timer should tick
 * @returns {{ stop(): { ticks: number; longestGapMs: number } }} `stop` ends the watch and says what it saw
 */
function watchEventLoop(everyMs) {
	let ticks = 0;
	let longestGapMs = 0;
	let last = Date.now();
	const timer = setInterval(() => {
		ticks++;
		longestGapMs = Math.max(longestGapMs, Date.now() - last);
		last = Date.now();
	}, everyMs);
	return {
		stop() {
			clearInterval(timer);
			return { ticks, longestGapMs };
		},
	};
}

module.exports = { watchEventLoop };
