'use strict';
/** Debian's Chromium for the editor tests, installed with apt when missing (CI machines start without it). */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { run, log } = require('./proc');

const CHROMIUM = '/usr/bin/chromium';

async function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	const root = process.getuid?.() === 0;
	const sudo = root ? [] : ['sudo', '-n'];
	if (!root && !fs.existsSync('/usr/bin/sudo')) {
		throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium" as root`);
	}
	const apt = (args) => {
		const [command, ...rest] = [...sudo, 'apt-get', ...args];
		return run(command, rest, { echo: true, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	};
	log('Installing Debian\'s chromium for the editor tests (about 1.5 min)…');
	await apt(['update']);
	await apt(['install', '-y', '--no-install-recommends', 'chromium']);
	return CHROMIUM;
}

/**
 * A headless browser context. launch() refuses a --user-data-dir, so a persistent context on a
 * throw-away profile is what lets Debian's Chromium start without its first-run work.
 */
async function launchBrowser() {
	const { chromium } = require('playwright-core');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		viewport: { width: 1440, height: 900 },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	// The profile goes even when Chromium is already gone and closing it throws.
	const close = async () => {
		try {
			await context.close();
		} finally {
			fs.rmSync(profile, { recursive: true, force: true });
		}
	};
	return { context, close };
}

module.exports = { CHROMIUM, ensureChromium, launchBrowser };
