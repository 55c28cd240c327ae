import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { displayNameField } from '../descriptions';
import { dataSourceIdField, destinationIdField } from '../pickers';
import { INT32_MAX } from '../validation';
import { CLONE_RULES, CREATE_RULES } from './rules';
import type { ConfigurationRules } from './rules';

/**
 * The transfer form: Create, Update and both Validate show it whole (TransferConfigurationRequest);
 * Clone shows it as overrides of the source transfer, each optional, without Data Source (always
 * the source's) and with Clone's own limits (rules.ts).
 */

const INT32 = Number(INT32_MAX);

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

/** Offered from Get Available Options once Team ID, Data Source (or Clone's source transfer) and Destination are known. */
const AVAILABLE_OPTIONS = ['teamId', 'dataSourceId.value', 'destinationId.value', 'transferId.value'];

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

/** Written out twice: n8n's lint reads a dynamic options field's description as a literal. */
const SCHEMA: INodeProperties = {
	displayName: 'Schema Name or ID',
	name: 'schemaId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getSchemas', loadOptionsDependsOn: AVAILABLE_OPTIONS },
	required: true,
	default: '',
	description:
		'The table group the transfer writes into (schema_id): the team\'s table groups and the schemas Get Available Options lists; by ID, its numeric schema_id (not a group_id such as tg_99999). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
const CLONE_SCHEMA: INodeProperties = {
	displayName: 'Schema Name or ID',
	name: 'schemaId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getSchemas', loadOptionsDependsOn: AVAILABLE_OPTIONS },
	default: '',
	description:
		'The table group the clone writes into (schema_id), if not the source transfer\'s: the team\'s table groups and the schemas Get Available Options lists; by ID, its numeric schema_id. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

function scheduleField(rules: ConfigurationRules, keep: string): INodeProperties {
	return list('Schedule', 'schedule', `When the transfer runs (schedule). ${keep}`, [
		{
			displayName: 'Run Interval',
			name: 'runInterval',
			type: 'options',
			options: rules.intervals.map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })),
			default: 'daily',
			description: 'How often the transfer runs (run_interval)',
		},
		number('Run Hour (UTC)', 'runHour', 0, 'Hour of the day to run, 0 to 23 (run_hour)', 0, 23),
		number('Refresh Window (Days)', 'refreshWindow', 1, `How many past days each run refreshes (refresh_window), 1 to ${rules.refreshWindowMax}`, 1, rules.refreshWindowMax),
		number('Run Weekday', 'runWeekday', 1, 'Day of the week for a weekly run, 1 = Monday to 7 = Sunday (run_weekday). Sent only with Weekly.', 1, 7),
		number('Run Day', 'runDay', 1, 'Day of the month for a monthly run, 1 to 31 (run_day). Sent only with Monthly.', 1, 31),
	]);
}

export function transferConfigurationFields(displayOptions: IDisplayOptions, { clone = false }: { clone?: boolean } = {}): INodeProperties[] {
	const withShow = (field: INodeProperties): INodeProperties => ({ ...field, displayOptions });
	const rules = clone ? CLONE_RULES : CREATE_RULES;
	const keep = (what: string) => (clone ? ` Leave empty to keep the source transfer's ${what}.` : '');
	const segmentValues = clone ? [text('Segment ID', 'segmentId', 'The segment_id, e.g. -1'), text('Segment Name', 'segmentName', 'The segment_name, e.g. All users'), username] : [text('Segment ID', 'segmentId', 'The segment_id, e.g. -1'), text('Segment Name', 'segmentName', 'The segment_name, e.g. All users'), username, loginId];
	const additional: INodeProperties[] = [
		list('Data Source Settings', 'dataSourceSettings', `Source-specific settings (data_source_settings).${keep('settings')}`, [
			text('Field ID', 'fieldId', 'The setting\'s field_id, e.g. BRAND_KEYWORDS'),
			text('Value', 'value', 'The setting\'s value'),
			text('Group', 'group', 'The setting\'s group, e.g. Default'),
		]),
		text(
			'Notification Recipients',
			'notificationRecipients',
			`Email addresses to notify of transfer events, separated by commas (notification_recipients)${clone ? '. A clone gets none of the source\'s unless given here' : ''}`,
		),
		list('More Segments', 'segments', 'Segments by ID (segments), sent after those picked under Segments', segmentValues),
	];
	if (!clone) additional.push(number('Transfer Type', 'transferType', 1, 'The transfer_type identifier', 0));
	return [
		...(clone ? [] : [dataSourceIdField(displayOptions)]),
		clone
			? { ...destinationIdField(displayOptions, 'Another destination for the clone (destination_id), of the same type as the source\'s. Leave empty to keep the source\'s.'), required: false }
			: destinationIdField(displayOptions),
		withShow(clone ? CLONE_SCHEMA : SCHEMA),
		clone
			? { ...displayNameField(displayOptions, 'The clone\'s name (display_name), at most 255 characters. Empty: "Copy of" the source\'s name.'), required: false }
			: displayNameField(displayOptions, 'The transfer\'s name (display_name), at most 255 characters'),
		withShow({ ...scheduleField(rules, clone ? 'Leave empty to keep the source\'s schedule.' : 'Add at least one.'), required: !clone }),
		withShow(
			picker(
				'Accounts',
				'accountList',
				'getAccounts',
				`The data source accounts the transfer includes (accounts), as Get Available Options lists them. An expression may give its accounts list as it is.${keep('accounts')}`,
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
				`Data segments the transfer includes (segments), as Get Available Options lists them. An expression may give its segments list as it is.${keep('segments')}`,
			),
		),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions,
			options: additional,
		},
	];
}
