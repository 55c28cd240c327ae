/**
 * What the scripted-server tests of Table Groups share: the credential for a scripted server (its
 * Supermetrics API URL at the root, the DTS Base URL at /v1), the reference's data model and the
 * table group of its examples, and the answers the table groups' paths give.
 */
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { apiData } from './hostile';
import type { ScriptedApi } from './scripted';
import { API_CANARY } from './support';
import { readYaml } from '../unit/repo';

/** The API key canary on both of the credential's URLs of a scripted server. */
export const credentialsOf = (api: ScriptedApi) => ({ apiKey: API_CANARY, baseUrl: api.url, apiUrl: api.url.replace(/\/v1$/, '') });

type Model = { version: number; group: IDataObject; tables: IDataObject[]; fields: Array<{ field_id: string; target_name: string }> };
type Reference = { paths: Record<string, { post: { requestBody: { content: Record<string, { example: Model }> } } }> };
/** The newest reference's Import request example (Marketing Analytics, GAWA, one table of three fields). */
export const MODEL = (readYaml('test/reference/supermetrics-management-openapi.yaml') as Reference).paths['/table/group/import'].post.requestBody.content['application/json'].example;
/** The same model as Export gives it back: with group_id and the readOnly field properties. */
export const EXPORTED = {
	version: 1,
	group: { group_id: 'tg_123', ...MODEL.group },
	tables: MODEL.tables,
	fields: MODEL.fields.map((field) => ({ ...field, field_name: field.field_id, display_name: field.field_id.toUpperCase(), data_type: 'STRING' })),
};
export const GROUP = { '@type': 'table_group', group_id: 'tg_123', schema_id: 90123, name: 'Marketing Analytics' };

/** A file in an item's binary data, as n8n holds it in memory. */
export const file = (content: unknown, fileName = 'model.json'): Record<string, IBinaryData> => ({
	data: { data: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)).toString('base64'), mimeType: 'application/json', fileName },
});

type Response = Parameters<typeof apiData>[0];

/** An answer whose JSON body is as given: not wrapped in {meta, data} (Export's), or none at all. */
export function bare(res: Response, status: number, body: unknown): void {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** An answer with a flat {error, message} body, as the table groups' own errors are. */
export const flatError = (res: Response, status: number, error: string, message: string) => bare(res, status, { error, message });
