'use strict';
/** The workflows the CLI tests run, next to the example one `npm start` imports. */
const { workflow, supermetricsNode, exampleWorkflow, EXAMPLE } = require('../../scripts/fixtures');

const byCode = (value) => ({ __rl: true, mode: 'id', value });

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

module.exports = { EXAMPLE, EXAMPLE_WORKFLOW: exampleWorkflow(), API_ERROR, CONTINUE_ON_FAIL, CONTINUE_ON_FAIL_SOURCES, UNKNOWN_SOURCE };
