'use strict';
/** GET /me: what the credential test calls; any valid key may read it, and it changes nothing. */
module.exports = [
	{
		method: 'GET',
		path: '/me',
		scope: null,
		handle({ key }) {
			return { status: 200, data: { user_id: key.userId, email: key.email, team_id: key.teamId } };
		},
	},
];
