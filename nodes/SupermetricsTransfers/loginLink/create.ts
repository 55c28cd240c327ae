import { optionalTeamIdField } from '../descriptions';
import { loginDataSourceField } from '../pickers';
import { apiOperation } from '../operation';
import { expiryTimeParam, httpUrlParam, loginsIdParam, optionalBooleanParam, optionalIdParam, textParam } from '../params';
import { DS_ID, EXPIRY_TIME, INT64_MAX, LINK_DESCRIPTION, REDIRECT_URL, REQUIRE_LOGIN, REQUIRE_USERNAME, TEAM_ID, USE_EXISTING } from '../validation';
import { withWait } from './wait';

/**
 * POST /ds/login/link: a link to send a client, who opens its login_url and logs in to the data
 * source; the login that comes of it (the link's login_id) holds the accounts a transfer reads.
 * The logins API has no team: the key's team owns the link. Team ID, optional, only feeds the
 * Data Source picker and is handed on as team_id for the next step (Data Source Connection →
 * Create). Not retried after a 5xx or a timeout: the link may exist already. Use Existing and
 * Require Login are the newest reference's (Management API 2.0.0); an API that predates them
 * ignores or refuses them, so they are sent only when added.
 */
const operation = apiOperation({
	resource: 'loginLink',
	operation: 'create',
	fields: (show) => [
		optionalTeamIdField(
			show,
			'Optional. Your Supermetrics team ID: the Data Source list then shows the team\'s available sources, and the output hands it on as team_id for Data Source Connection → Create. Not sent: the API key decides the link\'s team.',
		),
		loginDataSourceField(show),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'Internal description of the link (description), at most 1000 characters; not shown to the person logging in',
				},
				{
					displayName: 'Expiry Time',
					name: 'expiryTime',
					type: 'string',
					default: '',
					placeholder: '2026-03-01T23:59:59Z or 10 hours',
					description:
						'When the link expires (expiry_time): a date-time with a zone, or a relative time such as "10 hours" or "7 days" from now. Sent as the UTC date-time it means. Empty: 24 hours after creation, the API\'s default.',
				},
				{
					displayName: 'Redirect URL',
					name: 'redirectUrl',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/connected',
					description: 'Where to send the person after a successful login (redirect_url): an http(s) URL of at most 500 characters',
				},
				{
					displayName: 'Require Login',
					name: 'requireLogin',
					type: 'boolean',
					default: false,
					description: 'Whether only a signed-in member of your Supermetrics team may use the link (require_login); anonymous use is refused. Off for a link you send a client.',
				},
				{
					displayName: 'Require Username',
					name: 'requireUsername',
					type: 'string',
					default: '',
					placeholder: 'marketing@company.com',
					description: 'The data source username the login must use (require_username), at most 255 characters: to renew an existing login',
				},
				{
					displayName: 'Use Existing',
					name: 'useExisting',
					type: 'boolean',
					default: true,
					description: 'Whether to hand back the link still open for the same team, user and data source instead of creating another (use_existing), so that a form sent twice e-mails the client one link',
				},
			],
		},
	],
	call(itemIndex) {
		const teamId = optionalIdParam.call(this, 'teamId', TEAM_ID, itemIndex, INT64_MAX);
		const body = {
			ds_id: loginsIdParam.call(this, 'dsId', DS_ID, itemIndex),
			expiry_time: expiryTimeParam.call(this, 'additionalFields.expiryTime', EXPIRY_TIME, itemIndex),
			description: textParam.call(this, 'additionalFields.description', LINK_DESCRIPTION, itemIndex, { maxLength: 1000, required: false }),
			require_username: textParam.call(this, 'additionalFields.requireUsername', REQUIRE_USERNAME, itemIndex, { maxLength: 255, required: false }),
			redirect_url: httpUrlParam.call(this, 'additionalFields.redirectUrl', REDIRECT_URL, itemIndex, 500),
			use_existing: optionalBooleanParam.call(this, 'additionalFields.useExisting', USE_EXISTING, itemIndex),
			require_login: optionalBooleanParam.call(this, 'additionalFields.requireLogin', REQUIRE_LOGIN, itemIndex),
		};
		return {
			api: 'logins',
			method: 'POST',
			path: '/ds/login/link',
			// Fields left empty are left out, for the API's defaults.
			body: Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
			echo: teamId === undefined ? {} : { team_id: teamId },
		};
	},
	write: {
		expect: ['link_id', 'login_url'],
		wrapped: true,
		done: 'the login link was created',
		findIt: 'with Login Link → List',
		again: 'create a second login link',
		location: ['link_id', 'link'],
	},
});

export const { fields, execute } = withWait(operation, 'create');
