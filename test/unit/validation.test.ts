import type { INode } from 'n8n-workflow';

import {
	checkCode,
	checkDate,
	checkId,
	checkInteger,
	DATA_SOURCE_ID,
	INT32_MAX,
	TEAM_ID,
} from '../../nodes/SupermetricsTransfers/validation';

const node = { name: 'Supermetrics Transfers' } as INode;
const DESTINATION_ID = { displayName: 'Destination ID', apiName: 'destination_id' };

describe('checkId', () => {
	test.each([
		['1', '1'],
		[' 42 ', '42'],
		[42, '42'],
		['9223372036854775807', '9223372036854775807'],
		[Number.MAX_SAFE_INTEGER, '9007199254740991'],
	])('accepts %j as %j', (value, expected) => {
		expect(checkId(node, TEAM_ID, value, 0)).toBe(expected);
	});

	test.each([0, -1, 1.5, '01', '+1', '1e3', '0x10', '9223372036854775808', '10000000000000000000000', null, true, {}])(
		'refuses %j',
		(value) => {
			expect(() => checkId(node, TEAM_ID, value, 3)).toThrow(/^Invalid Team ID .* in item 3: /);
		},
	);

	test('a number past 2^53 is refused with advice to pass a string', () => {
		expect(() => checkId(node, TEAM_ID, 2 ** 53 + 2, 0)).toThrow(
			expect.objectContaining({ description: expect.stringContaining('Pass the id as a string') }),
		);
	});

	test('the range can be int32, for destination ids', () => {
		expect(checkId(node, DESTINATION_ID, '2147483647', 0, INT32_MAX)).toBe('2147483647');
		expect(() => checkId(node, DESTINATION_ID, '2147483648', 0, INT32_MAX)).toThrow(
			'Invalid Destination ID "2147483648" in item 0: must be a whole number from 1 to 2147483647',
		);
	});

	test('the error carries the Continue On Fail details', () => {
		try {
			checkId(node, TEAM_ID, 'x', 2);
			throw new Error('not refused');
		} catch (error) {
			expect((error as { context: { dts: object } }).context.dts).toEqual({
				code: 'INVALID_INPUT',
				http_code: null,
				request_id: null,
				description: expect.stringContaining('Field: Team ID (team_id). Nothing was sent for this item.'),
			});
		}
	});
});

describe('checkCode', () => {
	test('accepts a code and trims spaces around it', () => {
		expect(checkCode(node, DATA_SOURCE_ID, ' GA4_X ', 0)).toBe('GA4_X');
	});
	test('50 characters is the limit', () => {
		expect(checkCode(node, DATA_SOURCE_ID, 'A'.repeat(50), 0)).toHaveLength(50);
		expect(() => checkCode(node, DATA_SOURCE_ID, 'A'.repeat(51), 0)).toThrow('must be at most 50 characters (it has 51)');
	});
	test.each([
		['ga', 'did you mean "GA"?'],
		['Sql_Bq', 'did you mean "SQL_BQ"?'],
	])('%j gets the upper-case suggestion', (value, hint) => {
		expect(() => checkCode(node, DATA_SOURCE_ID, value, 0)).toThrow(expect.objectContaining({ description: expect.stringContaining(hint) }));
	});
	test.each(['A-B', 'A B', 'É', '', 5, undefined])('refuses %j', (value) => {
		expect(() => checkCode(node, DATA_SOURCE_ID, value, 0)).toThrow(/^Invalid Data Source /);
	});
});

describe('checkDate', () => {
	const RANGE_START = { displayName: 'Start Date', apiName: 'range_start_date' };
	test.each([
		['2024-01-31', '2024-01-31'],
		['2024-02-29', '2024-02-29'],
		['2024-03-01T00:00:00.000Z', '2024-03-01'],
	])('accepts %j', (value, expected) => {
		expect(checkDate(node, RANGE_START, value, 0)).toBe(expected);
	});
	test.each(['2023-02-29', '2024-13-01', '2024-1-5', '31/01/2024', '', 20240101])('refuses %j', (value) => {
		expect(() => checkDate(node, RANGE_START, value, 0)).toThrow(/^Invalid Start Date /);
	});
});

describe('checkInteger', () => {
	const field = { displayName: 'Run Hour', apiName: 'run_hour' };
	test('numbers and plain decimal digits', () => {
		expect(checkInteger(node, field, 12, 0, 0, 23)).toBe(12);
		expect(checkInteger(node, field, ' 7 ', 0, 0, 23)).toBe(7);
		expect(checkInteger(node, field, '-0', 0, 0, 23)).toBe(-0);
	});
	test.each(['0x10', '1e1', '0b11', '0o7', '1.0', '', '12abc', 'Infinity'])('%j is not a whole number here, though Number() would read some', (value) => {
		expect(() => checkInteger(node, field, value, 0, 0, 23)).toThrow(`Invalid Run Hour ${JSON.stringify(value)} in item 0: must be a whole number from 0 to 23`);
	});
});
