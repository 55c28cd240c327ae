'use strict';
/** A scratch folder for tests that need files with set times (Node's built-ins stay out of the TypeScript tests, as n8n's lint rules ask). */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** A new folder under the system's temp folder; its helpers take paths relative to it and times in seconds. */
function scratch() {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'scratch-'));
	const full = (relative) => path.join(root, relative);
	return {
		root,
		/** Writes `relative` (its folders made) with `text`, modified at `at`. */
		write(relative, at, text = relative) {
			fs.mkdirSync(path.dirname(full(relative)), { recursive: true });
			fs.writeFileSync(full(relative), text);
			fs.utimesSync(full(relative), at, at);
		},
		/** Sets the time of a file or folder that exists. */
		touch(relative, at) {
			fs.utimesSync(full(relative), at, at);
		},
		remove(relative) {
			fs.rmSync(full(relative), { recursive: true, force: true });
		},
		close() {
			fs.rmSync(root, { recursive: true, force: true });
		},
	};
}

module.exports = { scratch };
