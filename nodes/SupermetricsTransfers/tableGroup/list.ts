import { apiOperation } from '../operation';

/**
 * GET /table/groups: the key's team's table groups, one item each (group_id, schema_id, name,
 * links). The API lists up to 1000, unpaged, and takes no team: the API key decides it, as on the
 * login links, and no filter. A transfer takes a group's schema_id (not its tg_… group_id).
 */
export const { fields, execute } = apiOperation({
	resource: 'tableGroup',
	operation: 'list',
	call: () => ({ api: 'tableGroups', method: 'GET', path: '/table/groups' }),
	output: 'list',
});
