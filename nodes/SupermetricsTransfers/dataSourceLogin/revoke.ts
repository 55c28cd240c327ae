import { loginIdField } from '../pickers';
import { itemError } from '../itemError';
import { apiOperation } from '../operation';
import { loginIdParam, loginPath } from './login';

/**
 * DELETE /ds/login/{login_id}: answered 200 with {data: {result}}, "whether the revoke operation
 * was successful". A result of false fails the item (REVOKE_FAILED): the login was not revoked.
 * An answer without a result is a 2xx all the same, handed on with its notice.
 */
export const { fields, execute } = apiOperation({
	resource: 'dataSourceLogin',
	operation: 'revoke',
	fields: (show) => [loginIdField(show)],
	call(itemIndex) {
		const loginId = loginIdParam.call(this, itemIndex);
		return { api: 'logins', method: 'DELETE', path: loginPath(loginId), echo: { login_id: loginId } };
	},
	write: { expect: ['result'], wrapped: true, done: 'the login was revoked' },
	output(response, itemIndex, echo, data) {
		if (data.result === false) {
			throw itemError(this.getNode(), {
				code: 'REVOKE_FAILED',
				message: `Data source login ${String(echo.login_id)} was not revoked: the API answered result false`,
				description: 'The API took the request (HTTP 200) but reports the revoke as unsuccessful. Check the login with Data Source Login → Get, and try again later.',
				itemIndex,
				http_code: response.statusCode,
				request_id: response.requestId,
			});
		}
		return { ...echo, ...data };
	},
});
