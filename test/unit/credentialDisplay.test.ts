/**
 * Which credential n8n shows on which operation, and that no credential steers the node's fields.
 *
 * n8n 2.41's editor (nodeTypesUtils: getNodeAuthFields, getMainAuthField, isAuthRelatedParameter)
 * takes every node field a credential names under `displayOptions.show` for an authentication
 * field: it hides that field and the fields it depends on from the parameter list, and when a
 * credential is picked (or picked for you) it sets the field to the first value that credential
 * shows for. Naming `resource` there hid Resource and Operation and turned every action of the node
 * panel into another operation. So: no `show` on any credential, the second one hidden with `hide`.
 * The browser suite (test/e2e/panel.e2e.js) checks the same in a real editor.
 */
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeCredentialDescription, INodeType, INodeTypeDescription } from 'n8n-workflow';

import pkg from '../../package.json';
import { loadFile } from './repo';

const load = (file: string) => {
	const className = file.slice(file.lastIndexOf('/') + 1).split('.')[0];
	return new ((loadFile(file) as Record<string, new () => INodeType>)[className])().description;
};
const node = load(pkg.n8n.nodes[0]);
const trigger = load(pkg.n8n.nodes[1]);

const resourceField = node.properties.find((p) => p.name === 'resource')!;
const operationsOf = (resource: string) =>
	node.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))!.options!.map(
		(o) => (o as { value: string }).value,
	);

/** Every resource and operation, with each Secrets From value where the operation has the field. */
function everyConfiguration(description: INodeTypeDescription) {
	const configurations: Array<Record<string, string>> = [];
	for (const { value: resource } of resourceField.options as Array<{ value: string }>) {
		for (const operation of operationsOf(resource)) {
			const base = { resource, operation };
			const withDefaults = parameters(description, base);
			if ('secretsSource' in withDefaults) {
				const field = description.properties.find((p) => p.name === 'secretsSource' && NodeHelpers.displayParameter(withDefaults, p, stubNode(withDefaults), description))!;
				for (const { value } of field.options as Array<{ value: string }>) configurations.push({ ...base, secretsSource: value });
			} else {
				configurations.push(base);
			}
		}
	}
	return configurations;
}

const stubNode = (parameters: object) => ({ name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters }) as unknown as INode;

/** The node's parameters as n8n's editor holds them: the given ones and every displayed default. */
function parameters(description: INodeTypeDescription, given: Record<string, string>) {
	const stub = { name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: given } as unknown as INode;
	return NodeHelpers.getNodeParameters(description.properties, given, true, false, stub, description) ?? {};
}

const shown = (description: INodeTypeDescription, credential: INodeCredentialDescription, given: Record<string, string>) => {
	const stub = { name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: given } as unknown as INode;
	return NodeHelpers.displayParameter(parameters(description, given), credential, stub, description);
};

test('no credential names a node field under displayOptions.show, so n8n takes none for an authentication field', () => {
	for (const description of [node, trigger]) {
		for (const credential of description.credentials ?? []) expect(credential.displayOptions?.show).toBeUndefined();
	}
});

test('each of the node\'s two credential fields says what it is (n8n labels both "Credential" otherwise)', () => {
	expect(node.credentials?.map(({ name, displayName }) => [name, displayName])).toEqual([
		['supermetricsTransfersApi', 'Credential for Supermetrics Transfers API'],
		['supermetricsTransfersSecretsApi', 'Credential for Destination Secrets'],
	]);
});

test('the API credential shows on every operation; Destination Secrets only where secrets come from it', () => {
	const [api, secrets] = node.credentials!;
	const configurations = everyConfiguration(node);
	expect(configurations.length).toBeGreaterThan(34);
	const withSecrets = configurations.filter((c) => shown(node, secrets, c));
	for (const configuration of configurations) expect(shown(node, api, configuration)).toBe(true);
	expect(withSecrets).toEqual([
		{ resource: 'destination', operation: 'create', secretsSource: 'credential' },
		{ resource: 'destination', operation: 'rotateSecrets', secretsSource: 'credential' },
		{ resource: 'destination', operation: 'testConnection', secretsSource: 'credential' },
		{ resource: 'destination', operation: 'update', secretsSource: 'credential' },
	]);
	// Secrets From's default is the credential: a node saved without the field still gets it.
	expect(shown(node, secrets, { resource: 'destination', operation: 'create' })).toBe(true);
});
