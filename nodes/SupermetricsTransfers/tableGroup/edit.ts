import { apiOperation } from '../operation';
import { invalid } from '../validation';
import { groupIdParam, groupPath, notFound, tableGroupIdField } from './group';
import { modelBody, modelFields } from './model';

/**
 * PUT /table/group/{group_id}: the group's whole definition replaced (tables and fields left out
 * are removed; a renamed table or field is a new one), from a data model as Import takes it.
 *
 * Where `version` goes: Edit's own parameters and prose put it in the query ("not in the request
 * body"), and its body schema has none; but the same prose calls the body "the same structure that
 * Import accepts and Export returns", and both of those carry `version` in the body. So the node
 * sends it in the query, always, and leaves it in the body when the data model has it (an
 * exported one does), the two the same: the call works under either reading, and the body schema
 * forbids no property it does not declare.
 */
export const { fields, execute } = apiOperation({
	resource: 'tableGroup',
	operation: 'edit',
	fields: (show) => [
		tableGroupIdField(show, 'The table group to replace (group_id, e.g. tg_123). Pick one of the team\'s table groups or type its ID.'),
		...modelFields(show, 'edit'),
	],
	async call(itemIndex) {
		const groupId = groupIdParam.call(this, itemIndex);
		const { body, version, exportedFrom } = await modelBody.call(this, itemIndex, 'edit');
		// An exported model names its group: replacing another one with it is a mistake to stop.
		if (exportedFrom !== undefined && exportedFrom !== groupId) {
			throw invalid(
				this.getNode(),
				{ displayName: 'group_id', apiName: 'group.group_id' },
				exportedFrom,
				itemIndex,
				`is another table group than ${groupId}, the one to replace`,
				`The data model was exported from ${exportedFrom}. Pick that group in Table Group, or remove group_id from the data model to replace ${groupId} with it.`,
			);
		}
		return { api: 'tableGroups', method: 'PUT', path: groupPath(groupId), qs: { version }, body, echo: { group_id: groupId }, explain: notFound(groupId) };
	},
	write: { wrapped: true, done: 'the table group was replaced', findIt: 'with Table Group → Export' },
});
