/** The checks behind Only Failures, Wait Until Finished, Poll Interval and Max Wait. */
import type { INode } from 'n8n-workflow';

import { checkBoolean, checkNumber, MAX_WAIT, ONLY_FAILURES } from '../../nodes/SupermetricsTransfers/validation';

const node = { name: 'Supermetrics Transfers' } as INode;
const maxWait = (value: unknown) => checkNumber(node, MAX_WAIT, value, 3, { min: 0, max: 60, minExclusive: true });

describe('checkNumber', () => {
	test.each([
		[10, 10],
		[0.05, 0.05],
		['0.5', 0.5],
		[' 60 ', 60],
	])('%j is %j', (value, expected) => expect(maxWait(value)).toBe(expected));

	test.each([0, -1, 60.01, Infinity, NaN, '1e1', '0x10', '', 'soon', null, undefined, true, [1]])('%j is refused, naming field, value and item', (value) => {
		expect(() => maxWait(value)).toThrow(/^Invalid Max Wait .* in item 3: must be a number from more than 0 to 60$/);
	});

	test('an inclusive minimum takes the bound itself', () => {
		expect(checkNumber(node, MAX_WAIT, 1, 0, { min: 1, max: 3600 })).toBe(1);
		expect(() => checkNumber(node, MAX_WAIT, 0.99, 0, { min: 1, max: 3600 })).toThrow('must be a number from 1 to 3600');
	});

	test('the error carries the same details as an API error, for Continue On Fail', () => {
		try {
			maxWait(90);
			throw new Error('not refused');
		} catch (error) {
			expect((error as { context: { dts: object } }).context.dts).toMatchObject({ code: 'INVALID_INPUT', http_code: null, request_id: null });
		}
	});
});

describe('checkBoolean', () => {
	test.each([
		[true, true],
		[false, false],
		['true', true],
		['false', false],
	])('%j is %j', (value, expected) => expect(checkBoolean(node, ONLY_FAILURES, value, 0)).toBe(expected));

	test.each(['yes', 1, 0, '', null, undefined])('%j is refused', (value) => {
		expect(() => checkBoolean(node, ONLY_FAILURES, value, 0)).toThrow(/^Invalid Only Failures .* in item 0: must be true or false$/);
	});
});
