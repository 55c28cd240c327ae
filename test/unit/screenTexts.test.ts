/**
 * Every text the node shows in n8n's editor reads on screen as meant, rendered as the editor renders
 * it (n8nRender.js): descriptions, hints, notices and an error's description as HTML, names and
 * messages as plain text. A `<key>` in a description vanishes on screen; an `&lt;` in a name shows
 * as written. The runtime texts (errors) come from real runs through n8n's engine.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import pkg from '../../package.json';
import { runNode } from '../engine/harness';
import { API_CANARY, useSandbox } from '../engine/support';
import { asErrorDescription, asHtml, intended } from './n8nRender';
import { loadFile } from './repo';

const exported = (file: string) => {
	const className = file.slice(file.lastIndexOf('/') + 1).split('.')[0];
	return new ((loadFile(file) as Record<string, new () => unknown>)[className])();
};
const nodes = pkg.n8n.nodes.map((file) => (exported(file) as INodeType).description);
const credentials = pkg.n8n.credentials.map((file) => exported(file) as { displayName: string; properties: INodeProperties[] });

interface Text {
	where: string;
	text: string;
}

/** Every text of a list of fields: those the editor renders as HTML, and those it shows as text. */
function collect(where: string, properties: INodeProperties[], html: Text[], plain: Text[]) {
	for (const property of properties) {
		const at = `${where} › ${property.displayName}`;
		const asHtmlToo = property.type === 'notice' || property.type === 'callout';
		(asHtmlToo ? html : plain).push({ where: at, text: property.displayName });
		for (const key of ['description', 'hint'] as const) {
			if (typeof property[key] === 'string') html.push({ where: `${at} (${key})`, text: property[key] as string });
		}
		if (typeof property.placeholder === 'string') plain.push({ where: `${at} (placeholder)`, text: property.placeholder });
		const mapper = property.typeOptions?.resourceMapper;
		if (mapper?.noFieldsError) html.push({ where: `${at} (no fields)`, text: mapper.noFieldsError });
		for (const option of (property.options ?? []) as Array<INodePropertyOptions | INodeProperties | INodePropertyCollection>) {
			if ('values' in option) {
				plain.push({ where: `${at} › ${option.displayName}`, text: option.displayName });
				collect(`${at} › ${option.displayName}`, option.values, html, plain);
			} else if ('type' in option) {
				collect(at, [option as INodeProperties], html, plain);
			} else {
				const choice = option as INodePropertyOptions;
				plain.push({ where: `${at} › ${choice.name}`, text: choice.name });
				if (choice.description) html.push({ where: `${at} › ${choice.name} (description)`, text: choice.description });
				if (choice.action) plain.push({ where: `${at} › ${choice.name} (action)`, text: choice.action });
			}
		}
	}
}

function allTexts() {
	const html: Text[] = [];
	const plain: Text[] = [];
	for (const description of nodes as INodeTypeDescription[]) {
		plain.push({ where: description.displayName, text: description.displayName });
		// The node panel shows a node's description as HTML (NodeCreator's item).
		html.push({ where: `${description.displayName} (description)`, text: description.description });
		for (const credential of description.credentials ?? []) {
			if (credential.displayName) plain.push({ where: `${description.displayName} › credential label`, text: credential.displayName });
		}
		collect(description.displayName, description.properties, html, plain);
	}
	for (const credential of credentials) {
		plain.push({ where: credential.displayName, text: credential.displayName });
		collect(credential.displayName, credential.properties, html, plain);
	}
	return { html, plain };
}

const { html, plain } = allTexts();

test('the texts are all there to check', () => {
	expect(html.length).toBeGreaterThan(250);
	expect(plain.length).toBeGreaterThan(400);
});

test('every description, hint and notice reads on screen as written (rendered as n8n renders HTML)', () => {
	const texts = html.map(({ text }) => text);
	const [onScreen, meant] = [asHtml(texts), intended(texts)];
	const wrong = html.map(({ where, text }, i) => (onScreen[i] === meant[i] ? '' : `${where}: "${text}" reads "${onScreen[i]}"`)).filter(Boolean);
	expect(wrong).toEqual([]);
	// The check can fail: a description written as the old credential's was reads without its words.
	expect(asHtml(['Authorization: Bearer <key> everywhere'])).toEqual(['Authorization: Bearer everywhere']);
});

test('every name, label, action and placeholder is plain text: no markup, no HTML entities', () => {
	const wrong = plain.filter(({ text }) => /[<>]|&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text)).map(({ where, text }) => `${where}: "${text}"`);
	expect(wrong).toEqual([]);
});

test('the node panel\'s one entry (the trigger\'s description, as n8n merges the two) says what the package does', () => {
	const trigger = nodes.find((d) => d.name === 'supermetricsTransfersTrigger')!;
	const [entry] = asHtml([trigger.description]);
	for (const words of ['transfers', 'login links', 'destinations', 'backfills', 'start workflows when runs or backfills finish']) {
		expect(entry).toContain(words);
	}
	expect(entry).not.toMatch(/^Starts the workflow/);
});

test('the Authorization header formats read on screen with where the key goes', () => {
	const formats = credentials[0].properties.find((p) => p.name === 'authScheme')!.options as INodePropertyOptions[];
	for (const onScreen of asHtml(formats.map((option) => option.description!))) expect(onScreen).toContain('[API key]');
});

describe('errors as n8n\'s error view shows them', () => {
	const ctx = useSandbox();
	const create = { resource: 'dataSourceConnection', operation: 'create', teamId: '12345', dataSourceId: 'GAWA', destinationType: 'SQL_BQ' };
	const run = (parameters: Record<string, unknown>, credentials: Record<string, unknown> = {}) =>
		runNode({ parameters, credentials: { apiKey: API_CANARY, baseUrl: ctx.sandbox.url, apiUrl: ctx.sandbox.apiUrl, ...credentials } });

	/** The message as text (as the error view shows it) and the description rendered as HTML. */
	const shown = (error: unknown) => {
		const { message, description } = error as { message: string; description: string };
		return { message, description: asErrorDescription([description])[0] as string };
	};

	test('a refused key says which Authorization headers were sent, words intact', async () => {
		const { error } = await run(create, { apiKey: 'wrong-key-1234' });
		const { message, description } = shown(error);
		expect(message).toBe('Provided API key was invalid. (API_KEY_INVALID)');
		expect(description).toContain('Authorization: [API key]');
		expect(description).toContain('Authorization: Bearer [API key]');
		expect(description).toBe(intended([(error as { description: string }).description])[0]);
	});

	test('an API text with angle brackets keeps its words on screen', async () => {
		ctx.sandbox.queueFault({ status: 422, code: 'UNPROCESSABLE_ENTITY', message: 'Send <team_id> as a number', description: 'Unknown <data_source_id> & more' });
		const { error } = await run(create);
		const { message, description } = shown(error);
		// The message is plain text on screen: as the API wrote it.
		expect(message).toBe('Unknown <data_source_id> & more (UNPROCESSABLE_ENTITY)');
		expect(description).toMatch(/^Send ‹team_id› as a number\. \[HTTP 422, code UNPROCESSABLE_ENTITY, request_id \S+\]$/);
	});

	test('a refused input names the field, the value and the item, with its hint', async () => {
		const { error } = await run({ ...create, dataSourceId: 'ga4' });
		const { message, description } = shown(error);
		expect(message).toBe('Invalid Data Source "ga4" in item 0: may contain only A-Z, 0-9 and _ (pattern ^[A-Z0-9_]+$)');
		expect(description).toContain('did you mean "GA4"?');
	});
});
