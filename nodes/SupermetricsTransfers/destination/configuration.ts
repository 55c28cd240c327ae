import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { displayNameField } from '../descriptions';
import { destinationTypeField } from '../pickers';
import { codeParam, textParam } from '../params';
import {
	AUTH_METHOD,
	checkPresent,
	checkSettingName,
	checkText,
	DESTINATION_TYPE,
	DISPLAY_NAME,
	NEW_PASSWORD,
	SETTING_NAME,
} from '../validation';
import { password, SECRETS, secretInputs, secretsSourceField } from './secrets';
import { typeSettings } from './typeSettings';

/**
 * The destination body shared by Create, Update and Test Connection: type, display_name,
 * auth_method and the type's own `fields`. The form comes from the API's setup schema (Auth Method
 * from the type's auth methods, Settings from its settings and the method's plain fields); Other
 * Settings takes any setting by name, for an expression-driven node or a schema that cannot load.
 * Secret inputs come from a Destination Secrets credential (encrypted by n8n, never in the
 * workflow) or are typed into password fields; the call lists them so the transport masks any
 * echo of them in answers and errors.
 */

export { SECRET_PARAMETERS, SECRETS_CREDENTIAL } from './secrets';

export function destinationConfigurationFields(
	displayOptions: IDisplayOptions,
	{ newSecret }: { newSecret: boolean },
): INodeProperties[] {
	const typed = { show: { ...displayOptions.show, secretsSource: ['node'] } };
	const fields: INodeProperties[] = [
		destinationTypeField(displayOptions),
		displayNameField(displayOptions, 'The destination\'s name (display_name), at most 255 characters'),
		{
			displayName: 'Auth Method Name or ID',
			name: 'authMethod',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getAuthMethods', loadOptionsDependsOn: ['teamId', 'destinationType.value'] },
			default: '',
			description:
				'How the destination authenticates (auth_method), from the auth methods of its type; its secrets come from Secrets From below. With Team ID as an expression, give the method\'s ID, e.g. AUTH_METHOD_KEY_PAIR. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions,
		},
		{
			displayName: 'Settings',
			name: 'typeSettings',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			typeOptions: {
				loadOptionsDependsOn: ['teamId', 'destinationType.value', 'authMethod'],
				resourceMapper: {
					resourceMapperMethod: 'getDestinationSettings',
					mode: 'add',
					valuesLabel: 'Settings',
					fieldWords: { singular: 'setting', plural: 'settings' },
					addAllFields: true,
					supportAutoMap: false,
					noFieldsError: 'This destination type has no settings to fill in',
				},
			},
			description: 'The destination type\'s settings (fields) and the auth method\'s, as the API describes them',
			displayOptions,
		},
		{
			displayName: 'Other Settings',
			name: 'settings',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Setting by Name',
			default: {},
			description:
				'Settings (fields) by name, sent with those above: for one the form does not show, or for all of them when the form cannot load (Team ID as an expression). E.g. hostname, warehouse, database_name.',
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
		secretsSourceField(displayOptions, {
			credential: 'Encrypted by n8n like the API key, and never part of the workflow (recommended)',
			others: [
				{ name: 'Typed in This Node', value: 'node', description: 'Kept in the workflow, and in every copy of it that is exported or shared' },
				{ name: 'None', value: 'none', description: newSecret ? 'Send no secret: the stored destination keeps its own' : 'Send no secret' },
			],
			description: 'Where the auth method\'s secrets (password, private key, passphrase, access token or key) come from',
		}),
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

/** The body and the secrets in it, read and checked for one item. */
export async function destinationConfiguration(
	this: IExecuteFunctions,
	itemIndex: number,
	{ newSecret }: { newSecret: boolean },
): Promise<{ body: IDataObject; secrets: string[] }> {
	const node = this.getNode();
	const form = typeSettings.call(this, itemIndex);
	const settings: Array<[string, unknown]> = [...form.entries];
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
	// A name given twice (in the form, by name or as a secret), or one that is not plain data, is
	// refused rather than dropped.
	const seen = new Set<string>();
	for (const [name] of settings) checkSettingName(node, SETTING_NAME, name, itemIndex, seen);
	const fields = Object.fromEntries(settings);
	for (const [id, name] of form.required) checkPresent(node, name, fields[id], itemIndex);

	const body: IDataObject = {
		type: codeParam.call(this, 'destinationType', DESTINATION_TYPE, itemIndex),
		display_name: textParam.call(this, 'displayName', DISPLAY_NAME, itemIndex, { maxLength: 255 }),
		auth_method: textParam.call(this, 'authMethod', AUTH_METHOD, itemIndex, { maxLength: 100, required: false }),
		fields,
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
