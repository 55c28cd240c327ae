import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	credentialTestBase,
	DEFAULT_BASE_URL,
	normalizeBaseUrl,
} from '../nodes/SupermetricsTransfers/transport/baseUrl';

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
					name: 'API Key Only',
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
	 * The key goes in the Authorization header only, never in a body, and only to the checked Base
	 * URL's origin: whatever asks for a request elsewhere (a redirect target, a mistake), the key is
	 * not put on it. The credential test (the only request with a `baseURL`) gets its URL here too,
	 * from the same normalizeBaseUrl as every run. A function rather than a `={{ }}` block: n8n
	 * evaluates a block's expression on every request, which cost about as much as the rest of the
	 * node's per-item work (see the README's Performance).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const baseUrl = normalizeBaseUrl(credentials.baseUrl);
		const isTest = requestOptions.baseURL !== undefined;
		const allowed = new URL(isTest ? credentialTestBase(baseUrl) : baseUrl).origin;
		const target = new URL(requestOptions.url, isTest ? allowed : undefined).origin;
		if (target !== allowed) {
			throw new Error(`The Supermetrics Transfers API credential sends its key only to ${allowed}; it was not put on a request to ${target}`);
		}
		const key = String(credentials.apiKey ?? '');
		return {
			...requestOptions,
			...(isTest ? { baseURL: credentialTestBase(baseUrl) } : {}),
			headers: {
				...requestOptions.headers,
				Authorization: credentials.authScheme === 'bearer' ? `Bearer ${key}` : key,
			},
		};
	}

	// The default host has no read-only DTS endpoint, so the key is checked the way Supermetrics'
	// own n8n package checks it: GET /me on the query API (any other Base URL: {Base URL}/me).
	// `authenticate` sets the real baseURL from the checked Base URL; this one only names it.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl }}',
			url: '/me',
			method: 'GET',
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
	};
}
