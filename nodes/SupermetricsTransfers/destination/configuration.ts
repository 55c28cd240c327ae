import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { destinationTypeField, displayNameField } from '../descriptions';
import { codeParam, textParam } from '../params';
import { checkText, AUTH_METHOD, DESTINATION_TYPE, DISPLAY_NAME, NEW_PASSWORD, SETTING_NAME } from '../validation';

/**
 * The destination body shared by Create, Update and Test Connection: type, display_name,
 * auth_method and the type's own `fields`. Secret inputs are password fields, and the call lists
 * them so the transport masks any echo of them in answers and errors.
 */

const password = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description,
});

/** Secret settings by their key in `fields`. */
const SECRETS: Array<[name: string, key: string, displayName: string, description: string]> = [
	['privateKey', 'private_key', 'Private Key', 'The private key for key-pair authentication (fields.private_key), e.g. an encrypted PEM'],
	['passphrase', 'passphrase', 'Passphrase', 'The passphrase of the private key (fields.passphrase)'],
	['password', 'password', 'Password', 'The password for password authentication (fields.password)'],
];

export function destinationConfigurationFields(
	displayOptions: IDisplayOptions,
	{ newSecret }: { newSecret: boolean },
): INodeProperties[] {
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
			displayName: 'Secrets',
			name: 'secrets',
			type: 'collection',
			placeholder: 'Add Secret',
			default: {},
			description: 'Secret settings. They are sent to Supermetrics only, and never appear in this node\'s output or errors.',
			displayOptions,
			options: SECRETS.map(([name, , displayName, description]) => password(displayName, name, description)),
		},
	];
	if (newSecret) {
		fields.push({
			...password('New Secret', 'newPassword', 'A new secret to replace the stored one (new_password), e.g. a rotated private key or password'),
			displayOptions,
		});
	}
	return fields;
}

/** The body and the secrets in it, read and checked for one item. */
export function destinationConfiguration(
	this: IExecuteFunctions,
	itemIndex: number,
	{ newSecret }: { newSecret: boolean },
): { body: IDataObject; secrets: string[] } {
	const node = this.getNode();
	const fields: IDataObject = {};
	const entries = (this.getNodeParameter('settings.entries', itemIndex, []) as IDataObject[]) ?? [];
	for (const entry of entries) {
		const name = checkText(node, SETTING_NAME, entry.name, itemIndex, { maxLength: 100 }) as string;
		fields[name] = entry.value;
	}
	const secretInputs = this.getNodeParameter('secrets', itemIndex, {}) as IDataObject;
	const secrets: string[] = [];
	for (const [name, key] of SECRETS) {
		if (typeof secretInputs[name] === 'string' && secretInputs[name] !== '') {
			fields[key] = secretInputs[name];
			secrets.push(secretInputs[name] as string);
		}
	}
	const body: IDataObject = {
		type: codeParam.call(this, 'destinationType', DESTINATION_TYPE, itemIndex),
		display_name: textParam.call(this, 'displayName', DISPLAY_NAME, itemIndex, { maxLength: 255 }),
		auth_method: textParam.call(this, 'authMethod', AUTH_METHOD, itemIndex, { maxLength: 100, required: false }),
		fields,
	};
	if (newSecret) {
		// Not trimmed: a key or password is sent exactly as given.
		const value = this.getNodeParameter('newPassword', itemIndex, '') as string;
		if (value !== '') {
			checkText(node, NEW_PASSWORD, value, itemIndex, { maxLength: 255 });
			body.new_password = value;
			secrets.push(value);
		}
	}
	return { body, secrets };
}
