import { teamOperation } from '../operation';
import { failIfInvalidField, transferConfiguration, transferConfigurationFields, validationOutcome } from './configuration';

/** POST /teams/{team_id}/transfers/validations: checks a new transfer, creates nothing. */
export const { fields, execute } = teamOperation({
	resource: 'transfer',
	operation: 'validate',
	fields: (show) => [...transferConfigurationFields(show), failIfInvalidField(show)],
	call(itemIndex) {
		return { method: 'POST', path: '/transfers/validations', body: transferConfiguration.call(this, itemIndex) };
	},
	output: validationOutcome,
});
