/**
 * Table Groups against the sandbox (its Supermetrics API origin, below /enterprise/v2), one step
 * feeding the next as a workflow would: Import from a file, List, Export (json and file), Edit
 * from the exported file as it is and then from its json changed, and a transfer created into
 * the group by its schema_id, which the Schema picker offers too.
 */
import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { byCode, byId, json, SEEDED, TEAM, useSandbox } from './context';
import { loadOptionsContext, runNode, SupermetricsTransfers } from './harness';

const ctx = useSandbox();
const credentials = () => ({ apiKey: 'sandbox-demo-key', baseUrl: ctx.sandbox.url, apiUrl: ctx.sandbox.apiUrl });
const run = (parameters: Record<string, unknown>, items?: IDataObject[], binaries?: Array<IBinaryKeyData | undefined>) =>
	runNode({ parameters, items, binaries, credentials: credentials() });

const MODEL = {
	version: 1,
	group: { group_name: 'Ads by campaign', ds_id: 'AW', table_prefix: 'ADS' },
	tables: [{ table_name: 'CAMPAIGNS', table_partition: 'date', fields: ['Date', 'CampaignName', 'Clicks'] }],
	fields: [{ field_id: 'Clicks', target_name: 'click_count' }],
};
const file = (content: object): IBinaryKeyData => ({
	data: { data: Buffer.from(JSON.stringify(content)).toString('base64'), mimeType: 'application/json', fileName: 'ads.json' },
});
const tableGroup = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'tableGroup', operation, ...extra });

test('import from a file → list → export → edit (file as is, then json changed) → a transfer into the group by its schema_id', async () => {
	const imported = await run(tableGroup('import', { dataModelFrom: 'binary', binaryPropertyName: 'data' }), [{}], [file(MODEL)]);
	expect(imported.error).toBeUndefined();
	const [group] = json(imported);
	expect(group).toMatchObject({ '@type': 'table_group', group_id: expect.stringMatching(/^tg_/), schema_id: expect.stringMatching(/^\d+$/), name: 'Ads by campaign' });
	expect(ctx.last()).toMatchObject({ api: 'logins', method: 'POST', path: '/enterprise/v2/table/group/import', body: MODEL });

	const listed = json(await run(tableGroup('list')));
	expect(listed.map((g) => g.group_id)).toEqual(['tg_123', 'tg_99999', group.group_id]);

	const exported = await run(tableGroup('export', { groupId: byId('={{ $json.group_id }}'), version: 1 }), [group]);
	const [item] = exported.output ?? [];
	expect(item.json).toMatchObject({ group_id: group.group_id, version: 1, group: { group_id: group.group_id, group_name: 'Ads by campaign', ds_id: 'AW', table_prefix: 'ADS' } });
	expect((item.json.fields as IDataObject[]).map((f) => [f.field_id, f.target_name])).toEqual([['Date', 'date'], ['CampaignName', 'campaign_name'], ['Clicks', 'click_count']]);
	expect(item.binary?.data).toMatchObject({ fileName: 'Ads by campaign.json', mimeType: 'application/json' });

	// The exported file as it is (its group_id, readOnly field properties and version included).
	const asIs = await run(tableGroup('edit', { groupId: byId('={{ $json.group_id }}'), dataModelFrom: 'binary' }), [item.json], [item.binary]);
	expect(asIs.error).toBeUndefined();
	expect(ctx.last()).toMatchObject({ method: 'PUT', path: `/enterprise/v2/table/group/${String(group.group_id)}`, query: { version: '1' } });
	expect(ctx.sandbox.state.tableGroups.get(String(group.group_id))?.revision).toBe(2);

	// Its json, changed: a second table.
	const changed = { ...item.json, tables: [...(item.json.tables as IDataObject[]), { table_name: 'AD_GROUPS', fields: ['Date', 'AdGroupName'] }] };
	const edited = await run(tableGroup('edit', { groupId: byId('={{ $json.group_id }}'), dataModelFrom: 'json', dataModel: '={{ $json }}' }), [changed]);
	expect(json(edited)).toEqual([expect.objectContaining({ group_id: group.group_id, schema_id: group.schema_id, name: 'Ads by campaign' })]);
	const again = json(await run(tableGroup('export', { groupId: byId(String(group.group_id)), version: 1 })));
	expect((again[0].tables as IDataObject[]).map((t) => t.table_name)).toEqual(['CAMPAIGNS', 'AD_GROUPS']);

	const transfer = await run(
		{
			resource: 'transfer',
			operation: 'create',
			teamId: TEAM,
			dataSourceId: byCode('AW'),
			schemaId: '={{ $json.schema_id }}',
			destinationId: byId(SEEDED.destinationId),
			displayName: 'Ads into the table group',
			schedule: { entries: [{ runInterval: 'daily', runHour: 22, refreshWindow: 1 }] },
			accounts: { entries: [{ accountId: '8733197711', dataSourceUsername: 'user.name@supermetrics.com', loginId: 2682599 }] },
		},
		[group],
	);
	expect(transfer.error).toBeUndefined();
	expect(ctx.last()).toMatchObject({ api: 'dts', method: 'POST', path: `/teams/${TEAM}/transfers`, body: expect.objectContaining({ schema_id: Number(group.schema_id) }) });
});

test('the Schema picker offers the team\'s table groups by schema_id', async () => {
	const context = loadOptionsContext({
		parameters: { resource: 'transfer', operation: 'create', teamId: TEAM, dataSourceId: byCode('AW'), destinationId: byId(SEEDED.destinationId) },
		credentials: credentials(),
		path: 'parameters.schemaId',
	});
	const options = await new SupermetricsTransfers().methods.loadOptions.getSchemas.call(context);
	expect(options).toEqual(expect.arrayContaining([{ name: 'Table group: Google Ads performance (99999)', value: '99999', description: 'Group ID tg_99999' }]));
});

test('an import under a name the team has already is refused with the sandbox\'s 409, in plain words', async () => {
	const result = await run(tableGroup('import', { dataModelFrom: 'json', dataModel: JSON.stringify({ ...MODEL, group: { ...MODEL.group, group_name: 'Marketing Analytics' } }) }));
	expect(result.error?.message).toMatch(/^A table group named "Marketing Analytics" already exists: .*\(TABLE_GROUP_NAME_CONFLICT\)$/);
	expect(ctx.sandbox.state.tableGroups.size).toBe(2);
});
