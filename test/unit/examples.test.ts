/** The README's example workflow is importable and uses the trigger's real parameters and output. */
import type { INodeProperties } from 'n8n-workflow';

import { loadFile, n8nNodeTypes } from './repo';
import { SupermetricsTransfersTrigger } from '../engine/harness';

/** An exported workflow, as far as this test reads it. */
interface Workflow {
	nodes: Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: unknown }>;
	connections: Record<string, { main: unknown[][] }>;
}

const example = loadFile('docs/examples/slack-when-a-run-fails.json') as Workflow;
const baseNodes = n8nNodeTypes();

test('Slack when a run fails: the trigger with Only Failures on every transfer, then a Slack post', () => {
	const [trigger, slack] = example.nodes;
	expect(trigger.type).toBe('n8n-nodes-supermetrics-transfers.supermetricsTransfersTrigger');
	// Every field n8n shows (and so saves) for the example's event, and none other.
	const shown = (p: INodeProperties) => p.displayOptions?.show?.event?.includes(trigger.parameters.event as string) ?? true;
	const fields = new SupermetricsTransfersTrigger().description.properties.filter(shown).map((p: { name: string }) => p.name);
	expect(fields).toEqual(['event', 'teamId', 'transferId', 'onlyFailures']);
	expect(Object.keys(trigger.parameters).filter((name) => name !== 'pollTimes').sort()).toEqual([...fields].sort());
	expect(trigger.parameters).toMatchObject({ event: 'transferRunFinished', onlyFailures: true, transferId: { value: '' } });
	expect(example.connections[trigger.name].main[0]).toEqual([{ node: slack.name, type: 'main', index: 0 }]);

	expect(slack.type).toBe('n8n-nodes-base.slack');
	const slackType = baseNodes.find((type) => type.name === 'slack' && ([] as number[]).concat(type.version).includes(slack.typeVersion));
	expect(slackType).toBeDefined();
	const slackFields = new Set(slackType?.properties.map((p) => p.name));
	expect(Object.keys(slack.parameters).filter((name) => !slackFields.has(name))).toEqual([]);
	// Every field the message uses is one the trigger puts on a run item.
	const used = [...String(slack.parameters.text).matchAll(/\$json\.(\w+)/g)].map((match) => match[1]);
	const runItem = ['id', 'status', 'created_time', 'ended_time', 'type', 'total_duration', 'total_rows', 'data_date', 'message', 'team_id', 'transfer_id', 'succeeded'];
	expect(used.length).toBeGreaterThan(3);
	expect(used.filter((field) => !runItem.includes(field))).toEqual([]);
	// No credential ids from another instance: n8n asks for them on import.
	expect(example.nodes.every((node: { credentials?: unknown }) => node.credentials === undefined)).toBe(true);
});
