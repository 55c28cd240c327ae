/**
 * Transfer → Clone: the source transfer and only the overrides given, each checked against Clone's
 * own limits (the reference's, which are not Create's) before anything is sent; a create, so never
 * retried, and its new transfer_id handed on.
 */
import { byId, TEAM } from './context';
import { loadOptionsContext, runNode, SupermetricsTransfers } from './harness';
import { apiData } from './hostile';
import { scriptedApi } from './scripted';
import { API_CANARY } from './support';

const api = scriptedApi();
const clone = (parameters: Record<string, unknown> = {}, extra: { continueOnFail?: boolean } = {}) =>
	runNode({
		parameters: { resource: 'transfer', operation: 'clone', teamId: TEAM, transferId: byId('36091'), ...parameters },
		credentials: { apiKey: API_CANARY, baseUrl: api.url },
		continueOnFail: extra.continueOnFail,
	});
const created = () => (api.answer = (_req, res) => apiData(res, 201, { transfer_id: 36092, transfer_name: 'Copy of AW' }, { Location: `https://dts-api.supermetrics.com/v1/teams/${TEAM}/transfers/36092` }));

test('no override: an empty body clones the transfer as it is; the new transfer_id is handed on', async () => {
	created();
	const result = await clone();
	expect(result.error).toBeUndefined();
	// No overrides: n8n's HTTP helper leaves an empty object out, which the reference allows ("omit entirely or send {}").
	expect(api.received.map((r) => `${r.method} ${r.url}`)).toEqual([`POST /v1/teams/${TEAM}/transfers/36091/clone`]);
	expect(['', '{}']).toContain(api.received[0].body);
	expect(result.output![0].json).toEqual({ source_transfer_id: '36091', transfer_id: '36092', transfer_name: 'Copy of AW' });
});

test('the overrides a person changes for the next client, in the API\'s words; recipients only when given', async () => {
	created();
	const result = await clone({
		displayName: 'Client B GA4 to BigQuery',
		destinationId: byId('9'),
		schemaId: '4',
		schedule: { entries: [{ runInterval: 'weekly', runHour: 6, refreshWindow: 7, runWeekday: 1 }] },
		accountList: '={{ [{ account_id: "123", login_id: 77, data_source_username: "b@client.com" }] }}',
		segmentList: '={{ [{ segment_id: "-1", segment_name: "All users", login_id: 77, data_source_username: "b@client.com" }] }}',
		additionalFields: { notificationRecipients: 'ops@agency.com', dataSourceSettings: { entries: [{ fieldId: 'BRAND_KEYWORDS', value: 'b', group: 'Default' }] } },
	});
	expect(result.error).toBeUndefined();
	expect(JSON.parse(api.received[0].body)).toEqual({
		display_name: 'Client B GA4 to BigQuery',
		schema_id: 4,
		destination_id: 9,
		schedule: [{ run_interval: 'weekly', run_hour: 6, refresh_window: 7, run_weekday: 1 }],
		accounts: [{ account_id: '123', data_source_username: 'b@client.com', login_id: 77 }],
		// Clone's segments have no login_id.
		segments: [{ segment_id: '-1', segment_name: 'All users', data_source_username: 'b@client.com' }],
		data_source_settings: [{ field_id: 'BRAND_KEYWORDS', value: 'b', group: 'Default' }],
		notification_recipients: ['ops@agency.com'],
	});
});

describe('Clone\'s own limits, checked before anything is sent', () => {
	const refused: Array<[string, Record<string, unknown>, string]> = [
		['an hourly run (Create takes one, Clone not)', { schedule: { entries: [{ runInterval: 'hourly', runHour: 0, refreshWindow: 1 }] } }, 'Invalid Schedule 1: run_interval "hourly" in item 0'],
		['a refresh window past 365 days', { schedule: { entries: [{ runInterval: 'daily', runHour: 0, refreshWindow: 366 }] } }, 'Invalid Schedule 1: refresh_window 366 in item 0'],
		['an account without its login', { accounts: { entries: [{ accountId: '1', dataSourceUsername: 'u@x.com', loginId: 0 }] } }, 'Invalid Accounts 1: login_id 0 in item 0'],
		['an account without its username', { accounts: { entries: [{ accountId: '1', loginId: 2 }] } }, 'Invalid Accounts 1: data_source_username "" in item 0: is required'],
		['more than 50 recipients', { additionalFields: { notificationRecipients: Array.from({ length: 51 }, (_, i) => `r${i}@x.com`).join(',') } }, 'Invalid Notification Recipients "51 entries" in item 0: may have at most 50 entries'],
		['more than 10 schedules', { schedule: { entries: Array.from({ length: 11 }, () => ({ runInterval: 'daily', runHour: 1, refreshWindow: 1 })) } }, 'Invalid Schedule "11 entries" in item 0: may have at most 10 entries'],
		['a destination that is not an id', { destinationId: byId('eight') }, 'Invalid Destination "eight" in item 0'],
	];
	test.each(refused)('%s', async (_name, parameters, message) => {
		created();
		const result = await clone(parameters, { continueOnFail: true });
		expect(result.output![0].json).toMatchObject({ code: 'INVALID_INPUT' });
		expect(String(result.output![0].json.error)).toContain(message);
		expect(api.received).toEqual([]);
	});
});

test('a 5xx is not retried: the clone may exist, and the error says to check before running again', async () => {
	api.answer = (_req, res) => {
		res.writeHead(500, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify({ meta: { request_id: 'R' }, error: { code: 'INTERNAL_ERROR', message: 'Internal error' } }));
	};
	const result = await clone({ displayName: 'x' });
	expect(api.received).toHaveLength(1);
	expect(result.error!.description).toContain('it may have been carried out');
});

test('the data source is the source transfer\'s: Clone has no Data Source field', () => {
	const fields = new SupermetricsTransfers().description.properties.filter((p) => p.displayOptions?.show?.operation?.includes('clone'));
	expect(fields.map((p) => p.name)).not.toContain('dataSourceId');
	expect(fields.find((p) => p.name === 'schemaId')?.required).toBeFalsy();
});

test('Clone\'s Accounts list: the source transfer\'s data source and destination, read from it, then its available options', async () => {
	api.answer = (req, res) => {
		if (req.url!.startsWith(`/v1/teams/${TEAM}/transfers/36091`)) {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ transfer_id: 36091, data_source: { data_source_id: 'GAWA', service_name: 'Google Analytics 4' }, destination_id: 8 }));
			return;
		}
		apiData(res, 200, { accounts: [{ account_id: '123', account_name: 'Shop', login_id: 77 }], logins: [{ login_id: 77, data_source_username: 'b@client.com' }] });
	};
	const context = loadOptionsContext({ parameters: { resource: 'transfer', operation: 'clone', teamId: TEAM, transferId: byId('36091') }, credentials: { apiKey: API_CANARY, baseUrl: api.url }, path: 'parameters.accountList' });
	const accounts = await new SupermetricsTransfers().methods.loadOptions.getAccounts.call(context);
	expect(api.received.map((r) => r.url)).toEqual([`/v1/teams/${TEAM}/transfers/36091`, `/v1/teams/${TEAM}/transfers/available-options?source_id=GAWA&destination_id=8`]);
	expect(accounts).toEqual([{ name: 'Shop (123) · b@client.com', value: JSON.stringify({ account_id: '123', login_id: 77, data_source_username: 'b@client.com' }) }]);
});
