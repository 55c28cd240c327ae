'use strict';
/**
 * What the fake model answers. `callOnce` is for tests: one scripted tool call, then a message
 * built from the tool's result. `demoScript` is for `npm start`: it reads a typed chat message
 * with a few patterns (no language model), calls the matching Supermetrics tool, and words the
 * result; it says so when it cannot read a message.
 */

/**
 * The error n8n handed the model for a failed tool call: `[{"error": "<message>"}]` (or an error
 * item of Continue On Fail); undefined for a result.
 */
function toolError(call) {
	const [item] = Array.isArray(call.result) && call.result.length === 1 ? call.result : [call.result];
	return item !== null && typeof item === 'object' && typeof item.error === 'string' ? item.error : undefined;
}

/** Calls the tool `name` with `args`; once it has answered, says what it answered. */
function callOnce(name, args, reply = (turn) => `The tool answered: ${turn.calls[turn.calls.length - 1].output}`) {
	return (conversation, turn) => (turn.calls.length === 0 ? { call: { name, arguments: args } } : { text: reply(turn) });
}

const SOURCES = [
	[/\bga\s?4\b|google analytics 4/i, 'GAWA'],
	[/google ads|adwords/i, 'AW'],
	[/facebook ads|meta ads/i, 'FA'],
	[/linkedin ads/i, 'LIA'],
	[/tiktok/i, 'TIK'],
	[/search console/i, 'GW'],
	[/microsoft advertising|bing ads/i, 'AC'],
	[/hubspot/i, 'HS'],
	[/salesforce/i, 'SF'],
	[/shopify/i, 'SHP'],
];
const DESTINATIONS = [
	[/big\s?query/i, 'SQL_BQ'],
	[/snowflake/i, 'DWH_SNOWFLAKE'],
	[/redshift/i, 'DWH_REDSHIFT'],
	[/databricks/i, 'DWH_DATABRICKS'],
	[/azure/i, 'DWH_AZURE_SQL'],
	[/\bs3\b/i, 'DWH_S3'],
];

const HELP = [
	"I am the fake model of this package's demo, not a language model: I read a message with a few patterns and call a Supermetrics tool. I understand, for example:",
	'- "create the connection for team 12345 from GA4 to BigQuery, then tell me the login link" (names such as GA4, Google Ads, Facebook Ads, BigQuery, Snowflake, or codes such as GAWA and SQL_BQ, passed on as typed)',
	'- "list the runs of transfer 36091 for team 12345 from 2024-01-01 to 2024-01-31"',
	'- "clone transfer 36091 for team 12345 as Globex GA4 to BigQuery"',
	'Point the OpenAI credential at a real model to chat freely.',
].join('\n');

const pick = (table, text) => table.find(([pattern]) => pattern.test(text))?.[1];

/** "from X to Y" with codes as typed, else known names anywhere in the message. */
function connectionArguments(text) {
	const team = /\bteam\s*(?:id\s*)?#?\s*(\d+)/i.exec(text)?.[1];
	const typed = /\bfrom\s+([A-Za-z0-9_]+)\s+(?:in)?to\s+([A-Za-z0-9_]+)/i.exec(text);
	const isCode = (word) => /^[A-Za-z0-9]+_[A-Za-z0-9_]+$|^[A-Z0-9]{2,}$/.test(word) || /^[a-z]{2,5}$/.test(word);
	const source = pick(SOURCES, text) ?? (typed && isCode(typed[1]) ? typed[1] : undefined);
	const destination = pick(DESTINATIONS, text) ?? (typed && isCode(typed[2]) ? typed[2] : undefined);
	return { team, source, destination };
}

function runsArguments(text, today) {
	const team = /\bteam\s*(?:id\s*)?#?\s*(\d+)/i.exec(text)?.[1];
	const transfer = /\btransfer\s*(?:id\s*)?#?\s*(\d+)/i.exec(text)?.[1];
	const dates = text.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
	const end = dates[1] ?? dates[0] ?? today.toISOString().slice(0, 10);
	const start = dates[0] ?? new Date(today.getTime() - 29 * 86400000).toISOString().slice(0, 10);
	return { team, transfer, start, end };
}

function wordConnection(call) {
	const [item] = call.result;
	const { connection_id, login_url, team_id, data_source_id, destination_type } = item;
	return [
		`Done: data source connection ${connection_id} for team ${team_id} (${data_source_id} to ${destination_type}).`,
		login_url
			? `Open this link to log in to the data source and authorize the connection: ${login_url}`
			: 'The API gave no login link (login_url is null; the DTS API v1 always answers null there), so authorize the data source in Supermetrics Hub.',
	].join('\n');
}

function wordClone(call) {
	const [item] = call.result;
	return `Done: transfer ${item.transfer_id} "${item.transfer_name}", a copy of transfer ${item.source_transfer_id} with its data source, destination, schema and schedule.`;
}

function wordRuns(call) {
	const runs = call.result;
	const { Transfer_ID: transfer, Start_Date: start, End_Date: end } = call.arguments;
	if (runs.length === 0) return `Transfer ${transfer} has no runs from ${start} to ${end}.`;
	const lines = runs.map((run) => `- ${run.data_date}: ${run.status}${run.total_rows === null ? '' : `, ${run.total_rows} rows`}${run.message ? ` (${run.message})` : ''}`);
	return [`Transfer ${transfer} has ${runs.length} run${runs.length === 1 ? '' : 's'} from ${start} to ${end}:`, ...lines].join('\n');
}

/**
 * The scripted model of `npm start`. Tools are found by name among those offered, so the tool
 * nodes can be renamed as long as one name speaks of a connection and one of runs.
 */
function demoScript({ now = () => new Date() } = {}) {
	return (conversation, turn) => {
		const create = conversation.tools.find((t) => /connection/i.test(t.name ?? ''));
		const list = conversation.tools.find((t) => /run/i.test(t.name ?? ''));
		const clone = conversation.tools.find((t) => /clone/i.test(t.name ?? ''));
		const [call] = turn.calls;
		if (call) {
			const error = toolError(call);
			if (error !== undefined) {
				return { text: `The tool ${call.name} answered with an error, which I pass on as it came (a real model would fix its call and try again):\n${error}` };
			}
			if (call.name === clone?.name) return { text: wordClone(call) };
			return { text: call.name === create?.name ? wordConnection(call) : wordRuns(call) };
		}
		const text = turn.user;
		if (/\bclone\b|\bcopy\b/i.test(text) && clone) {
			const team = /\bteam\s*(?:id\s*)?#?\s*(\d+)/i.exec(text)?.[1];
			const transfer = /\btransfer\s*(?:id\s*)?#?\s*(\d+)/i.exec(text)?.[1];
			const name = /\bas\s+["“]?(.+?)["”]?\s*$/i.exec(text)?.[1];
			if (team && transfer && name) return { call: { name: clone.name, arguments: { Team_ID: team, Source_Transfer_ID: transfer, Clone_Name: name } } };
			return { text: `To clone a transfer I need a team id, the transfer's id and the copy's name ("team 12345", "transfer 36091", "as Globex GA4").\n\n${HELP}` };
		}
		if (/\bruns?\b/i.test(text) && list) {
			const { team, transfer, start, end } = runsArguments(text, now());
			if (team && transfer) return { call: { name: list.name, arguments: { Team_ID: team, Transfer_ID: transfer, Start_Date: start, End_Date: end } } };
			return { text: `To list runs I need a team id and a transfer id ("team 12345", "transfer 36091").\n\n${HELP}` };
		}
		if (/connect/i.test(text) && create) {
			const { team, source, destination } = connectionArguments(text);
			if (team && source && destination) {
				return { call: { name: create.name, arguments: { Team_ID: team, Data_Source: source, Destination_Type: destination } } };
			}
			const missing = [!team && 'a team id ("team 12345")', !source && 'a data source ("GA4", or a code)', !destination && 'a destination ("BigQuery", or a code)'].filter(Boolean);
			return { text: `To create a connection I still need ${missing.join(', ')}.\n\n${HELP}` };
		}
		return { text: HELP };
	};
}

module.exports = { callOnce, demoScript, toolError, HELP };
