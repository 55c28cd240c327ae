import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failOnFalseField } from '../descriptions';
import { failIfFalse } from '../outcome';
import { requireData } from '../transport';
import type { DtsResponse } from '../transport';
import { codeParam, idParam, textParam } from '../params';
import {
	checkEmail,
	checkInteger,
	checkJsonObject,
	checkMaxItems,
	checkNotEmpty,
	checkOption,
	checkText,
	DATA_SOURCE_ID,
	DESTINATION_ID,
	DISPLAY_NAME,
	INT32_MAX,
	NOTIFICATION_RECIPIENTS,
	SCHEDULE,
	SCHEMA_ID,
	TRANSFER_TYPE,
} from '../validation';
import type { FieldName } from '../validation';
import { CLONE_RULES, CREATE_RULES } from './rules';
import type { ConfigurationRules } from './rules';

export { transferConfigurationFields } from './form';

/**
 * A transfer configuration read from the form and checked, in the API's words: the whole
 * TransferConfigurationRequest (Create, Update, both Validate, each Create Many item) or Clone's
 * overrides (only what was given; the rest stays the source's).
 */

const INT32 = Number(INT32_MAX);

const nested = (list: string, field: string, index: number): FieldName => ({
	displayName: `${list} ${index + 1}: ${field}`,
	apiName: `${list.toLowerCase().replace(/ /g, '_')}[${index}].${field}`,
});

type Entries = IDataObject[];

/**
 * The entries picked in a multi-select (JSON text in the API's words), or given by an expression
 * (a list of objects, such as Get Available Options' accounts), in the typed list's shape.
 */
function pickedEntries(
	this: IExecuteFunctions,
	parameterName: string,
	list: string,
	itemIndex: number,
	toEntry: (picked: IDataObject) => IDataObject,
): Entries {
	const value = this.getNodeParameter(parameterName, itemIndex, []);
	const values = Array.isArray(value) ? value : value === '' || value === null || value === undefined ? [] : [value];
	const rule = `must be one of the ${list.toLowerCase()} Get Available Options lists (an object in the API's words)`;
	return values.map((entry, i) =>
		toEntry(checkJsonObject(this.getNode(), { displayName: `${list} ${i + 1}`, apiName: parameterName }, entry, itemIndex, rule)),
	);
}

const loginEntry = (picked: IDataObject): IDataObject => ({
	dataSourceUsername: picked.data_source_username,
	loginId: picked.login_id ?? 0,
});

/** The lists and the additional fields of one item, each read and checked under `rules`. */
function parts(this: IExecuteFunctions, itemIndex: number, rules: ConfigurationRules) {
	const node = this.getNode();
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const entries = (name: string, from?: IDataObject): Entries => {
		const value = from ? from[name] : this.getNodeParameter(name, itemIndex, {});
		return ((value as IDataObject)?.entries as Entries) ?? [];
	};
	const int = (list: string, field: string, i: number, value: unknown, min: number, max = INT32) =>
		checkInteger(node, nested(list, field, i), value, itemIndex, min, max);
	const str = (list: string, field: string, i: number, value: unknown, maxLength: number, required = false) =>
		checkText(node, nested(list, field, i), value, itemIndex, { maxLength, required });
	const bounded = (field: FieldName, list: Entries, max: number | undefined) => {
		checkMaxItems(node, field, list, itemIndex, max);
		return list;
	};
	const login = (list: string, entry: IDataObject, i: number, withLogin = true): IDataObject => {
		const username = str(list, 'data_source_username', i, entry.dataSourceUsername, 255, rules.strictEntries);
		if (!withLogin) return { data_source_username: username };
		// 0 (the field's default) leaves login_id out where the API lets it; Clone requires one.
		const loginId = int(list, 'login_id', i, entry.loginId ?? 0, rules.strictEntries ? 1 : 0);
		return { data_source_username: username, login_id: loginId === 0 ? undefined : loginId };
	};

	return {
		extra,
		schedule: () =>
			bounded(SCHEDULE, entries('schedule'), rules.maxItems.schedule).map((entry, i) => ({
				run_interval: checkOption(node, nested('Schedule', 'run_interval', i), entry.runInterval, itemIndex, rules.intervals),
				run_hour: int('Schedule', 'run_hour', i, entry.runHour, 0, 23),
				refresh_window: int('Schedule', 'refresh_window', i, entry.refreshWindow, 1, rules.refreshWindowMax),
				run_weekday: entry.runInterval === 'weekly' ? int('Schedule', 'run_weekday', i, entry.runWeekday, 1, 7) : undefined,
				run_day: entry.runInterval === 'monthly' ? int('Schedule', 'run_day', i, entry.runDay, 1, 31) : undefined,
			})),
		accounts: () =>
			bounded({ displayName: 'Accounts', apiName: 'accounts' }, [
				...pickedEntries.call(this, 'accountList', 'Accounts', itemIndex, (picked) => ({ accountId: picked.account_id, ...loginEntry(picked) })),
				...entries('accounts'),
			], rules.maxItems.accounts).map((entry, i) => ({
				account_id: str('Accounts', 'account_id', i, entry.accountId, 100, rules.strictEntries),
				...login('Accounts', entry, i),
			})),
		/** Undefined when neither the picker nor More Segments holds anything. */
		segments: () => {
			const picked = pickedEntries.call(this, 'segmentList', 'Segments', itemIndex, (segment) => ({
				segmentId: segment.segment_id,
				segmentName: segment.segment_name,
				...loginEntry(segment),
			}));
			if (picked.length === 0 && extra.segments === undefined) return undefined;
			return bounded({ displayName: 'Segments', apiName: 'segments' }, [...picked, ...entries('segments', extra)], rules.maxItems.segments).map((entry, i) => ({
				segment_id: str('Segments', 'segment_id', i, entry.segmentId, 100, rules.strictEntries),
				segment_name: str('Segments', 'segment_name', i, entry.segmentName, 255),
				...login('Segments', entry, i, rules.segmentLogins),
			}));
		},
		settings: () =>
			extra.dataSourceSettings === undefined
				? undefined
				: bounded({ displayName: 'Data Source Settings', apiName: 'data_source_settings' }, entries('dataSourceSettings', extra), rules.maxItems.settings).map((entry, i) => ({
						field_id: checkText(node, nested('Data Source Settings', 'field_id', i), entry.fieldId, itemIndex, { maxLength: 100 }),
						value: entry.value,
						group: str('Data Source Settings', 'group', i, entry.group, 100),
					})),
		recipients: () => {
			if (extra.notificationRecipients === undefined) return undefined;
			const addresses = String(extra.notificationRecipients)
				.split(',')
				.map((address) => address.trim())
				.filter(Boolean);
			checkMaxItems(node, NOTIFICATION_RECIPIENTS, addresses, itemIndex, rules.maxItems.recipients);
			return addresses.map((address) => checkEmail(node, NOTIFICATION_RECIPIENTS, address, itemIndex));
		},
	};
}

/** Reads and checks every configuration field of one item: the whole TransferConfigurationRequest. */
export function transferConfiguration(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const read = parts.call(this, itemIndex, CREATE_RULES);
	const body: IDataObject = {
		data_source_id: codeParam.call(this, 'dataSourceId', DATA_SOURCE_ID, itemIndex),
		schema_id: Number(idParam.call(this, 'schemaId', SCHEMA_ID, itemIndex, INT32_MAX)),
		destination_id: Number(idParam.call(this, 'destinationId', DESTINATION_ID, itemIndex, INT32_MAX)),
		display_name: textParam.call(this, 'displayName', DISPLAY_NAME, itemIndex, { maxLength: 255 }),
		schedule: read.schedule(),
		accounts: read.accounts(),
	};
	checkNotEmpty(node, SCHEDULE, body.schedule as Entries, itemIndex);
	const optional: IDataObject = { segments: read.segments(), data_source_settings: read.settings(), notification_recipients: read.recipients() };
	if (read.extra.transferType !== undefined) {
		optional.transfer_type = checkInteger(node, TRANSFER_TYPE, read.extra.transferType, itemIndex, 0, INT32);
	}
	return { ...body, ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) };
}

/**
 * Clone's overrides of one item: only the fields given, each replacing the source's value whole
 * (the reference: no deep merge); `{}` clones the transfer as it is.
 */
export function cloneOverrides(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const read = parts.call(this, itemIndex, CLONE_RULES);
	const given = (name: string) => {
		const value = this.getNodeParameter(name, itemIndex, '') as unknown;
		const raw = value !== null && typeof value === 'object' && '__rl' in value ? (value as IDataObject).value : value;
		return raw !== '' && raw !== undefined && raw !== null;
	};
	const schedule = read.schedule();
	const accounts = read.accounts();
	const body: IDataObject = {
		display_name: textParam.call(this, 'displayName', DISPLAY_NAME, itemIndex, { maxLength: 255, required: false }),
		schema_id: given('schemaId') ? Number(idParam.call(this, 'schemaId', SCHEMA_ID, itemIndex, INT32_MAX)) : undefined,
		destination_id: given('destinationId') ? Number(idParam.call(this, 'destinationId', DESTINATION_ID, itemIndex, INT32_MAX)) : undefined,
		schedule: schedule.length ? schedule : undefined,
		accounts: accounts.length ? accounts : undefined,
		segments: read.segments(),
		data_source_settings: read.settings(),
		notification_recipients: read.recipients(),
	};
	return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/**
 * The answer of POST …/validations, for a new transfer or an existing one. A failed validation is
 * a 200 with is_valid false and field-level errors: data by default, a failed item with "Fail If
 * Invalid".
 */
export function validationOutcome(this: IExecuteFunctions, response: DtsResponse, itemIndex: number): IDataObject {
	const data = requireData(this.getNode(), response, [], itemIndex);
	const errors = (Array.isArray(data.errors) ? data.errors : []) as IDataObject[];
	failIfFalse.call(
		this,
		itemIndex,
		data.is_valid === true,
		{
			code: 'TRANSFER_INVALID',
			message: `The transfer configuration is not valid: ${errors.length} error(s)`,
			description: errors.map((e) => `${String(e.field_id)}: ${String(e.error_code)}`).join('; '),
		},
		response.requestId,
	);
	return data;
}

export function failIfInvalidField(displayOptions: IDisplayOptions): INodeProperties {
	return failOnFalseField(displayOptions, {
		displayName: 'Fail If Invalid',
		description:
			'Whether a configuration the API finds invalid (is_valid false) fails the item. Off: the answer, with its errors, goes to the next node.',
	});
}
