/**
 * Table Groups in the editor, against a scripted server: the Table Group picker (GET /table/groups,
 * below the Supermetrics API URL's /enterprise/v2) and the transfer's Schema list, which adds the
 * team's table groups by their numeric schema_id and keeps its schemas when they fail.
 */
import { loadOptionsContext, SupermetricsTransfers } from './harness';
import { apiData } from './hostile';
import { scriptedApi } from './scripted';
import { credentialsOf, flatError, GROUP } from './tableGroupSupport';

const api = scriptedApi();

describe('in the editor', () => {
	const context = (parameters: Record<string, unknown>, path: string) => loadOptionsContext({ parameters, credentials: credentialsOf(api), path });

	test('the Table Group picker lists the key\'s groups by name and tg_… id, and searches them', async () => {
		api.answer = (_req, res) => apiData(res, 200, [GROUP, { ...GROUP, group_id: 'tg_99999', schema_id: 99999, name: 'Google Ads performance' }]);
		const search = new SupermetricsTransfers().methods.listSearch.searchTableGroups;
		const all = await search.call(context({ resource: 'tableGroup', operation: 'export' }, 'parameters.groupId'));
		expect(all.results).toEqual([
			{ name: 'Marketing Analytics (tg_123)', value: 'tg_123' },
			{ name: 'Google Ads performance (tg_99999)', value: 'tg_99999' },
		]);
		const found = await search.call(context({ resource: 'tableGroup', operation: 'edit' }, 'parameters.groupId'), 'ads');
		expect(found.results.map((r) => r.value)).toEqual(['tg_99999']);
		expect(api.received.map((r) => r.url)).toEqual(['/enterprise/v2/table/groups', '/enterprise/v2/table/groups']);
	});

	const transferForm = { resource: 'transfer', operation: 'create', teamId: '12345', dataSourceId: { __rl: true, mode: 'code', value: 'GAWA' }, destinationId: { __rl: true, mode: 'id', value: '8' } };

	test('Schema lists Get Available Options\' schemas, then the team\'s table groups by their numeric schema_id (not their tg_ id)', async () => {
		api.answer = (req, res) =>
			req.url?.startsWith('/enterprise/v2/')
				? apiData(res, 200, [GROUP, { ...GROUP, group_id: 'tg_2', schema_id: 2, name: 'Listed already' }])
				: apiData(res, 200, { schemas: [{ schema_id: 1, name: 'Standard' }, { schema_id: 2, name: 'Custom' }] });
		const options = await new SupermetricsTransfers().methods.loadOptions.getSchemas.call(context(transferForm, 'parameters.schemaId'));
		expect(options).toEqual([
			{ name: 'Standard (1)', value: '1' },
			{ name: 'Custom (2)', value: '2' },
			{ name: 'Table group: Marketing Analytics (90123)', value: '90123', description: 'Group ID tg_123' },
		]);
		expect(api.received.map((r) => r.url).sort()).toEqual(['/enterprise/v2/table/groups', '/v1/teams/12345/transfers/available-options?source_id=GAWA&destination_id=8']);
	});

	test('a table-group list that fails leaves the schemas as they are', async () => {
		api.answer = (req, res) =>
			req.url?.startsWith('/enterprise/v2/') ? flatError(res, 500, 'TABLE_GROUP_SEARCH_FAILED', 'failed') : apiData(res, 200, { schemas: [{ schema_id: 1, name: 'Standard' }] });
		const options = await new SupermetricsTransfers().methods.loadOptions.getSchemas.call(context(transferForm, 'parameters.schemaId'));
		expect(options).toEqual([{ name: 'Standard (1)', value: '1' }]);
	});
});
