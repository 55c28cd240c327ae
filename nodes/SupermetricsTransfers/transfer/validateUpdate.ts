import { transferIdField } from '../pickers';
import { teamOperation } from '../operation';
import { transferIdParam } from '../params';
import { INT32_MAX } from '../validation';
import { failIfInvalidField, transferConfiguration, transferConfigurationFields, validationOutcome } from './configuration';

/** POST /teams/{team_id}/transfers/{transfer_id}/validations: checks an update, changes nothing. */
export const { fields, execute } = teamOperation({
	resource: 'transfer',
	operation: 'validateUpdate',
	fields: (show) => [transferIdField(show), ...transferConfigurationFields(show), failIfInvalidField(show)],
	call(itemIndex) {
		const transferId = transferIdParam.call(this, itemIndex, INT32_MAX);
		return {
			method: 'POST',
			path: `/transfers/${transferId}/validations`,
			body: transferConfiguration.call(this, itemIndex),
		};
	},
	output: validationOutcome,
});
