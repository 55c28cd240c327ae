'use strict';
/** The workflows the CLI tests run, next to the example one `npm start` imports. */
const { workflow, supermetricsNode, exampleWorkflow, EXAMPLE, SECRETS_CREDENTIAL, CREDENTIAL } = require('../../scripts/fixtures');

const byCode = (value) => ({ __rl: true, mode: 'code', value });

/** The sandbox knows no data source NOPE, so it answers 422 with its request id. */
const UNKNOWN_SOURCE = 'NOPE';

const API_ERROR = workflow({
	id: 'SmE2eApiError001',
	name: 'e2e: unknown data source',
	node: supermetricsNode({ dataSourceId: byCode(UNKNOWN_SOURCE) }),
});

const CONTINUE_ON_FAIL_SOURCES = ['GAWA', UNKNOWN_SOURCE, 'FA'];
const CONTINUE_ON_FAIL = workflow({
	id: 'SmE2eContinue001',
	name: 'e2e: Continue On Fail over three items',
	node: supermetricsNode({ dataSourceId: byCode('={{ $json.dataSource }}') }, { onError: 'continueRegularOutput' }),
	items: CONTINUE_ON_FAIL_SOURCES.map((dataSource) => ({ dataSource })),
});

/** The same three items with On Error "Continue (using error output)": the node gets a second output. */
const ERROR_OUTPUT = workflow({
	id: 'SmE2eErrorOut001',
	name: 'e2e: Continue (using error output) over three items',
	node: supermetricsNode({ dataSourceId: byCode('={{ $json.dataSource }}') }, { onError: 'continueErrorOutput' }),
	items: CONTINUE_ON_FAIL_SOURCES.map((dataSource) => ({ dataSource })),
});

/** What a Snowflake destination needs besides its password, given by name (Other Settings). */
const SNOWFLAKE_SETTINGS = { hostname: 'acme.eu-west-1.snowflakecomputing.com', warehouse: 'LOAD_WH', database_name: 'MARKETING', schema: 'PUBLIC', username: 'LOADER' };

/** Destination → Create with its password from the Destination Secrets credential. */
const DESTINATION_FROM_SECRETS = workflow({
	id: 'SmE2eSecrets0001',
	name: 'e2e: destination with secrets from a credential',
	node: supermetricsNode(
		{
			resource: 'destination',
			operation: 'create',
			dataSourceId: undefined,
			destinationType: byCode('DWH_SNOWFLAKE'),
			displayName: 'e2e warehouse',
			authMethod: 'AUTH_METHOD_PASSWORD',
			settings: { entries: Object.entries(SNOWFLAKE_SETTINGS).map(([name, value]) => ({ name, value })) },
			secretsSource: 'credential',
		},
		{
			credentials: {
				supermetricsTransfersApi: { id: CREDENTIAL.id, name: CREDENTIAL.name },
				supermetricsTransfersSecretsApi: { id: SECRETS_CREDENTIAL.id, name: SECRETS_CREDENTIAL.name },
			},
		},
	),
});

/** Destination → Create as a user starts it: a Team ID, and the destination type still to pick. */
const DESTINATION_FORM = workflow({
	id: 'SmE2eDestForm001',
	name: 'e2e: destination form',
	node: supermetricsNode(
		{
			resource: 'destination',
			operation: 'create',
			dataSourceId: undefined,
			destinationType: { __rl: true, mode: 'list', value: '' },
			displayName: 'Marketing warehouse',
			secretsSource: 'credential',
		},
		{
			credentials: {
				supermetricsTransfersApi: { id: CREDENTIAL.id, name: CREDENTIAL.name },
				supermetricsTransfersSecretsApi: { id: SECRETS_CREDENTIAL.id, name: SECRETS_CREDENTIAL.name },
			},
		},
	),
});

module.exports = {
	DESTINATION_FORM,
	DESTINATION_FROM_SECRETS,
	SNOWFLAKE_SETTINGS,
	EXAMPLE,
	EXAMPLE_WORKFLOW: exampleWorkflow(),
	API_ERROR,
	CONTINUE_ON_FAIL,
	CONTINUE_ON_FAIL_SOURCES,
	ERROR_OUTPUT,
	UNKNOWN_SOURCE,
};
