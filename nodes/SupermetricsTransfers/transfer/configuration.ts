import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dataSourceIdField, destinationIdField, displayNameField, failOnFalseField } from '../descriptions';
import { failIfFalse } from '../outcome';
import { requireData } from '../transport';
import type { DtsResponse } from '../transport';
import { codeParam, idParam, textParam } from '../params';
import {
	checkEmail,
	checkInteger,
	checkJsonObject,
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

/**
 * The TransferConfigurationRequest body, shared by Create, Update and both Validate operations:
 * the spec sends the same full configuration to all four.
 */

const INT32 = Number(INT32_MAX);
const RUN_INTERVALS = ['hourly', 'daily', 'weekly', 'monthly'] as const;

const number = (
	displayName: string,
	name: string,
	defaultValue: number,
	description: string,
	minValue: number,
	maxValue = INT32,
): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue, maxValue },
	default: defaultValue,
	description,
});

const text = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
});

const list = (
	displayName: string,
	name: string,
	description: string,
	values: INodeProperties[],
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: `Add ${displayName.replace(/^More /, '').replace(/s$/, '')}`,
	default: {},
	description,
	options: [{ displayName, name: 'entries', values }],
});

const loginId = number('Login ID', 'loginId', 0, 'The login_id of the data source login (0 to leave out)', 0);
const username = text('Data Source Username', 'dataSourceUsername', 'The data_source_username of the login');

/** Offered from Get Available Options once Team ID, Data Source and Destination are known. */
const AVAILABLE_OPTIONS = ['teamId', 'dataSourceId.value', 'destinationId.value'];

const picker = (
	displayName: string,
	name: string,
	loadOptionsMethod: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod, loadOptionsDependsOn: AVAILABLE_OPTIONS },
	default: [],
	description,
});

export function transferConfigurationFields(displayOptions: IDisplayOptions): INodeProperties[] {
	const withShow = (field: INodeProperties): INodeProperties => ({ ...field, displayOptions });
	return [
		dataSourceIdField(displayOptions),
		destinationIdField(displayOptions),
		withShow({
			displayName: 'Schema Name or ID',
			name: 'schemaId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getSchemas', loadOptionsDependsOn: AVAILABLE_OPTIONS },
			required: true,
			default: '',
			description:
				'The table group the transfer writes into (schema_id), as Get Available Options lists them for the Data Source and Destination; by ID, its numeric schema_id (not a group_id such as tg_99999). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		}),
		displayNameField(displayOptions, 'The transfer\'s name (display_name), at most 255 characters'),
		withShow({
			...list('Schedule', 'schedule', 'When the transfer runs (schedule). Add at least one.', [
				{
					displayName: 'Run Interval',
					name: 'runInterval',
					type: 'options',
					options: RUN_INTERVALS.map((value) => ({
						name: value[0].toUpperCase() + value.slice(1),
						value,
					})),
					default: 'daily',
					description: 'How often the transfer runs (run_interval)',
				},
				number('Run Hour (UTC)', 'runHour', 0, 'Hour of the day to run, 0 to 23 (run_hour)', 0, 23),
				number('Refresh Window (Days)', 'refreshWindow', 1, 'How many past days each run refreshes (refresh_window)', 1),
				number('Run Weekday', 'runWeekday', 1, 'Day of the week for a weekly run, 1 = Monday to 7 = Sunday (run_weekday). Sent only with Weekly.', 1, 7),
				number('Run Day', 'runDay', 1, 'Day of the month for a monthly run, 1 to 31 (run_day). Sent only with Monthly.', 1, 31),
			]),
			required: true,
		}),
		withShow(
			picker(
				'Accounts',
				'accountList',
				'getAccounts',
				'The data source accounts the transfer includes (accounts), as Get Available Options lists them. An expression may give its accounts list as it is.',
			),
		),
		withShow(
			list('More Accounts', 'accounts', 'Accounts by ID (accounts), sent after those picked above: for an account the list does not show, or from expressions', [
				text('Account ID', 'accountId', 'The account_id in the data source'),
				username,
				loginId,
			]),
		),
		withShow(
			picker(
				'Segments',
				'segmentList',
				'getSegments',
				'Data segments the transfer includes (segments), as Get Available Options lists them. An expression may give its segments list as it is.',
			),
		),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions,
			options: [
				list('Data Source Settings', 'dataSourceSettings', 'Source-specific settings (data_source_settings)', [
					text('Field ID', 'fieldId', 'The setting\'s field_id, e.g. BRAND_KEYWORDS'),
					text('Value', 'value', 'The setting\'s value'),
					text('Group', 'group', 'The setting\'s group, e.g. Default'),
				]),
				text('Notification Recipients', 'notificationRecipients', 'Email addresses to notify of transfer events, separated by commas (notification_recipients)'),
				list('More Segments', 'segments', 'Segments by ID (segments), sent after those picked under Segments', [
					text('Segment ID', 'segmentId', 'The segment_id, e.g. -1'),
					text('Segment Name', 'segmentName', 'The segment_name, e.g. All users'),
					username,
					loginId,
				]),
				number('Transfer Type', 'transferType', 1, 'The transfer_type identifier', 0),
			],
		},
	];
}

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

/** Reads and checks every configuration field of one item, in the API's words. */
export function transferConfiguration(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const entries = (name: string, from: IDataObject = {}): Entries => {
		const value = name in from ? from[name] : this.getNodeParameter(name, itemIndex, {});
		return ((value as IDataObject)?.entries as Entries) ?? [];
	};
	const int = (list: string, field: string, i: number, value: unknown, min: number, max = INT32) =>
		checkInteger(node, nested(list, field, i), value, itemIndex, min, max);
	const str = (list: string, field: string, i: number, value: unknown, maxLength: number) =>
		checkText(node, nested(list, field, i), value, itemIndex, { maxLength, required: false });
	const login = (list: string, entry: IDataObject, i: number): IDataObject => {
		// 0 (the field's default) leaves login_id out.
		const loginId = int(list, 'login_id', i, entry.loginId ?? 0, 0);
		return {
			data_source_username: str(list, 'data_source_username', i, entry.dataSourceUsername, 255),
			login_id: loginId === 0 ? undefined : loginId,
		};
	};

	const body: IDataObject = {
		data_source_id: codeParam.call(this, 'dataSourceId', DATA_SOURCE_ID, itemIndex),
		schema_id: Number(idParam.call(this, 'schemaId', SCHEMA_ID, itemIndex, INT32_MAX)),
		destination_id: Number(idParam.call(this, 'destinationId', DESTINATION_ID, itemIndex, INT32_MAX)),
		display_name: textParam.call(this, 'displayName', DISPLAY_NAME, itemIndex, { maxLength: 255 }),
		schedule: entries('schedule').map((entry, i) => ({
			run_interval: checkOption(node, nested('Schedule', 'run_interval', i), entry.runInterval, itemIndex, RUN_INTERVALS),
			run_hour: int('Schedule', 'run_hour', i, entry.runHour, 0, 23),
			refresh_window: int('Schedule', 'refresh_window', i, entry.refreshWindow, 1),
			run_weekday: entry.runInterval === 'weekly' ? int('Schedule', 'run_weekday', i, entry.runWeekday, 1, 7) : undefined,
			run_day: entry.runInterval === 'monthly' ? int('Schedule', 'run_day', i, entry.runDay, 1, 31) : undefined,
		})),
		accounts: [
			...pickedEntries.call(this, 'accountList', 'Accounts', itemIndex, (picked) => ({ accountId: picked.account_id, ...loginEntry(picked) })),
			...entries('accounts'),
		].map((entry, i) => ({
			account_id: str('Accounts', 'account_id', i, entry.accountId, 100),
			...login('Accounts', entry, i),
		})),
	};
	checkNotEmpty(node, SCHEDULE, body.schedule as Entries, itemIndex);

	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const segments = pickedEntries.call(this, 'segmentList', 'Segments', itemIndex, (picked) => ({
		segmentId: picked.segment_id,
		segmentName: picked.segment_name,
		...loginEntry(picked),
	}));
	if (segments.length > 0 || extra.segments !== undefined) {
		body.segments = [...segments, ...entries('segments', extra)].map((entry, i) => ({
			segment_id: str('Segments', 'segment_id', i, entry.segmentId, 100),
			segment_name: str('Segments', 'segment_name', i, entry.segmentName, 255),
			...login('Segments', entry, i),
		}));
	}
	if (extra.dataSourceSettings !== undefined) {
		body.data_source_settings = entries('dataSourceSettings', extra).map((entry, i) => ({
			field_id: checkText(node, nested('Data Source Settings', 'field_id', i), entry.fieldId, itemIndex, { maxLength: 100 }),
			value: entry.value,
			group: str('Data Source Settings', 'group', i, entry.group, 100),
		}));
	}
	if (extra.notificationRecipients !== undefined) {
		body.notification_recipients = String(extra.notificationRecipients)
			.split(',')
			.map((address) => address.trim())
			.filter(Boolean)
			.map((address) => checkEmail(node, NOTIFICATION_RECIPIENTS, address, itemIndex));
	}
	if (extra.transferType !== undefined) {
		body.transfer_type = checkInteger(node, TRANSFER_TYPE, extra.transferType, itemIndex, 0, INT32);
	}
	return body;
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
