import { apiOperation } from '../operation';

/** GET /ds/login/links: the key's login links, one item each (the API lists up to 1000, unpaged). */
export const { fields, execute } = apiOperation({
	resource: 'loginLink',
	operation: 'list',
	call: () => ({ api: 'logins', method: 'GET', path: '/ds/login/links' }),
	output: 'list',
});
