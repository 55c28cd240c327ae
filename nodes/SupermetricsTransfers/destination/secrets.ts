import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionParam } from '../params';
import { SECRETS_SOURCE } from '../validation';

/**
 * A destination's secret inputs: where each comes from (a Destination Secrets credential, the
 * node's password fields, or nowhere) and which key of `fields` it fills.
 */

export const SECRETS_CREDENTIAL = 'supermetricsTransfersSecretsApi';

/** Parameters that hold secrets: n8n's stored copy of the node in an error gets them replaced. */
export const SECRET_PARAMETERS = ['secrets', 'newPassword'];

export const SOURCES = ['credential', 'node', 'none'] as const;
/** Where Rotate Secrets takes each destination's new secret: the credential, or the input item. */
export const ROTATION_SOURCES = ['credential', 'item'] as const;
/** Every Secrets From value but the credential: the Destination Secrets credential is hidden for them. */
export const NOT_THE_CREDENTIAL = [...new Set([...SOURCES, ...ROTATION_SOURCES])].filter((source) => source !== 'credential');

/** The Destination operations that send secrets, and so may read the Destination Secrets credential. */
export const SECRETS_OPERATIONS = ['create', 'update', 'testConnection', 'rotateSecrets'];

/**
 * Secret settings: the node's parameter (and the same value's name in the Destination Secrets
 * credential), the key in `fields`, and how the form names it. Every secret input (input_type
 * password) of the destination types' setup schema has its place here.
 */
export const SECRETS: Array<[name: string, key: string, displayName: string, description: string]> = [
	['privateKey', 'private_key', 'Private Key', 'The private key for key-pair authentication (fields.private_key), e.g. an encrypted PEM'],
	['passphrase', 'passphrase', 'Passphrase', 'The passphrase of the private key (fields.passphrase)'],
	['password', 'password', 'Password', 'The password for password authentication (fields.password)'],
	['accessToken', 'access_token', 'Access Token', 'A personal access token, e.g. for Databricks (fields.access_token)'],
	['secretAccessKey', 'secret_access_key', 'Secret Access Key', 'The secret of an access key, e.g. for Amazon S3 (fields.secret_access_key)'],
];

/** The form's name for the secret sent as `key` in fields, if the node has a place for it. */
export function secretDisplayName(key: string): string | undefined {
	return SECRETS.find(([, k]) => k === key)?.[2];
}

/**
 * Secrets From: the Destination Secrets credential first (recommended), then the operation's other
 * places for a secret. One field for Create, Update, Test Connection and Rotate Secrets alike.
 */
export function secretsSourceField(
	displayOptions: IDisplayOptions,
	{ credential, others, description }: { credential: string; others: INodePropertyOptions[]; description: string },
): INodeProperties {
	return {
		displayName: 'Secrets From',
		name: 'secretsSource',
		type: 'options',
		default: 'credential',
		options: [{ name: 'Destination Secrets Credential', value: 'credential', description: credential }, ...others],
		description,
		displayOptions,
	};
}

export const password = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description,
});

/** The secrets of one item: from the credential, from the node's password fields, or none. */
export async function secretInputs(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const source = optionParam.call(this, 'secretsSource', SECRETS_SOURCE, itemIndex, SOURCES);
	if (source === 'none') return {};
	if (source === 'credential') return (await this.getCredentials(SECRETS_CREDENTIAL, itemIndex)) ?? {};
	return {
		...(this.getNodeParameter('secrets', itemIndex, {}) as IDataObject),
		newSecret: this.getNodeParameter('newPassword', itemIndex, ''),
	};
}
