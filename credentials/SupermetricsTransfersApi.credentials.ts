import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** The public DTS API; a key for it is checked against the query API's /me, which creates nothing. */
export const DEFAULT_BASE_URL = 'https://dts-api.supermetrics.com/v1';

export class SupermetricsTransfersApi implements ICredentialType {
	name = 'supermetricsTransfersApi';

	displayName = 'Supermetrics Transfers API';

	icon: Icon = {
		light: 'file:../icons/supermetrics-transfers.svg',
		dark: 'file:../icons/supermetrics-transfers.dark.svg',
	};

	documentationUrl =
		'https://docs.supermetrics.com/docs/data-transfer-service-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Supermetrics API key from the Hub (Team settings → API keys). It needs the dwh_transfers_write scope (dwh_transfers_read for read-only operations), and the key owner needs the dwh.transfer.edit permission.',
		},
		{
			displayName: 'Authorization Header Format',
			name: 'authScheme',
			type: 'options',
			default: 'raw',
			options: [
				{
					name: 'Raw Key (As Documented)',
					value: 'raw',
					description: 'Authorization: &lt;your-api-key&gt;, as the DTS API reference shows',
				},
				{
					name: 'Bearer Token',
					value: 'bearer',
					description: "Authorization: Bearer &lt;your-api-key&gt;, as Supermetrics' own SDK sends",
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Leave as is for Supermetrics. Change it only to go through a proxy or to try the node against the local DTS sandbox (npm run sandbox).',
		},
	];

	/**
	 * The key goes in the Authorization header only, never in a body. A function rather than a
	 * `={{ }}` block: n8n evaluates a generic block's expression on every request, which cost
	 * about as much as the rest of the node's per-item work (see the README's Performance).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const key = String(credentials.apiKey ?? '');
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: credentials.authScheme === 'bearer' ? `Bearer ${key}` : key,
			},
		};
	}

	// The default host has no read-only DTS endpoint, so the key is checked the way
	// Supermetrics' own n8n package checks it: GET /me on the query API.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.baseUrl || "").replace(/\\/+$/, "") === "https://dts-api.supermetrics.com/v1" ? "https://api.supermetrics.com" : ($credentials.baseUrl || "").replace(/\\/+$/, "") }}',
			url: '/me',
			method: 'GET',
		},
	};
}
