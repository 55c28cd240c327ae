import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { destinationIdField, destinationTypeField } from '../pickers';
import { itemError } from '../itemError';
import { manyOperation } from '../manyItems';
import { codeParam, destinationIdParam, optionParam, textParam } from '../params';
import { DESTINATION_TYPE, INPUT_FIELD, NEW_SECRET, SECRETS_SOURCE } from '../validation';
import { ROTATION_SOURCES, SECRETS_CREDENTIAL, secretsSourceField } from './secrets';

/**
 * PATCH /teams/{team_id}/destinations/batch (the newest reference): a new secret for each input
 * item's destination, all of one destination type in a request, 100 at the most; each is rotated or
 * refused on its own, by destination_id. The secret comes from the Destination Secrets credential
 * (its New Secret) or from a field of the input item, for a vault step before this one: never from
 * a node parameter, so n8n's stored copy of the node holds none. The transport masks every secret
 * of a request in anything an answer or an error shows; the output holds none.
 */

/** The secret as sent: a string, not trimmed (a key or password is what it is), at most this long. */
const MAX_SECRET = 65536;

const show = { show: { resource: ['destination'], operation: ['rotateSecrets'] } };
const fromItem = { show: { ...show.show, secretsSource: ['item'] } };

const sourceFields: INodeProperties[] = [
	secretsSourceField(show, {
		credential: 'Its New Secret: encrypted by n8n like the API key, and never part of the workflow (recommended)',
		others: [{ name: 'Input Item Field', value: 'item', description: 'A field of each input item, e.g. what a vault step before this one read' }],
		description: 'Where each destination\'s new secret (new_secret) comes from',
	}),
	{
		// Named for the item's field, not for what it holds: the value is never typed here.
		displayName: 'Input Field',
		name: 'inputField',
		type: 'string',
		default: 'new_secret',
		placeholder: 'new_secret',
		description: 'The input item\'s field that holds the new secret, e.g. new_secret or credentials.password. It is sent to Supermetrics only and never appears in this node\'s output or errors.',
		displayOptions: fromItem,
	},
];

/** A field of the item's json, by a dot-separated path. */
function fieldOf(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

export const { fields, executeMany } = manyOperation<{ destination_id: number; new_secret: string }>({
	resource: 'destination',
	operation: 'rotateSecrets',
	fields: (displayOptions) => [destinationIdField(displayOptions, 'The destination whose secret to rotate (destination_id). Pick one of the team\'s destinations or type its ID.'), destinationTypeField(displayOptions), ...sourceFields],
	async read(itemIndex, run) {
		const node = this.getNode();
		const destinationId = destinationIdParam.call(this, itemIndex);
		const type = codeParam.call(this, 'destinationType', DESTINATION_TYPE, itemIndex);
		const source = optionParam.call(this, 'secretsSource', SECRETS_SOURCE, itemIndex, ROTATION_SOURCES);
		let secret: unknown;
		let where: string;
		if (source === 'credential') {
			secret = (await this.getCredentials(SECRETS_CREDENTIAL, itemIndex))?.newSecret;
			where = 'the Destination Secrets credential\'s New Secret';
		} else {
			const field = textParam.call(this, 'inputField', INPUT_FIELD, itemIndex, { maxLength: 255 }) as string;
			secret = fieldOf(this.getInputData()[itemIndex].json, field);
			where = `the input item's field "${field}"`;
		}
		// Said without the value: it is a secret.
		const refuse = (rule: string) =>
			itemError(node, { code: 'INVALID_INPUT', message: `Invalid ${NEW_SECRET.displayName} in item ${itemIndex}: ${rule}`, description: `Field: ${NEW_SECRET.displayName} (${NEW_SECRET.apiName}), from ${where}. Nothing was sent for this item.`, itemIndex });
		if (typeof secret !== 'string' || secret === '') throw refuse('is required (a non-empty text)');
		if (secret.length > MAX_SECRET) throw refuse(`must be at most ${MAX_SECRET} characters`);
		// The API refuses a request that names a destination twice: the second item is refused here.
		const earlier = run.get(destinationId);
		if (earlier !== undefined) {
			throw itemError(node, { code: 'DUPLICATE_DESTINATION', message: `Destination ${destinationId} in item ${itemIndex} is already rotated by item ${earlier}`, description: 'The API refuses a destination named twice in one request. Nothing was sent for this item.', itemIndex });
		}
		run.set(destinationId, itemIndex);
		return { part: { destination_id: Number(destinationId), new_secret: secret }, group: type, secrets: [secret] };
	},
	request: (updates, type) => ({ method: 'PATCH', path: '/destinations/batch', body: { type: type as string, updates } }),
	resultOf: (results, part) => results.find((result) => String(result.destination_id) === String(part.destination_id)),
	output: (result, part) => ({ destination_id: String(part.destination_id), status: result.status }),
	words: { thing: 'destination', done: 'rotated', findIt: 'with Destination → Get' },
});
