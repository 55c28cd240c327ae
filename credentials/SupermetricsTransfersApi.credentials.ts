import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_API_URL, DEFAULT_BASE_URL, hostUrls, locate } from '../nodes/SupermetricsTransfers/transport/hosts';
import { authMode, authorization, SCHEME_HEADER, schemesToTry } from '../nodes/SupermetricsTransfers/transport/schemes';

/** The credential test: a read that changes nothing and needs no team (GET /ds/logins). */
const TEST_PATH = '/ds/logins';

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
			default: 'perEndpoint',
			options: [
				{
					name: 'Bearer, or the Key Alone if Refused',
					value: 'perEndpoint',
					description:
						"Authorization: Bearer [API key], as Supermetrics' API reference declares for every path; after a 401 the key alone once (an older reference's form), and whichever was accepted is kept for this credential",
				},
				{
					name: 'Bearer on Every Request',
					value: 'bearer',
					description: 'Authorization: Bearer [API key] everywhere, never the key alone (for a proxy that needs one form)',
				},
				{
					name: 'Key Only on Every Request',
					value: 'keyOnly',
					description: 'Authorization: [API key] everywhere, never Bearer (for a proxy that needs one form; the API reference declares Bearer)',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'The DTS API. Leave as is for Supermetrics. Change it only to go through a proxy or to try the node against the local sandbox (npm run sandbox).',
		},
		{
			displayName: 'Supermetrics API URL',
			name: 'apiUrl',
			type: 'string',
			default: DEFAULT_API_URL,
			description:
				'The Supermetrics API, for data source login links and logins. Leave as is for Supermetrics; change it only for a proxy or the local sandbox.',
		},
	];

	/**
	 * The key goes in the Authorization header only, never in a body, and only to the two checked
	 * URLs, each request to its own API's paths (hosts.ts `locate`: /teams/… below the Base URL;
	 * /ds/login… and, below /enterprise/v2, /table/group… on the Supermetrics API URL): whatever
	 * asks for a request elsewhere (a redirect target, a mistake), the key is not put on it. The form is Bearer, as the reference declares,
	 * unless the credential says otherwise or the transport asks for the key alone (after a 401, or
	 * because the credential's key was accepted so before). The credential test (the only request with a relative URL) gets its URL here,
	 * from the same reading as every run. A function rather than a `={{ }}` block: n8n evaluates a
	 * block's expression on every request, which cost about as much as the rest of the node's
	 * per-item work (see docs/performance.md).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const hosts = hostUrls(credentials);
		const isTest = !/^[a-z][a-z0-9+.-]*:/i.test(requestOptions.url);
		const url = isTest ? `${hosts.logins}${requestOptions.url}` : requestOptions.url;
		const place = locate(url, hosts);
		if (!place || (isTest && place.path !== TEST_PATH)) {
			let origin = 'an unreadable URL';
			try {
				origin = new URL(url).origin;
			} catch {
				// Left as "an unreadable URL": the refusal names no more than the origin anyway.
			}
			throw new Error(
				`The Supermetrics Transfers API credential sends its key only to the DTS API at ${hosts.dts} and the Supermetrics API at ${hosts.logins}; it was not put on a request to ${origin}`,
			);
		}
		const { [SCHEME_HEADER]: asked, ...headers } = (requestOptions.headers ?? {}) as Record<string, string>;
		const mode = authMode(credentials.authScheme);
		const [scheme] = schemesToTry(mode);
		const chosen = mode === 'perEndpoint' && (asked === 'bearer' || asked === 'apiKey') ? asked : scheme;
		return {
			...requestOptions,
			...(isTest ? { baseURL: hosts.logins } : {}),
			headers: { ...headers, Authorization: authorization(String(credentials.apiKey ?? ''), chosen) },
		};
	}

	// A read that needs no team id and changes nothing: GET {Supermetrics API URL}/ds/logins, which
	// the logins reference has. `authenticate` sets the real baseURL from the
	// checked URL; this one only names it.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.apiUrl }}',
			url: TEST_PATH,
			method: 'GET',
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
	};
}
