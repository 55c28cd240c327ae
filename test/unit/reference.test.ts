import { listDir, readText, sharedReference } from './repo';

const FILES = ['supermetrics-dts-openapi.yaml', 'supermetrics-logins-openapi.yaml', 'create-data-source-connection.txt'];

describe('the references the tests read', () => {
	test('are all in the repository', () => {
		expect(listDir('test/reference').filter((f) => f !== 'README.md').sort()).toEqual([...FILES].sort());
	});
	// Beside the project's workspace the originals are at ../shared/reference; a clone elsewhere
	// (CI) has only the copies, and there is nothing to compare.
	const originals = FILES.filter((file) => sharedReference(file) !== undefined);
	const compare = originals.length ? test.each(originals) : test.skip.each(FILES);
	compare('%s is unchanged from ../shared/reference', (file) => {
		expect(readText(`test/reference/${file}`)).toBe(sharedReference(file));
	});
});
