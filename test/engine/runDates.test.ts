/**
 * Transfer Run List's start_date/end_date: the spec types them date-time, its example is a day.
 * The node sends the date-time form, falls back to the day once when the API refuses it, and
 * keeps the form that worked for that DTS URL.
 */
import { byId, TEAM } from './context';
import { runNode } from './harness';
import { apiData, apiError } from './hostile';
import { scriptedApi } from './scripted';
import { API_CANARY } from './support';

/** Each test its own server, so that what one URL learnt does not carry into the next. */
const apis = [scriptedApi(), scriptedApi(), scriptedApi()];

const list = (baseUrl: string, extra: object = {}) =>
	runNode({
		parameters: { resource: 'transferRun', operation: 'list', teamId: TEAM, transferId: byId('36091'), startDate: '2024-01-01', endDate: '2024-01-31', limit: 10, ...extra },
		credentials: { apiKey: API_CANARY, baseUrl },
		continueOnFail: true,
	});

const RUN = { id: 7, status: 'COMPLETED', type: 'Recurring', message: '', data_date: '2024-01-15' };
const dates = (received: Array<{ url: string }>) => received.map((r) => new URL(r.url, 'http://x').searchParams.get('start_date'));

/** An API that takes only days, refusing a date-time with 400 INVALID_PARAMETER, as the spec's example reads. */
function daysOnly(api: (typeof apis)[number]) {
	api.answer = (req, res) => {
		const start = new URL(req.url ?? '', 'http://x').searchParams.get('start_date') ?? '';
		if (/^\d{4}-\d{2}-\d{2}$/.test(start)) return apiData(res, 200, [RUN]);
		return apiError(res, 400, { code: 'INVALID_PARAMETER', message: 'Invalid Parameter', description: `start_date must be a date, got '${start}'` });
	};
}

test("sends the spec's date-time form first: an API that takes it answers at once", async () => {
	const [api] = apis;
	api.answer = (_req, res) => apiData(res, 200, [RUN]);
	const result = await list(api.url);
	expect(result.output!.map((i) => i.json.id)).toEqual(['7']);
	expect(dates(api.received)).toEqual(['2024-01-01T00:00:00Z']);
	expect(new URL(api.received[0].url, 'http://x').searchParams.get('end_date')).toBe('2024-01-31T23:59:59Z');
});

test('an API that refuses the date-time gets the day once, and from then on the day at once', async () => {
	const api = apis[1];
	daysOnly(api);
	const first = await list(api.url);
	expect(first.output!.map((i) => i.json.id)).toEqual(['7']);
	expect(dates(api.received)).toEqual(['2024-01-01T00:00:00Z', '2024-01-01']);
	expect(new URL(api.received[1].url, 'http://x').searchParams.get('end_date')).toBe('2024-01-31');

	api.received.length = 0;
	const later = await list(api.url);
	expect(later.output!.map((i) => i.json.id)).toEqual(['7']);
	expect(dates(api.received)).toEqual(['2024-01-01']);
});

test('refused in both forms: the error is the API\'s, and says both were tried', async () => {
	const api = apis[2];
	api.answer = (_req, res) => apiError(res, 422, { code: 'UNPROCESSABLE_ENTITY', message: 'Unprocessable Entity', description: 'The transfer has no runs table.' });
	const { output } = await list(api.url);
	expect(output).toHaveLength(1);
	expect(output![0].json).toMatchObject({ code: 'UNPROCESSABLE_ENTITY', http_code: 422, error: 'The transfer has no runs table. (UNPROCESSABLE_ENTITY)' });
	expect(output![0].json.description).toContain(
		'The node sent start_date and end_date as date-times (2024-01-01T00:00:00Z), then as days (2024-01-01); the API refused both.',
	);
	expect(dates(api.received)).toEqual(['2024-01-01T00:00:00Z', '2024-01-01']);
});
