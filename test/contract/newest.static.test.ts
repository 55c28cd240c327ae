/**
 * Contract: every operation of the node, through n8n's engine and its real HTTP helper, against
 * Stoplight Prism mocking the newest reference (Management API Reference 2.0.0, its derived copy:
 * prism.js newestCopy) with its examples, --errors on (a request Prism finds invalid is refused,
 * never answered with a mocked success). One mock serves both APIs: the credential's Base URL is
 * `<mock>/v1`, its Supermetrics API URL `<mock>`.
 *
 * Each request must be one the newest reference allows (method, path, parameters, body, and its
 * one security scheme: `Authorization: Bearer <key>`); each row calls exactly the reference
 * operations it says, once each; a default credential's first request (a fresh credential id, so
 * nothing remembered) is Bearer and is accepted; the items are what the newest examples give.
 * Likewise the editor's pickers and forms, the credential test, and the trigger's events; and the
 * table: every operation the node offers has a row, every operation of the newest reference's
 * four tags is called by one (but those not offered yet).
 */
import axios from 'axios';
import type { INodePropertyOptions } from 'n8n-workflow';

import { credentialTestRequest, pollingTrigger, runNode, SupermetricsTransfers } from '../engine/harness';
import { newestOutput, NOT_YET_OFFERED } from './newest';
import { OPERATIONS, parametersOf, rowName } from './operations';
import type { OperationRow } from './operations';
import { load, PICKERS } from './pickers';
import { newestFiles, NEWEST_TAGS, specOperationList } from './prism';
import { API_KEY, expectBearerAccepted, expectValidRequests, freshCredentialId, newestCredentials, showError, showExchange, STATIC_NEWEST, useMocks } from './support';
import { DTS_CASES, dtsParameters, LOGIN_CASES, loginTrigger, staticDtsTrigger } from './triggerChecks';

const mocks = useMocks({ newest: STATIC_NEWEST });

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
type PathItem = Record<string, { tags?: string[] } | unknown> & { servers?: Array<{ url: string }> };

describe('the mocked copy of the newest reference', () => {
	test('differs from the file only in its paths of the four tags, each under its server\'s path, and its servers', () => {
		const { reference, copy } = newestFiles();
		// Rebuilt here from the parsed file, independently of how newestCopy edits the YAML.
		const kept: Record<string, unknown> = {};
		for (const [template, item] of Object.entries(reference.paths as Record<string, PathItem>)) {
			const tags = METHODS.flatMap((method) => (item[method] as { tags?: string[] } | undefined)?.tags ?? []);
			if (!tags.some((tag) => NEWEST_TAGS.includes(tag))) continue;
			const { servers, ...rest } = item;
			expect(servers).toHaveLength(1);
			kept[`${new URL(servers![0].url).pathname.replace(/\/+$/, '')}${template}`] = rest;
		}
		expect(Object.keys(kept)).toHaveLength(32);
		expect({ ...copy, paths: undefined, servers: undefined }).toEqual({ ...reference, paths: undefined, servers: undefined });
		expect(copy.paths).toEqual(kept);
		expect(copy.servers).toEqual([{ url: '/', description: expect.any(String) }]);
		// The one security scheme, Bearer, as published.
		expect(copy.components.securitySchemes).toEqual({ ApiKeyAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
	});
});

describe('each operation against the newest static mock (its examples)', () => {
	test.each(OPERATIONS.map((row): [string, OperationRow] => [rowName(row), row]))('%s', async (name, row) => {
		const mock = mocks.newest;
		const from = mock.log.length;
		const result = await runNode({ parameters: parametersOf(row), credentials: newestCredentials(mock), secrets: row.secrets, credentialId: freshCredentialId('static') });
		const exchanges = mock.take();

		expectBearerAccepted(exchanges, `${name} (newest)`);
		await expectValidRequests(mock, exchanges, `${name} (newest)`, from);
		expect(exchanges.map((exchange) => exchange.operation)).toEqual(row.calls);
		if (result.error) throw new Error(`${name}: the node failed on the newest reference's examples: ${showError(result.error)}`);
		expect((result.output ?? []).map((item) => item.json)).toEqual(newestOutput(row));
	});
});

describe('pickers and forms against the newest static mock', () => {
	test.each(Object.keys(PICKERS))('%s', async (name) => {
		const picker = PICKERS[name];
		const mock = mocks.newest;
		const from = mock.log.length;
		const { result, error } = await load(picker, newestCredentials(mock), freshCredentialId('picker'));
		const exchanges = mock.take();
		expectBearerAccepted(exchanges, `${name} (newest)`);
		await expectValidRequests(mock, exchanges, `${name} (newest)`, from);
		// Sent side by side where it reads two: in the order they reach the mock.
		expect(exchanges.map((exchange) => exchange.operation).sort()).toEqual([...picker.calls].sort());
		if (error) throw new Error(`${name} failed on the newest reference's examples: ${showError(error)}`);
		expect(result).toEqual(picker.newestResult ?? picker.result);
	});
});

describe('the credential test against the newest static mock', () => {
	test('GET {Supermetrics API URL}/ds/logins with Bearer, as n8n sends it when the credential is saved: valid, answered 200', async () => {
		const mock = mocks.newest;
		const request = await credentialTestRequest(newestCredentials(mock));
		const from = mock.log.length;
		const answer = await axios({ ...request, validateStatus: () => true });
		const exchanges = mock.take();
		expectBearerAccepted(exchanges, 'credential test (newest)');
		await expectValidRequests(mock, exchanges, 'credential test (newest)', from);
		expect(exchanges.map((exchange) => exchange.operation)).toEqual(['listDataSourceLogins']);
		if (answer.status !== 200) throw new Error(`The credential test was answered ${answer.status}:\n${exchanges.map(showExchange).join('\n')}`);
	});
});

describe('the trigger against the newest static mock', () => {
	const trigger = (parameters: Record<string, unknown>) =>
		pollingTrigger({ parameters, credentials: newestCredentials(mocks.newest), credentialId: freshCredentialId('trigger') });

	test.each(DTS_CASES)('%s: activation, two polls and Fetch Test Event send valid Bearer requests and do not fail', async (name, parameters) => {
		await staticDtsTrigger(mocks.newest, trigger(dtsParameters(parameters)), `${name} (newest)`, parameters, (exchanges) => expectBearerAccepted(exchanges, `${name} (newest)`));
	});

	test.each(LOGIN_CASES)('%s: activation, two polls and Fetch Test Event send valid Bearer requests and do not crash', async (name, parameters) => {
		await loginTrigger(mocks.newest, trigger(parameters), `${name} (newest)`, parameters, (exchanges) => expectBearerAccepted(exchanges, `${name} (newest)`));
	});
});

describe('what Prism does with the newest reference', () => {
	test('int64: ids up to 2^53 − 1 pass, above are refused though the reference allows up to its 9223372036854776000', async () => {
		// The reference writes int64 maxima as 9223372036854776000, which JavaScript (Prism) reads as
		// 2^63, as it read the older 9223372036854775807; Prism's int64 format stops at 2^53 − 1.
		// So the suite's ids are the reference's example ids, far below either.
		const get = async (team: string) =>
			await axios({ url: `${mocks.newest.url}/v1/teams/${team}/backfills/12345`, headers: { Authorization: `Bearer ${API_KEY}` }, validateStatus: () => true });
		expect((await get('9007199254740991')).status).toBe(200);
		const refused = await get('9007199254740992');
		expect(refused.status).toBe(422);
		expect(JSON.stringify(refused.data.validation)).toMatch(/team_id/);
		mocks.newest.take();
	});
});

describe('the table, against the newest reference', () => {
	test('has a row for every operation the node offers, and none for one it does not', () => {
		const { properties } = new SupermetricsTransfers().description;
		const offered = properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.displayOptions?.show?.resource ?? []).flatMap((resource) => (p.options as INodePropertyOptions[]).map((o) => `${String(resource)} → ${String(o.value)}`)));
		expect(offered.length).toBeGreaterThanOrEqual(34);
		expect(OPERATIONS.map(rowName).sort()).toEqual([...offered].sort());
	});

	test('calls only operations of the newest reference\'s four tags', () => {
		const known = new Set(specOperationList('newest').map((o) => o.operationId));
		expect(OPERATIONS.flatMap((row) => row.calls).filter((call) => !known.has(call))).toEqual([]);
	});

	test('calls every operation of the newest reference\'s four tags, but those not offered yet', () => {
		const called = new Set(OPERATIONS.flatMap((row) => row.calls));
		const all = specOperationList('newest').map((o) => o.operationId);
		expect(all).toHaveLength(41);
		expect(NOT_YET_OFFERED.filter((id) => !all.includes(id))).toEqual([]);
		expect(all.filter((id) => !called.has(id) && !NOT_YET_OFFERED.includes(id))).toEqual([]);
	});
});
