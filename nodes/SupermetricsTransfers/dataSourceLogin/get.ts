import { loginIdField } from '../pickers';
import { apiOperation } from '../operation';
import { loginIdParam, loginPath } from './login';

/** GET /ds/login/{login_id}: who logged in, to which data source (ds_info), until when. */
export const { fields, execute } = apiOperation({
	resource: 'dataSourceLogin',
	operation: 'get',
	fields: (show) => [loginIdField(show)],
	call(itemIndex) {
		return { api: 'logins', method: 'GET', path: loginPath(loginIdParam.call(this, itemIndex)) };
	},
});
