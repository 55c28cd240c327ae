import { loginLinkIdField } from '../pickers';
import { apiOperation } from '../operation';
import { linkIdParam, linkPath } from './link';
import { withWait } from './wait';

/** GET /ds/login/link/{link_id}: the link, its status_code and, once used, its login_id. */
const operation = apiOperation({
	resource: 'loginLink',
	operation: 'get',
	fields: (show) => [loginLinkIdField(show)],
	call(itemIndex) {
		return { api: 'logins', method: 'GET', path: linkPath(linkIdParam.call(this, itemIndex)) };
	},
});

export const { fields, execute } = withWait(operation, 'get');
