/**
 * The node's operations and Authorization forms held against all three reference files: the API
 * owner's newest (Management API Reference 2.0.0) and the older generation (SDK 0.5.1's DTS and
 * logins files). Each reference operation of the node's four tags is one the node calls (by its
 * operationId, which the contract tests tie to its method and path), at the URL the credential's
 * key may go to; the key goes first in the form the newest reference declares (Bearer), and the
 * older one's form (the key alone, where it declares ApiKeyAuth as an API key) is the fallback.
 */
import type { IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { SupermetricsTransfersApi } from '../../credentials/SupermetricsTransfersApi.credentials';
import { DEFAULT_API_URL, DEFAULT_BASE_URL } from '../../nodes/SupermetricsTransfers/transport/hosts';
import { SCHEME_HEADER, schemesToTry } from '../../nodes/SupermetricsTransfers/transport/schemes';
import { OPERATIONS } from '../contract/operations';
import { readYaml } from './repo';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const TAGS = ['Data Transfers', 'Data Destinations', 'Data Source Logins', 'Table Groups'];
/** The newest reference's operations the node does not offer: none since 0.2.0. */
const NOT_YET: string[] = [];
/** The newest reference's operations the older generation does not have. */
const NEW_IN_PART_2 = ['cloneTransfer', 'batchCreateTransfers', 'batchUpdateDestinations', 'listTableGroups', 'exportTableGroup', 'importTableGroup', 'editTableGroup'];

interface Operation {
	operationId: string;
	method: IHttpRequestMethods;
	/** The full URL, a concrete one (every path parameter 123). */
	url: string;
	/** The security scheme it declares, as its type: `bearer` (http bearer) or `apiKey` (the key alone in Authorization). */
	declared: 'bearer' | 'apiKey';
}

type Spec = {
	servers?: Array<{ url: string }>;
	paths: Record<string, Record<string, { operationId: string; tags?: string[]; security?: Array<Record<string, string[]>>; servers?: Array<{ url: string }> }> & { servers?: Array<{ url: string }> }>;
	components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }> };
};

/**
 * A reference's operations, each at the URL the node sends it to: the newest reference's servers
 * as written; the older DTS file's servers read as the node reads them (every DTS path below the
 * Base URL, `…/v1`, as its descriptions and Location example have it: the README's "Servers" row).
 */
function operations(file: string, base?: string): Operation[] {
	const spec = readYaml(`test/reference/${file}`) as Spec;
	// The older files hold only the node's APIs (under tags of their own); the newest, all 72 paths.
	const ours = (tags: string[] = []) => base !== undefined || tags.some((tag) => TAGS.includes(tag));
	return Object.entries(spec.paths).flatMap(([path, item]) =>
		METHODS.filter((method) => item[method] && ours(item[method].tags)).map((method) => {
			const operation = item[method];
			const server = base ?? (operation.servers ?? item.servers ?? spec.servers!)[0].url;
			const [name] = Object.keys(operation.security?.[0] ?? {});
			const scheme = spec.components.securitySchemes[name];
			return {
				operationId: operation.operationId,
				method: method.toUpperCase() as IHttpRequestMethods,
				url: `${server}${path}`.replace(/\{[a-z_]+\}/g, '123'),
				declared: scheme.type === 'http' && scheme.scheme === 'bearer' ? 'bearer' : scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name === 'Authorization' ? 'apiKey' : (`unknown ${name}` as never),
			};
		}),
	);
}

const newest = operations('supermetrics-management-openapi.yaml');
const olderDts = operations('supermetrics-dts-openapi.yaml', DEFAULT_BASE_URL);
const olderLogins = operations('supermetrics-logins-openapi.yaml', DEFAULT_API_URL);
const called = new Set(OPERATIONS.flatMap((row) => row.calls));

/** The Authorization header the credential puts on a request, by default or when the transport asks for a form. */
async function header(url: string, method: IHttpRequestMethods, asked?: 'bearer' | 'apiKey') {
	const credential = new SupermetricsTransfersApi();
	const request: IHttpRequestOptions = { url, method, headers: asked ? { [SCHEME_HEADER]: asked } : {} };
	const signed = await credential.authenticate({ apiKey: 'KEY', authScheme: 'perEndpoint', baseUrl: DEFAULT_BASE_URL, apiUrl: DEFAULT_API_URL }, request);
	return (signed.headers as Record<string, string>).Authorization;
}

describe('the newest reference (Management API Reference 2.0.0), its four tags', () => {
	test('41 operations, each declaring one scheme: http bearer', () => {
		expect(newest).toHaveLength(41);
		for (const { declared } of newest) expect(declared).toBe('bearer');
	});

	test('the node calls every one of them, and nothing else', () => {
		const ids = newest.map((o) => o.operationId);
		expect(NOT_YET.filter((id) => !ids.includes(id))).toEqual([]);
		expect(ids.filter((id) => !NOT_YET.includes(id)).sort()).toEqual([...called].sort());
	});

	test.each(newest.filter((o) => !NOT_YET.includes(o.operationId)).map((o) => [o.operationId, o] as const))(
		'%s: the default credential sends Bearer first, to the URL the reference gives',
		async (_, { url, method }) => {
			expect(await header(url, method)).toBe('Bearer KEY');
		},
	);
});

describe.each([
	['DTS', olderDts, 25],
	['logins', olderLogins, 9],
])('the older %s reference (SDK 0.5.1)', (_, all, count) => {
	test(`${count} operations, all of which the node calls`, () => {
		expect(all).toHaveLength(count);
		for (const { operationId } of all) expect(called.has(operationId)).toBe(true);
	});

	test.each(all.map((o) => [`${o.operationId} (${o.declared})`, o] as const))('%s: its declared form is one the default tries', async (__, { url, method, declared }) => {
		expect(schemesToTry('perEndpoint')).toContain(declared);
		expect(await header(url, method, declared)).toBe(declared === 'bearer' ? 'Bearer KEY' : 'KEY');
	});
});

test('the same operations in both generations: the newest adds seven (Clone, Create Many, Rotate Secrets, the four Table Group ones) and drops none', () => {
	const older = [...olderDts, ...olderLogins].map((o) => o.operationId).sort();
	expect(newest.map((o) => o.operationId).filter((id) => !NEW_IN_PART_2.includes(id)).sort()).toEqual(older);
	// And the same method and URL (the older DTS paths read below the Base URL, as the node does).
	const at = (list: Operation[]) => Object.fromEntries(list.map((o) => [o.operationId, `${o.method} ${o.url}`]));
	const newer = at(newest);
	for (const [id, where] of Object.entries(at([...olderDts, ...olderLogins]))) expect(newer[id]).toBe(where);
});

test('the default tries Bearer, then the key alone; a credential accepted with the key alone starts with it', () => {
	expect(schemesToTry('perEndpoint')).toEqual(['bearer', 'apiKey']);
	expect(schemesToTry('perEndpoint', 'apiKey')).toEqual(['apiKey', 'bearer']);
	expect(schemesToTry('bearer', 'apiKey')).toEqual(['bearer']);
	expect(schemesToTry('keyOnly')).toEqual(['apiKey']);
});
