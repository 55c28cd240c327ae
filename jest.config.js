/**
 * Tests run the compiled node from dist/ (what n8n loads), written in TypeScript. One worker per
 * core: jest's own default leaves one core to itself (a single worker, in band, on 2 cores), and
 * the tests spend much of their time waiting on servers and timers; on 2 cores two workers take
 * the run from about 190 s to about 100 s, and its slowest test stays under half its timeout with
 * two busy loops holding both cores.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 30000,
	maxWorkers: require('node:os').availableParallelism(),
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
