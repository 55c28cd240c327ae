import type {
	FieldType,
	IDataObject,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { secretDisplayName } from '../destination/secrets';
import { availableSources, teamId } from './listSearch';

/**
 * The Destination form from the API's own setup schema: GET …/transfers/available-sources lists,
 * for each destination type, its `settings` and its `auth_methods` (SetupSetting, AuthMethod).
 * Auth Method is offered from the type's methods; the type's settings and the chosen method's
 * fields that are not secret become the resource mapper's fields. Secrets (input_type password)
 * never become plain fields: they come from the Destination Secrets credential or the node's
 * password fields.
 */

/** The spec's maxItems: settings and options 500, auth methods and their fields 50. */
const MAX_SETTINGS = 500;
const MAX_OPTIONS = 500;
const MAX_METHODS = 50;
/**
 * The mapper shows a field's label on one line and nothing else (no description, no placeholder):
 * help text goes into the label only while the whole stays this short, else it is left out.
 */
const MAX_LABEL = 34;
const CODE = /^[A-Z0-9_]{1,50}$/;

type Schema = { type: string; settings: IDataObject[]; methods: IDataObject[] };

const list = (value: unknown, max: number): IDataObject[] =>
	(Array.isArray(value) ? value : []).filter((entry) => typeof entry === 'object' && entry !== null).slice(0, max);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The destination type picked (or typed) so far, when it reads as a code. */
function destinationType(this: ILoadOptionsFunctions): string | undefined {
	const value = this.getCurrentNodeParameter('destinationType', { extractValue: true });
	return typeof value === 'string' && CODE.test(value.trim()) ? value.trim() : undefined;
}

/** What stops the form from loading, said as what to do instead; undefined when it can load. */
function missing(this: ILoadOptionsFunctions): string | undefined {
	if (!teamId.call(this)) return 'Enter a Team ID (a plain number, not an expression)';
	if (!destinationType.call(this)) return 'Pick a Destination Type';
	return undefined;
}

/** The chosen type's setup schema, or why there is none. API errors are thrown, as for any picker. */
async function loadSchema(this: ILoadOptionsFunctions): Promise<Schema | string> {
	const first = missing.call(this);
	if (first) return first;
	const type = destinationType.call(this) as string;
	const sources = await availableSources.call(this, teamId.call(this) as string);
	const entry = list(sources.destination_types, MAX_SETTINGS).find((t) => t.type === type);
	if (!entry) return `${type} is not among the team's destination types`;
	return { type, settings: list(entry.settings, MAX_SETTINGS), methods: list(entry.auth_methods, MAX_METHODS) };
}

/** The auth method the form is for: the one chosen, or the type's default when none is. */
function chosenMethod(this: ILoadOptionsFunctions, methods: IDataObject[]): IDataObject | undefined {
	const chosen = this.getCurrentNodeParameter('authMethod');
	if (typeof chosen === 'string' && chosen !== '') return methods.find((m) => m.id === chosen);
	return methods.find((m) => m.is_default === true) ?? (methods.length === 1 ? methods[0] : undefined);
}

const isSecret = (setting: IDataObject) => setting.input_type === 'password';
const labelOf = (setting: IDataObject) => text(setting.label) ?? String(setting.id);
const titleOf = (method: IDataObject) => text(method.title) ?? String(method.id);
/** The mapper shows its notice as HTML: what the API said is shown as text. */
const escapeHtml = (value: string) => value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a method asks for, for its description: its fields, and its secrets by the names Secrets gives them. */
function describeMethod(method: IDataObject): string {
	const fields = list(method.fields, MAX_METHODS);
	const plain = fields.filter((f) => !isSecret(f)).map(labelOf);
	const secrets = fields
		.filter(isSecret)
		.map((f) => secretDisplayName(String(f.id)) ?? `${labelOf(f)} (no secret field in this node: fields.${String(f.id)})`);
	return [`Fields: ${plain.join(', ') || 'none of its own'}.`, secrets.length ? `Secrets: ${secrets.join(', ')}.` : 'No secrets.'].join(' ');
}

/** Auth Method: the type's default (sending no auth_method), then each of the type's methods with its ID. */
export async function getAuthMethods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const schema = await loadSchema.call(this);
	if (typeof schema === 'string') {
		// Not an error while the form is being filled in: the default needs no choice.
		const advice = `${schema} to choose another, or set the method's ID with an expression`;
		return [{ name: "Type's Default", value: '', description: `Send no auth_method: Supermetrics uses the type's default. ${advice}.` }];
	}
	const methods = schema.methods.filter((m) => typeof m.id === 'string');
	const byDefault = methods.find((m) => m.is_default === true);
	return [
		{
			name: byDefault ? `Type's Default (${titleOf(byDefault)})` : "Type's Default",
			value: '',
			description: 'Send no auth_method: Supermetrics uses the type\'s default',
		},
		...methods.map((method) => ({
			name: `${titleOf(method)} (${String(method.id)})`,
			value: String(method.id),
			description: describeMethod(method),
		})),
	];
}

/** The mapper's input for an input_type: a select (or radio) with options, a number, a switch, or text. */
function fieldType(setting: IDataObject, options: INodePropertyOptions[]): FieldType {
	const input = String(setting.input_type ?? '').toLowerCase();
	if (['select', 'radio', 'dropdown'].includes(input) && options.length > 0) return 'options';
	if (['number', 'integer'].includes(input)) return 'number';
	if (['checkbox', 'boolean', 'toggle', 'switch'].includes(input)) return 'boolean';
	return 'string';
}

/** A select's options, whichever of the usual shapes they come in: {value, label}, {id, title}, or plain values. */
function optionsOf(setting: IDataObject): INodePropertyOptions[] {
	const raw: unknown[] = Array.isArray(setting.options) ? setting.options.slice(0, MAX_OPTIONS) : [];
	const options: INodePropertyOptions[] = [];
	for (const option of raw) {
		const entry: IDataObject = typeof option === 'object' && option !== null ? (option as IDataObject) : { value: option as IDataObject[string] };
		const value = entry.value ?? entry.id ?? entry.key;
		if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
		const name = text(entry.label) ?? text(entry.title) ?? text(entry.name) ?? String(value);
		options.push({ name, value: typeof value === 'boolean' ? String(value) : value });
	}
	return options;
}

/**
 * One setting as a mapper field. The mapper shows a label and nothing else, so a short help text
 * goes into the label; a setting shown only for some values of another (show_for) says so there
 * instead, and is not marked required, since the mapper cannot hide it.
 */
function mapperField(setting: IDataObject, labels: Map<string, string>): ResourceMapperField {
	const options = optionsOf(setting);
	const type = fieldType(setting, options);
	const rules = list(setting.show_for, MAX_SETTINGS).filter((rule) => typeof rule.id === 'string');
	const when = rules
		.map((rule) => `${labels.get(String(rule.id)) ?? String(rule.id)} ${(Array.isArray(rule.values) ? rule.values : []).map(String).join(' or ')}`)
		.join(', ');
	const label = when ? `${labelOf(setting)} (only with ${when})` : labelOf(setting);
	const help = text(setting.help_text);
	const helped = help && !when ? `${label} (${help})` : label;
	const value = setting.value;
	return {
		id: String(setting.id),
		displayName: helped.length <= MAX_LABEL ? helped : label,
		required: setting.is_required === true && rules.length === 0,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type,
		...(type === 'options' ? { options } : {}),
		...(typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? { defaultValue: value } : {}),
	};
}

/**
 * The resource mapper's fields: the type's settings, then the chosen auth method's plain fields.
 * When the form cannot load (no Team ID, an expression, no type, an API error), it says why and
 * points to Other Settings, which always works; the mapper would show nothing for an error.
 */
export async function getDestinationSettings(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const fallback = 'add them under Other Settings by name.';
	let schema: Schema | string;
	try {
		schema = await loadSchema.call(this);
	} catch (error) {
		const reason = escapeHtml((error as Error).message);
		return { fields: [], emptyFieldsNotice: `The type's settings could not be loaded: ${reason}. Fix that, or ${fallback}` };
	}
	if (typeof schema === 'string') return { fields: [], emptyFieldsNotice: `${schema} to get its settings here, or ${fallback}` };

	const method = chosenMethod.call(this, schema.methods);
	const settings = [...schema.settings, ...list(method?.fields, MAX_METHODS)].filter((s) => typeof s.id === 'string' && !isSecret(s));
	const labels = new Map(settings.map((s) => [String(s.id), labelOf(s)]));
	const seen = new Set<string>();
	const fields = settings.filter((s) => !seen.has(String(s.id)) && seen.add(String(s.id))).map((s) => mapperField(s, labels));
	return fields.length ? { fields } : { fields, emptyFieldsNotice: `${schema.type} has no settings to fill in besides its secrets.` };
}
