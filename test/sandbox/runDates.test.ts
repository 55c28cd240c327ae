/**
 * List Transfer Runs' start_date and end_date: the spec types them date-time, its description and
 * examples are days, Supermetrics' SDK sends 2026-01-01T00:00:00+00:00. The sandbox takes both
 * (a date-time read as its UTC day), refuses anything else, and can be narrowed to one form.
 */
import { useSandboxClient } from './client';
import type { ApiJson } from './client';
import { createSandbox } from './server';

const { holder, call } = useSandboxClient();

/** The seeded transfer has daily runs for 2024-01-06 to 2024-01-15. */
const runs = (start: string, end: string) =>
	call<ApiJson & { data?: Array<{ data_date: string }> }>('GET', `/teams/12345/transfers/36091/runs?start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}&sort_field=data_date&sort_direction=ASC`);
const dates = async (start: string, end: string) => {
	const answer = await runs(start, end);
	expect(answer.status).toBe(200);
	return answer.json.data?.map((r) => r.data_date);
};

test.each([
	['days', '2024-01-14', '2024-01-15'],
	['date-times at UTC midnight, as the SDK sends them', '2024-01-14T00:00:00+00:00', '2024-01-15T00:00:00+00:00'],
	['Z date-times', '2024-01-14T00:00:00Z', '2024-01-15T12:30:00Z'],
	['fractional seconds and lower-case t and z', '2024-01-14t08:00:00.123z', '2024-01-15T23:59:59.999999Z'],
	['one form each', '2024-01-14', '2024-01-15T00:00:00+00:00'],
	['offsets that stay on the day in UTC', '2024-01-14T01:00:00+01:00', '2024-01-15T20:00:00-03:00'],
])('both forms are taken: %s', async (_case, start, end) => {
	expect(await dates(start, end)).toEqual(['2024-01-14', '2024-01-15']);
});

test('a date-time is read as the UTC day it falls on', async () => {
	expect(await dates('2024-01-13T23:30:00-02:00', '2024-01-14T23:30:00-02:00')).toEqual(['2024-01-14', '2024-01-15']);
	expect(await dates('2024-01-15T00:30:00+02:00', '2024-01-15T00:30:00+02:00')).toEqual(['2024-01-14']);
});

test.each([
	['a date-time without its zone', '2024-01-14T00:00:00'],
	['a plus sign sent unencoded (read as a space)', '2024-01-14T00:00:00 00:00'],
	['slashes', '2024/01/14'],
	['a day-first date', '14.01.2024'],
	['a day that is not', '2024-02-30'],
	['an hour that is not', '2024-01-14T24:00:00Z'],
	['an offset that is not', '2024-01-14T00:00:00+25:00'],
	['an epoch number', '1705190400'],
	['an empty value', ''],
])('anything else is 400 INVALID_PARAMETER naming the parameter: %s', async (_case, value) => {
	const start = await call('GET', `/teams/12345/transfers/36091/runs?start_date=${encodeURIComponent(value)}&end_date=2024-01-15`);
	expect(start.status).toBe(400);
	expect(start.json.error?.code).toBe('INVALID_PARAMETER');
	expect(start.json.error?.description).toContain("'start_date'");
	if (value === '') return;
	const end = await runs('2024-01-14', value);
	expect(end.status).toBe(400);
	expect(end.json.error?.description).toContain("'end_date'");
});

describe('the switch: one form only', () => {
	test('date-time only: a day is 400 INVALID_PARAMETER naming start_date; the date-time is taken', async () => {
		holder.sandbox.setRunDateForm('date-time');
		const refused = await runs('2024-01-14', '2024-01-15');
		expect(refused.status).toBe(400);
		expect(refused.json.error).toEqual({ code: 'INVALID_PARAMETER', message: 'Invalid Parameter', description: expect.stringContaining("'start_date' must be an RFC 3339 date-time") });
		expect(await dates('2024-01-14T00:00:00+00:00', '2024-01-15T00:00:00+00:00')).toEqual(['2024-01-14', '2024-01-15']);
		expect((await runs('2024-01-14T00:00:00+00:00', '2024-01-15')).json.error?.description).toContain("'end_date'");
	});

	test('day only: a date-time is 400 naming start_date; the day is taken', async () => {
		holder.sandbox.setRunDateForm('day');
		const refused = await runs('2024-01-14T00:00:00+00:00', '2024-01-15T00:00:00+00:00');
		expect(refused.status).toBe(400);
		expect(refused.json.error?.code).toBe('INVALID_PARAMETER');
		expect(refused.json.error?.description).toContain("'start_date' must be a day (YYYY-MM-DD)");
		expect(await dates('2024-01-14', '2024-01-15')).toEqual(['2024-01-14', '2024-01-15']);
	});

	test('set over HTTP at /__sandbox/run-date-form; an unknown form is refused; reset brings back both', async () => {
		const control = `${holder.sandbox.url.replace(/\/v1$/, '')}/__sandbox/run-date-form`;
		const set = await fetch(control, { method: 'POST', body: JSON.stringify({ form: 'date-time' }) });
		expect(await set.json()).toEqual({ form: 'date-time' });
		expect((await runs('2024-01-14', '2024-01-15')).status).toBe(400);
		expect((await fetch(control, { method: 'POST', body: JSON.stringify({ form: 'week' }) })).status).toBe(400);
		expect(await (await fetch(control)).json()).toEqual({ form: 'date-time' });
		holder.sandbox.reset();
		expect(holder.sandbox.runDateForm).toBe('both');
		expect((await runs('2024-01-14', '2024-01-15')).status).toBe(200);
	});

	test('an unknown form is refused as an option too', () => {
		expect(() => createSandbox({ runDateForm: 'week' as 'day' })).toThrow(/run date form/);
	});
});
