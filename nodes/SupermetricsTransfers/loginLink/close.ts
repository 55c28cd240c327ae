import { loginLinkIdField } from '../pickers';
import { apiOperation } from '../operation';
import { linkIdParam, linkPath } from './link';

/**
 * PUT /ds/login/link/{link_id}/close: the link takes no more logins (one already started may
 * still finish). A link that is not OPEN is refused with 422.
 */
export const { fields, execute } = apiOperation({
	resource: 'loginLink',
	operation: 'close',
	fields: (show) => [loginLinkIdField(show)],
	call(itemIndex) {
		const linkId = linkIdParam.call(this, itemIndex);
		return { api: 'logins', method: 'PUT', path: `${linkPath(linkId)}/close`, echo: { link_id: linkId } };
	},
	write: { expect: ['link_id'], wrapped: true, done: 'the login link was closed' },
});
