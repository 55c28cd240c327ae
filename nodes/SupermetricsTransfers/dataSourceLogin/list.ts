import { apiOperation } from '../operation';

/**
 * GET /ds/logins: the key's data source logins, one item each (the API lists up to 1000, unpaged),
 * revoked ones too, with their revoked_time.
 */
export const { fields, execute } = apiOperation({
	resource: 'dataSourceLogin',
	operation: 'list',
	call: () => ({ api: 'logins', method: 'GET', path: '/ds/logins' }),
	output: 'list',
});
