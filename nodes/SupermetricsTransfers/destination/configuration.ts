import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { destinationTypeField, displayNameField } from '../descriptions';
import { codeParam, optionParam, textParam } from '../params';
import {
	AUTH_METHOD,
	checkSettingName,
	checkText,
	DESTINATION_TYPE,
	DISPLAY_NAME,
	NEW_PASSWORD,
	SECRETS_SOURCE,
	SETTING_NAME,
} from '../validation';

/**
 * The destination body shared by Create, Update and Test Connection: type, display_name,
 * auth_method and the type's own `fields`. Secret inputs come from a Destination Secrets
 * credential (encrypted by n8n, never in the workflow) or are typed into password fields; the
 * call lists them so the transport masks any echo of them in answers and errors.
 */

export const SECRETS_CREDENTIAL = 'supermetricsTransfersSecretsApi';

/** Parameters that hold secrets: n8n's stored copy of the node in an error gets them replaced. */
export const SECRET_PARAMETERS = ['secrets', 'newPassword'];

const SOURCES = ['credential', 'node', 'none'] as const;

const password = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description,
});

/**
 * Secret settings: the node's parameter, the key in `fields`, and the same value's name in the
 * Destination Secrets credential.
 */
const SECRETS: Array<[name: string, key: string, displayName: string, description: string]> = [
	['privateKey', 'private_key', 'Private Key', 'The private key for key-pair authentication (fields.private_key), e.g. an encrypted PEM'],
	['passphrase', 'passphrase', 'Passphrase', 'The passphrase of the private key (fields.passphrase)'],
	['password', 'password', 'Password', 'The password for password authentication (fields.password)'],
];

export function destinationConfigurationFields(
	displayOptions: IDisplayOptions,
	{ newSecret }: { newSecret: boolean },
): INodeProperties[] {
	const typed = { show: { ...displayOptions.show, secretsSource: ['node'] } };
	const fields: INodeProperties[] = [
		destinationTypeField(displayOptions),
		displayNameField(displayOptions, 'The destination\'s name (display_name), at most 255 characters'),
		{
			displayName: 'Auth Method',
			name: 'authMethod',
			type: 'string',
			default: '',
			placeholder: 'AUTH_METHOD_KEY_PAIR',
			description: 'How the destination authenticates (auth_method), as Get Available Sources lists for its type. Leave empty for the default.',
			displayOptions,
		},
		{
			displayName: 'Settings',
			name: 'settings',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Setting',
			default: {},
			description: 'The destination type\'s settings (fields), e.g. hostname, warehouse, database_name, schema, role, username',
			displayOptions,
			options: [
				{
					displayName: 'Setting',
					name: 'entries',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'hostname', description: 'The setting\'s ID' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The setting\'s value' },
					],
				},
			],
		},
		{
			displayName: 'Secrets From',
			name: 'secretsSource',
			type: 'options',
			default: 'credential',
			options: [
				{
					name: 'Destination Secrets Credential',
					value: 'credential',
					description: 'Encrypted by n8n like the API key, and never part of the workflow (recommended)',
				},
				{
					name: 'Typed in This Node',
					value: 'node',
					description: 'Kept in the workflow, and in every copy of it that is exported or shared',
				},
				{
					name: 'None',
					value: 'none',
					description: newSecret ? 'Send no secret: the stored destination keeps its own' : 'Send no secret',
				},
			],
			description: 'Where the password, private key or passphrase come from',
			displayOptions,
		},
		{
			displayName: 'Secrets',
			name: 'secrets',
			type: 'collection',
			placeholder: 'Add Secret',
			default: {},
			description: 'Secret settings. They are sent to Supermetrics only, and never appear in this node\'s output or errors.',
			displayOptions: typed,
			options: SECRETS.map(([name, , displayName, description]) => password(displayName, name, description)),
		},
	];
	if (newSecret) {
		fields.push({
			...password('New Secret', 'newPassword', 'A new secret to replace the stored one (new_password), e.g. a rotated private key or password'),
			displayOptions: typed,
		});
	}
	return fields;
}

/** The secrets of one item: from the credential, from the node's password fields, or none. */
async function secretInputs(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const source = optionParam.call(this, 'secretsSource', SECRETS_SOURCE, itemIndex, SOURCES);
	if (source === 'none') return {};
	if (source === 'credential') return (await this.getCredentials(SECRETS_CREDENTIAL, itemIndex)) ?? {};
	return {
		...(this.getNodeParameter('secrets', itemIndex, {}) as IDataObject),
		newSecret: this.getNodeParameter('newPassword', itemIndex, ''),
	};
}

/** The body and the secrets in it, read and checked for one item. */
export async function destinationConfiguration(
	this: IExecuteFunctions,
	itemIndex: number,
	{ newSecret }: { newSecret: boolean },
): Promise<{ body: IDataObject; secrets: string[] }> {
	const node = this.getNode();
	const settings: Array<[string, unknown]> = [];
	const entries = (this.getNodeParameter('settings.entries', itemIndex, []) as IDataObject[]) ?? [];
	for (const entry of entries) {
		settings.push([checkText(node, SETTING_NAME, entry.name, itemIndex, { maxLength: 100 }) as string, entry.value]);
	}
	const inputs = await secretInputs.call(this, itemIndex);
	const secrets: string[] = [];
	for (const [name, key] of SECRETS) {
		if (typeof inputs[name] === 'string' && inputs[name] !== '') {
			settings.push([key, inputs[name]]);
			secrets.push(inputs[name] as string);
		}
	}
	// A name given twice, or one that is not plain data, is refused rather than dropped.
	const seen = new Set<string>();
	for (const [name] of settings) checkSettingName(node, SETTING_NAME, name, itemIndex, seen);

	const body: IDataObject = {
		type: codeParam.call(this, 'destinationType', DESTINATION_TYPE, itemIndex),
		display_name: textParam.call(this, 'displayName', DISPLAY_NAME, itemIndex, { maxLength: 255 }),
		auth_method: textParam.call(this, 'authMethod', AUTH_METHOD, itemIndex, { maxLength: 100, required: false }),
		fields: Object.fromEntries(settings),
	};
	const rotated = inputs.newSecret;
	if (newSecret && typeof rotated === 'string' && rotated !== '') {
		// Not trimmed: a key or password is sent exactly as given.
		checkText(node, NEW_PASSWORD, rotated, itemIndex, { maxLength: 255 });
		body.new_password = rotated;
		secrets.push(rotated);
	}
	return { body, secrets };
}
