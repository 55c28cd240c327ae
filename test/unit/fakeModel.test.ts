import axios from 'axios';

import { demoScript } from '../fake-model/scripts';
import { createFakeModel } from '../fake-model/server';
import type { FakeModel } from '../fake-model/server';

/**
 * The fake model of `npm start` and the agent e2e test, over real HTTP on loopback: what it reads
 * from a request in either OpenAI API, what it answers, what it refuses. The e2e test shows a
 * real n8n talking to it.
 */
const CREATE = {
	type: 'function',
	name: 'Create_a_data_source_connection_in_Supermetrics_Transfers',
	description: 'Create a data source connection in Supermetrics Transfers',
	parameters: { type: 'object', properties: { Team_ID: { type: 'string' } } },
};
const LIST_RUNS = { ...CREATE, name: 'List_transfer_runs_in_Supermetrics_Transfers', description: 'List transfer runs in Supermetrics Transfers' };
const user = (text: string) => ({ type: 'message', role: 'user', content: text });

describe('the fake model', () => {
	let model: FakeModel;
	beforeAll(async () => {
		model = await createFakeModel({ script: demoScript({ now: () => new Date('2024-02-10T12:00:00Z') }) }).start();
	});
	afterAll(() => model.close());
	beforeEach(() => {
		model.requests.length = 0;
	});

	const responses = (input: object[], extra: object = {}) =>
		axios.post(`${model.url}/responses`, { model: 'fake-model', input, tools: [CREATE, LIST_RUNS], stream: false, ...extra }, { validateStatus: () => true });

	test('the issue\'s sentence: one call to the create tool with the codes for GA4 and BigQuery', async () => {
		const { status, data } = await responses([user('create the connection for team 12345 from GA4 to BigQuery, then tell me the login link')]);
		expect(status).toBe(200);
		expect(data.output).toEqual([
			expect.objectContaining({
				type: 'function_call',
				name: CREATE.name,
				arguments: JSON.stringify({ Team_ID: '12345', Data_Source: 'GAWA', Destination_Type: 'SQL_BQ' }),
				call_id: expect.stringMatching(/^call_/),
			}),
		]);
		expect(model.requests[0].conversation?.tools).toEqual([
			{ name: CREATE.name, description: CREATE.description, parameters: CREATE.parameters },
			{ name: LIST_RUNS.name, description: LIST_RUNS.description, parameters: LIST_RUNS.parameters },
		]);
	});

	test('codes typed after "from … to" go as typed, so the node\'s check is what answers a lower-case one', async () => {
		const { data } = await responses([user('connect team 7 from gawa to DWH_SNOWFLAKE')]);
		expect(JSON.parse(data.output[0].arguments)).toEqual({ Team_ID: '7', Data_Source: 'gawa', Destination_Type: 'DWH_SNOWFLAKE' });
	});

	test('the result or the error the tool gave, worded for the chat', async () => {
		const call = { type: 'function_call', call_id: 'call_1', name: CREATE.name, arguments: '{"Team_ID":"12345","Data_Source":"GAWA","Destination_Type":"SQL_BQ"}' };
		const item = { connection_id: 'C1', login_url: 'https://hub.example/login', connect_url: null, team_id: '12345', data_source_id: 'GAWA', destination_type: 'SQL_BQ' };
		const done = await responses([user('connect team 12345 from GA4 to BigQuery'), call, { type: 'function_call_output', call_id: 'call_1', output: JSON.stringify([item]) }]);
		expect(done.data.output[0].content[0].text).toBe(
			'Done: data source connection C1 for team 12345 (GAWA to SQL_BQ).\nOpen this link to log in to the data source and authorize the connection: https://hub.example/login',
		);
		const failed = await responses([user('connect team 12345 from GA4 to BigQuery'), call, { type: 'function_call_output', call_id: 'call_1', output: '[{"error":"Unknown data_source_id \'X\'. (UNPROCESSABLE_ENTITY)"}]' }]);
		expect(failed.data.output[0].content[0].text).toMatch(/answered with an error.*\nUnknown data_source_id 'X'\. \(UNPROCESSABLE_ENTITY\)$/s);
	});

	test('runs: the list tool with the days typed, or the last 30 days', async () => {
		const typed = await responses([user('list the runs of transfer 36091 for team 12345 from 2024-01-01 to 2024-01-31')]);
		expect(JSON.parse(typed.data.output[0].arguments)).toEqual({ Team_ID: '12345', Transfer_ID: '36091', Start_Date: '2024-01-01', End_Date: '2024-01-31' });
		const untyped = await responses([user('runs of transfer 36091, team 12345?')]);
		expect(JSON.parse(untyped.data.output[0].arguments)).toMatchObject({ Start_Date: '2024-01-12', End_Date: '2024-02-10' });
	});

	test('clone: the clone tool with the team, the transfer and the copy\'s name; the new transfer worded', async () => {
		const CLONE = { ...CREATE, name: 'Clone_a_transfer_in_Supermetrics_Transfers', description: 'Clone a transfer in Supermetrics Transfers' };
		const asked = await responses([user('clone transfer 36091 for team 12345 as Globex GA4 to BigQuery')], { tools: [CREATE, LIST_RUNS, CLONE] });
		expect(asked.data.output[0]).toMatchObject({ name: CLONE.name, arguments: JSON.stringify({ Team_ID: '12345', Source_Transfer_ID: '36091', Clone_Name: 'Globex GA4 to BigQuery' }) });
		const call = { type: 'function_call', call_id: 'call_2', name: CLONE.name, arguments: asked.data.output[0].arguments };
		const item = { source_transfer_id: '36091', transfer_id: '36092', transfer_name: 'Globex GA4 to BigQuery' };
		const done = await responses([user('clone transfer 36091'), call, { type: 'function_call_output', call_id: 'call_2', output: JSON.stringify([item]) }], { tools: [CREATE, LIST_RUNS, CLONE] });
		expect(done.data.output[0].content[0].text).toBe('Done: transfer 36092 "Globex GA4 to BigQuery", a copy of transfer 36091 with its data source, destination, schema and schedule.');
	});

	test('a message it cannot read gets its help text, and what is missing', async () => {
		const { data } = await responses([user('create a connection from GA4 to BigQuery')]);
		expect(data.output[0].content[0].text).toMatch(/^To create a connection I still need a team id \("team 12345"\)\.\n\nI am the fake model/);
	});

	test('Chat Completions: the same call, in that API\'s shape', async () => {
		const { status, data } = await axios.post(`${model.url}/chat/completions`, {
			model: 'fake-model',
			messages: [{ role: 'user', content: 'create the connection for team 12345 from GA4 to BigQuery' }],
			tools: [CREATE, LIST_RUNS].map(({ name, description, parameters }) => ({ type: 'function', function: { name, description, parameters } })),
		});
		expect(status).toBe(200);
		expect(data.choices[0].finish_reason).toBe('tool_calls');
		expect(data.choices[0].message.tool_calls[0].function).toEqual({ name: CREATE.name, arguments: JSON.stringify({ Team_ID: '12345', Data_Source: 'GAWA', Destination_Type: 'SQL_BQ' }) });
	});

	test('refused: a streamed request, a call to a tool not offered, an unknown path; the model list answers', async () => {
		expect((await responses([user('hi')], { stream: true })).status).toBe(400);
		const noTools = await responses([user('create the connection for team 12345 from GA4 to BigQuery')], { tools: [LIST_RUNS] });
		expect(noTools.status).toBe(200);
		expect(noTools.data.output[0].type).toBe('message');
		model.script = () => ({ call: { name: 'Nope', arguments: {} } });
		const unknown = await responses([user('x')]);
		expect(unknown.status).toBe(400);
		expect(unknown.data.error.message).toMatch(/"Nope", which is not among the tools offered/);
		expect((await axios.get(`${model.url}/nowhere`, { validateStatus: () => true })).status).toBe(404);
		expect((await axios.get(`${model.url}/models`)).data.data.map((m: { id: string }) => m.id)).toEqual(['fake-model']);
	});
});
