'use strict';
/**
 * The AI agent example: Chat Trigger → AI Agent, with an OpenAI Chat Model whose credential points
 * at the fake model on loopback (test/fake-model), and four Supermetrics Transfers tools whose
 * inputs the model fills with $fromAI(): Create Data Source Connection, Transfer Run → List, Login
 * Link → Create (the link an agent sends a client to authorize a data source) and Transfer → Clone
 * (the next client's transfer, like one the team already runs).
 * Imported by `npm start` and the agent e2e test.
 */
const { NODE_TYPE } = require('./n8n');
const { CREDENTIAL } = require('./fixtures');

const TOOL_TYPE = `${NODE_TYPE}Tool`;
/** The fake model's own key: it checks nothing, and no real key is needed to try the agent. */
const FAKE_MODEL_KEY = 'fake-model-key';
const OPENAI_CREDENTIAL = { id: 'SmFakeModelCred1', name: 'Fake model (loopback)', type: 'openAiApi' };
const AGENT = { id: 'SmAgentFlow00001', name: 'AI agent: set up a transfer in chat' };
const CHAT_WEBHOOK_ID = '6f0c3f1e-2b7a-4c55-9a1d-5c1f2a7e0a01';

/** The tools' node names, which n8n also sends the model as the tools' names. */
const TOOLS = {
	create: 'Create a data source connection in Supermetrics Transfers',
	listRuns: 'List transfer runs in Supermetrics Transfers',
	loginLink: 'Create a login link in Supermetrics Transfers',
	clone: 'Clone a transfer in Supermetrics Transfers',
};

/**
 * What the model is told of each input. n8n sends only these texts (the node's own field
 * descriptions do not reach the model), so they carry the formats and examples.
 */
const FROM_AI = {
	Team_ID: 'The Supermetrics team ID (team_id): a whole number of up to 19 digits, given as a string, e.g. "12345". Ask the user for it rather than guess.',
	Data_Source:
		'The data source to connect, as its Supermetrics code (data_source_id): upper-case letters, digits and _, e.g. GAWA for Google Analytics 4, AW for Google Ads, FA for Facebook Ads, LIA for LinkedIn Ads.',
	Destination_Type:
		'Where the transfer will write, as a Supermetrics destination code (destination_type): upper-case letters, digits and _, e.g. SQL_BQ for Google BigQuery, DWH_SNOWFLAKE for Snowflake, DWH_REDSHIFT for Amazon Redshift.',
	Transfer_ID: 'The transfer whose runs to list (transfer_id): a whole number, given as a string, e.g. "36091".',
	Start_Date: 'First day of runs to list, inclusive, as YYYY-MM-DD, e.g. 2024-01-01.',
	End_Date: 'Last day of runs to list, inclusive, as YYYY-MM-DD, not before Start_Date, e.g. 2024-01-31.',
	Login_Data_Source:
		'The data source the client is to log in to, as its Supermetrics code (ds_id): upper-case letters, digits and _, e.g. GAWA for Google Analytics 4, AW for Google Ads, FA for Facebook Ads.',
	Link_Description: 'An internal note on the link (not shown to the client), at most 1000 characters, e.g. "Acme Inc, Google Ads".',
	Source_Transfer_ID: 'The transfer to copy (transfer_id): a whole number, given as a string, e.g. "36091". The copy has its data source, destination, schema and schedule.',
	Clone_Name: 'The name of the copy (display_name), at most 255 characters, e.g. "Globex GA4 to BigQuery".',
};

/** The expression the editor writes for "let the model define this parameter", with a description. */
const fromAI = (key) => `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`${FROM_AI[key]}\`, 'string') }}`;
/** A picker typed by the model: a code (`code` mode) or an id (`id` mode). */
const byModel = (key, mode) => ({ __rl: true, mode, value: fromAI(key) });

function fakeModelCredential(url) {
	return { ...OPENAI_CREDENTIAL, data: { apiKey: FAKE_MODEL_KEY, url, header: false } };
}

/** A workflow node; ids differ in their last digits only. */
function node(n, name, type, typeVersion, position, parameters, extra = {}) {
	return { id: `6f0c3f1e-2b7a-4c55-9a1d-5c1f2a7e0a0${n}`, name, type, typeVersion, position, parameters, ...extra };
}

const toolCredentials = { credentials: { supermetricsTransfersApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } } };

/**
 * `publicChat` makes the chat trigger answer at /webhook/<webhookId>/chat once the workflow is
 * active; `chatCompletions` switches the model from the Responses API to Chat Completions.
 */
function agentWorkflow({ id = AGENT.id, name = AGENT.name, webhookId = CHAT_WEBHOOK_ID, publicChat = false, chatCompletions = false } = {}) {
	const trigger = node(0, 'When chat message received', '@n8n/n8n-nodes-langchain.chatTrigger', 1.5, [0, 0], { public: publicChat, options: { responseMode: 'lastNode' } }, { webhookId });
	const agent = node(2, 'AI Agent', '@n8n/n8n-nodes-langchain.agent', 3.1, [260, 0], {
		options: {
			systemMessage:
				'You set up Supermetrics data warehouse transfers for the user with the Supermetrics tools. After creating a data source connection, give the user its connection_id, and its login link (login_url) when there is one: they open it to authorize the data source. To have a client authorize a data source, create a login link and give its login_url. To set up the next client like another, clone that client\'s transfer and give the new transfer_id.',
		},
	});
	const modelParameters = { model: { __rl: true, mode: 'id', value: 'fake-model' }, ...(chatCompletions ? { responsesApiEnabled: false } : {}), options: {} };
	const model = node(3, 'OpenAI Chat Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', 1.3, [140, 240], modelParameters, {
		credentials: { openAiApi: { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name } },
	});
	const create = node(4, TOOLS.create, TOOL_TYPE, 1, [400, 240], {
		resource: 'dataSourceConnection',
		operation: 'create',
		teamId: fromAI('Team_ID'),
		dataSourceId: byModel('Data_Source', 'code'),
		destinationType: byModel('Destination_Type', 'code'),
		options: {},
	}, toolCredentials);
	const listRuns = node(5, TOOLS.listRuns, TOOL_TYPE, 1, [600, 240], {
		resource: 'transferRun',
		operation: 'list',
		teamId: fromAI('Team_ID'),
		transferId: byModel('Transfer_ID', 'id'),
		startDate: fromAI('Start_Date'),
		endDate: fromAI('End_Date'),
		limit: 50,
		options: {},
	}, toolCredentials);
	const loginLink = node(6, TOOLS.loginLink, TOOL_TYPE, 1, [800, 240], {
		resource: 'loginLink',
		operation: 'create',
		dsId: byModel('Login_Data_Source', 'code'),
		additionalFields: { description: fromAI('Link_Description') },
	}, toolCredentials);
	const clone = node(7, TOOLS.clone, TOOL_TYPE, 1, [1000, 240], {
		resource: 'transfer',
		operation: 'clone',
		teamId: fromAI('Team_ID'),
		transferId: byModel('Source_Transfer_ID', 'id'),
		displayName: fromAI('Clone_Name'),
	}, toolCredentials);
	const to = (type) => ({ [type]: [[{ node: agent.name, type, index: 0 }]] });
	return {
		id,
		name,
		active: false,
		nodes: [trigger, agent, model, create, listRuns, loginLink, clone],
		connections: {
			[trigger.name]: { main: [[{ node: agent.name, type: 'main', index: 0 }]] },
			[model.name]: to('ai_languageModel'),
			[create.name]: to('ai_tool'),
			[listRuns.name]: to('ai_tool'),
			[loginLink.name]: to('ai_tool'),
			[clone.name]: to('ai_tool'),
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

module.exports = { AGENT, CHAT_WEBHOOK_ID, FAKE_MODEL_KEY, FROM_AI, OPENAI_CREDENTIAL, TOOLS, TOOL_TYPE, agentWorkflow, fakeModelCredential };
