import { loginLinkIdField } from '../pickers';
import { apiOperation } from '../operation';
import { textParam } from '../params';
import { LINK_DESCRIPTION } from '../validation';
import { linkIdParam, linkPath } from './link';

/** PATCH /ds/login/link/{link_id}: the one property the API lets change, its description. */
export const { fields, execute } = apiOperation({
	resource: 'loginLink',
	operation: 'update',
	fields: (show) => [
		loginLinkIdField(show),
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			required: true,
			default: '',
			description: 'The link\'s new internal description (description), at most 1000 characters',
			displayOptions: show,
		},
	],
	call(itemIndex) {
		const linkId = linkIdParam.call(this, itemIndex);
		const description = textParam.call(this, 'description', LINK_DESCRIPTION, itemIndex, { maxLength: 1000 });
		return { api: 'logins', method: 'PATCH', path: linkPath(linkId), body: { description }, echo: { link_id: linkId } };
	},
	write: { expect: ['link_id'], wrapped: true, done: 'the login link was updated' },
});
