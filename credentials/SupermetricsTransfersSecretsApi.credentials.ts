import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A destination's secrets (warehouse password, private key, passphrase, a rotated secret), kept
 * where n8n keeps credentials: encrypted, never in the workflow JSON, never in a stored error.
 * The Destination operations read it when "Secrets From" is set to this credential. Nothing is
 * sent by the credential itself: the node puts these values in the destination's `fields`.
 */
export class SupermetricsTransfersSecretsApi implements ICredentialType {
	name = 'supermetricsTransfersSecretsApi';

	displayName = 'Supermetrics Transfers Destination Secrets API';

	icon: Icon = {
		light: 'file:../icons/supermetrics-transfers.svg',
		dark: 'file:../icons/supermetrics-transfers.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-supermetrics-transfers/n8n-nodes-supermetrics-transfers#destination-secrets';

	properties: INodeProperties[] = [
		{
			displayName:
				'Secrets for one warehouse destination. Fill in what its auth method uses; leave the rest empty.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'For password authentication (sent as fields.password)',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description: 'For key-pair authentication, e.g. an encrypted PEM (sent as fields.private_key)',
		},
		{
			displayName: 'Passphrase',
			name: 'passphrase',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The passphrase of the private key (sent as fields.passphrase)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'For token authentication, e.g. a Databricks personal access token (sent as fields.access_token)',
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The secret of an access key, e.g. for Amazon S3 (sent as fields.secret_access_key)',
		},
		{
			displayName: 'New Secret',
			name: 'newSecret',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description:
				'Only for Update and Test Connection: a rotated password, private key, token or secret key to replace the stored one (sent as new_password)',
		},
	];
}
