/** What n8n's loader and a user installing beside Supermetrics' own package rely on. */
import type { ICredentialType, ILoadOptionsFunctions, INodeType } from 'n8n-workflow';

import pkg from '../../package.json';
import { loadFile } from './repo';

/** n8n requires each listed file to export a class named like the file (Name.node.js → Name). */
function loadListed<T extends ICredentialType | INodeType>(file: string): T {
	const className = file.slice(file.lastIndexOf('/') + 1).split('.')[0];
	const exported = (loadFile(file) as Record<string, unknown>)[className];
	expect(typeof exported).toBe('function');
	return new (exported as new () => T)();
}

/** A list search's context before a Team ID is set: enough for the built-in codes, which send nothing. */
const noTeamYet = { getCurrentNodeParameter: () => '' } as unknown as ILoadOptionsFunctions;

test('package.json is a publishable community package with no runtime dependencies', () => {
	expect(pkg.name).toBe('n8n-nodes-supermetrics-transfers');
	expect(pkg.license).toBe('MIT');
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg).not.toHaveProperty('dependencies');
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	expect(pkg.files).toEqual(['dist']);
	for (const version of Object.values(pkg.devDependencies)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
});

test('the credential loads under its own global name, unlike Supermetrics\' supermetricsApi', () => {
	const [file] = pkg.n8n.credentials;
	const credential = loadListed<ICredentialType>(file);
	expect(credential.name).toBe('supermetricsTransfersApi');
	expect(credential.name).not.toBe('supermetricsApi');
	expect(credential.displayName).toBe('Supermetrics Transfers API');
	const fields = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
	expect(fields.apiKey.typeOptions).toEqual({ password: true });
	expect(fields.apiKey.description).toContain('dwh_transfers_write');
	expect(fields.apiKey.description).toContain('dwh.transfer.edit');
	expect(fields.baseUrl.default).toBe('https://dts-api.supermetrics.com/v1');
	expect(fields.authScheme.default).toBe('perEndpoint');
	expect(fields.apiUrl.default).toBe('https://api.supermetrics.com');
});

test('the Destination Secrets credential keeps every value in a password field', () => {
	const credential = loadListed<ICredentialType>(pkg.n8n.credentials[1]);
	expect(credential.name).toBe('supermetricsTransfersSecretsApi');
	const values = credential.properties.filter((p) => p.type === 'string');
	expect(values.map((p) => p.name)).toEqual(['password', 'privateKey', 'passphrase', 'accessToken', 'secretAccessKey', 'newSecret']);
	for (const field of values) expect(field.typeOptions?.password).toBe(true);
});

test('the node loads with the names saved workflows depend on', async () => {
	const [file] = pkg.n8n.nodes;
	const node = loadListed<INodeType>(file);
	const { description } = node;
	expect(description).toMatchObject({
		name: 'supermetricsTransfers',
		displayName: 'Supermetrics Transfers',
		version: 1,
		usableAsTool: true,
	});
	// The API credential always; the Destination Secrets one hidden but where Destination operations
	// read it (credentialDisplay.test.ts has which, and why never with `show`).
	expect(description.credentials).toEqual([
		{ name: 'supermetricsTransfersApi', displayName: 'Credential for Supermetrics Transfers API', required: true },
		expect.objectContaining({ name: 'supermetricsTransfersSecretsApi', displayOptions: { hide: expect.objectContaining({ secretsSource: ['node', 'none', 'item'] }) } }),
	]);
	const names = description.properties.map((p) => p.name);
	expect(names).toEqual(expect.arrayContaining(['resource', 'operation', 'teamId', 'dataSourceId', 'destinationType', 'options']));
	const resource = description.properties.find((p) => p.name === 'resource');
	expect(resource?.options).toContainEqual({ name: 'Data Source Connection', value: 'dataSourceConnection' });

	const sources = await node.methods?.listSearch?.searchDataSources.call(noTeamYet, undefined);
	expect(sources?.results.map((r) => r.value)).toEqual(expect.arrayContaining(['GA', 'GAWA', 'ADM', 'AW', 'FA']));
	const destinations = await node.methods?.listSearch?.searchDestinationTypes.call(noTeamYet, 'snow');
	expect(destinations?.results).toEqual([{ name: 'Snowflake (DWH_SNOWFLAKE)', value: 'DWH_SNOWFLAKE' }]);
});

test('the trigger loads with the names saved workflows depend on, and its codex is built beside it', () => {
	const file = pkg.n8n.nodes.find((listed) => listed.endsWith('SupermetricsTransfersTrigger.node.js'));
	expect(file).toBe('dist/nodes/SupermetricsTransfers/SupermetricsTransfersTrigger.node.js');
	const { description } = loadListed<INodeType>(file as string);
	expect(description).toMatchObject({
		name: 'supermetricsTransfersTrigger',
		displayName: 'Supermetrics Transfers Trigger',
		version: 1,
		polling: true,
		inputs: [],
		credentials: [{ name: 'supermetricsTransfersApi', required: true }],
	});
	const fields = Object.fromEntries(description.properties.map((p) => [p.name, p]));
	expect(Object.keys(fields)).toEqual(['event', 'teamId', 'transferId', 'onlyFailures', 'daysBeforeExpiry', 'dsId']);
	expect(fields.event.options?.map((o) => ('value' in o ? o.value : o.name))).toEqual(['transferRunFinished', 'backfillFinished', 'loginLinkUsed', 'loginExpiring']);
	// The login events are not below a team: Team ID, Transfer and Only Failures are theirs only.
	for (const name of ['teamId', 'transferId', 'onlyFailures']) expect(fields[name].displayOptions).toEqual({ show: { event: ['transferRunFinished', 'backfillFinished'] } });
	expect(fields.daysBeforeExpiry).toMatchObject({ type: 'number', default: 7, typeOptions: { minValue: 1, maxValue: 365 }, displayOptions: { show: { event: ['loginExpiring'] } } });
	expect(fields.dsId).toMatchObject({ type: 'string', default: '', displayOptions: { show: { event: ['loginLinkUsed', 'loginExpiring'] } } });
	expect(fields.transferId).toMatchObject({ type: 'resourceLocator', required: false });
	expect(fields.onlyFailures).toMatchObject({ type: 'boolean', default: false });
	const codex = loadFile((file as string).replace(/\.js$/, '.json')) as { node: string };
	expect(codex.node).toBe('n8n-nodes-supermetrics-transfers.supermetricsTransfersTrigger');
});
