import { createHash } from 'node:crypto';

import { listDir, readText, sharedReference } from './repo';

/**
 * Each reference as received, by its SHA-256: the copies in test/reference/ must stay these bytes
 * on every clone (CI has no ../shared/reference to compare with, so the digest is what it checks),
 * and beside the project's workspace they must also equal the originals there.
 */
const FILES: Record<string, string> = {
	'supermetrics-management-openapi.yaml': 'bfa3c780749ee5afc4401e9a954c9da95600675a6583fb75154ec39362498cf5',
	'supermetrics-dts-openapi.yaml': 'e3a736f73a94341b00d4482048106c8a05dd610955e2338f5dbce97eabddce46',
	'supermetrics-logins-openapi.yaml': 'd85d236f340d3ef73cef1b65e7a769fd4644a0d2210f1d0f1a3cea7d8889e29c',
	'create-data-source-connection.txt': '0f7f3845e62add5f688a67a12e4862ffa4e93c5fd1299da6064d53b5f1894734',
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the references the tests read', () => {
	test('are all in the repository', () => {
		expect(listDir('test/reference').filter((f) => f !== 'README.md').sort()).toEqual(Object.keys(FILES).sort());
	});

	test.each(Object.entries(FILES))('%s is the file as received (SHA-256 %s)', (file, digest) => {
		expect(sha256(readText(`test/reference/${file}`))).toBe(digest);
	});

	test.each(Object.keys(FILES))('%s equals ../shared/reference when that folder is beside the checkout', (file) => {
		const original = sharedReference(file);
		// A clone elsewhere (CI) has no originals: the digest above is its check.
		if (original !== undefined) expect(sha256(original)).toBe(FILES[file]);
	});
});
