import type { Resource } from '../types';
import * as get from './get';
import * as list from './list';
import * as listAccounts from './listAccounts';
import * as revoke from './revoke';

/** The Supermetrics API's data source logins (/ds/login/{login_id}, /ds/logins), on the credential's Supermetrics API URL. */
export const dataSourceLogin: Resource = {
	name: 'Data Source Login',
	value: 'dataSourceLogin',
	operations: [
		{
			name: 'Get',
			value: 'get',
			description: 'Get a data source login: its user, data source and expiry',
			action: 'Get a data source login',
			module: get,
		},
		{
			name: 'List',
			value: 'list',
			description: 'List the data source logins',
			action: 'List data source logins',
			module: list,
		},
		{
			name: 'List Accounts',
			value: 'listAccounts',
			description: 'List the data source accounts a login gives access to',
			action: 'List accounts of a data source login',
			module: listAccounts,
		},
		{
			name: 'Revoke',
			value: 'revoke',
			description: 'Revoke a data source login',
			action: 'Revoke a data source login',
			module: revoke,
		},
	],
};
