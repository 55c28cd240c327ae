/**
 * The newest reference's operations end to end against the sandbox (which is written from the
 * reference, not from the node): Login Link Create with Use Existing as the onboarding template
 * sends it, twice; Transfer Clone; Transfer Create Many with an exact duplicate; Destination
 * Rotate Secrets from the Destination Secrets credential.
 */
import { byCode, byId, SEEDED, TEAM } from './context';
import { runNode } from './harness';
import { API_CANARY, useSandbox } from './support';
import { readText } from '../unit/repo';

const ctx = useSandbox();
const credentials = () => ({ apiKey: API_CANARY, baseUrl: ctx.sandbox.url, apiUrl: ctx.sandbox.apiUrl });
const run = (parameters: Record<string, unknown>, extra: { items?: object[]; continueOnFail?: boolean; secrets?: object } = {}) =>
	runNode({ parameters, credentials: credentials(), ...extra });
const jsonOf = (result: Awaited<ReturnType<typeof run>>) => (result.output ?? []).map((item) => item.json);

test('the onboarding template\'s login link, sent twice for one client: one link, handed back the second time', async () => {
	const template = JSON.parse(readText('docs/templates/onboard-a-client.json')) as { nodes: Array<{ name: string; parameters: Record<string, unknown> }> };
	const { parameters } = template.nodes.find((node) => node.name === 'Create a login link')!;
	const item = { teamId: TEAM, dataSourceId: 'GAWA', clientName: 'Acme' };
	const [first] = jsonOf(await run(parameters, { items: [item] }));
	const [second] = jsonOf(await run(parameters, { items: [item] }));
	expect(ctx.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/ds/login/link').map((r) => (r.body as { use_existing?: boolean }).use_existing)).toEqual([true, true]);
	expect(second.link_id).toBe(first.link_id);
	expect(ctx.sandbox.state.loginLinks.size).toBe(1);
});

test('Transfer → Clone: a new transfer like the source, from the source\'s data source, with the accounts given and no recipients copied', async () => {
	const result = await run({
		resource: 'transfer',
		operation: 'clone',
		teamId: TEAM,
		transferId: byId(SEEDED.transferId),
		displayName: 'Globex like AW',
		accountList: '={{ [{ account_id: "555", login_id: 2682599, data_source_username: "user.name@supermetrics.com" }] }}',
	});
	expect(result.error).toBeUndefined();
	const [clone] = jsonOf(result);
	expect(clone).toMatchObject({ source_transfer_id: SEEDED.transferId, transfer_id: expect.any(String), transfer_name: 'Globex like AW' });
	const got = jsonOf(await run({ resource: 'transfer', operation: 'get', teamId: TEAM, transferId: byId(String(clone.transfer_id)) }))[0];
	const source = jsonOf(await run({ resource: 'transfer', operation: 'get', teamId: TEAM, transferId: byId(SEEDED.transferId) }))[0];
	expect((got.data_source as { data_source_id: string }).data_source_id).toBe((source.data_source as { data_source_id: string }).data_source_id);
	expect((got.data_source as { data_source_id: string }).data_source_id).toBe('AW');
	expect(got.display_name).toBe('Globex like AW');
	expect(JSON.stringify(got)).toContain('"555"');
	expect(got.notification_recipients ?? []).toEqual([]);
});

test('Transfer → Create Many: each item created or refused on its own; an exact duplicate in one request is refused', async () => {
	const configuration = {
		resource: 'transfer',
		operation: 'createMany',
		teamId: TEAM,
		dataSourceId: byCode('AW'),
		schemaId: '2',
		destinationId: byId(SEEDED.destinationId),
		displayName: '={{ $json.name }}',
		schedule: { entries: [{ runInterval: 'daily', runHour: 4, refreshWindow: 2 }] },
		accounts: { entries: [{ accountId: '8733197711', dataSourceUsername: 'user.name@supermetrics.com', loginId: 2682599 }] },
	};
	const result = await run(configuration, { items: [{ name: 'Client A' }, { name: 'Client B' }, { name: 'Client A' }], continueOnFail: true });
	const [a, b, again] = jsonOf(result);
	expect(a).toMatchObject({ status: 'success', transfer_name: 'Client A' });
	expect(b).toMatchObject({ status: 'success', transfer_name: 'Client B' });
	expect(again).toMatchObject({ code: 'DWH_BATCH_CREATE_DUPLICATE_CONFIGURATION' });
	expect(ctx.sandbox.requests.filter((r) => r.path === `/teams/${TEAM}/transfers/batch`)).toHaveLength(1);
});

test('Destination → Rotate Secrets from the Destination Secrets credential: the destination\'s secret is replaced, none is shown', async () => {
	const rotated = 'rotated-private-key-8d1e';
	const result = await run(
		{ resource: 'destination', operation: 'rotateSecrets', teamId: TEAM, destinationId: byId(SEEDED.destinationId), destinationType: byCode('DWH_SNOWFLAKE') },
		{ secrets: { newSecret: rotated } },
	);
	expect(result.error).toBeUndefined();
	expect(jsonOf(result)).toEqual([{ destination_id: SEEDED.destinationId, status: 'success' }]);
	expect(ctx.sandbox.state.secretRotations).toEqual([expect.objectContaining({ destination_id: SEEDED.destinationId })]);
	expect(JSON.stringify(ctx.sandbox.state.destinations.get(SEEDED.destinationId))).toContain(rotated);
	expect(JSON.stringify(result.output)).not.toContain(rotated);
});
