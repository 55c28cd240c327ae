/**
 * The templates in docs/templates/ as `npm start` and the e2e suite import them: each its own
 * id (n8n imports a second workflow with an id over the first), and the credentials n8n shows
 * attached. The e2e suite runs each in a real n8n.
 */
import { templateWorkflows, withSandboxCredential } from '../../scripts/templates';

const templates = templateWorkflows();

test('six templates, each with an id of its own, 16 characters like n8n\'s', () => {
	expect(templates.map(({ file }) => file).sort()).toEqual([
		'alert-on-failed-runs-and-backfills',
		'backfill-history-safely',
		'onboard-a-client',
		'onboard-a-client-like-another',
		'one-table-layout-for-every-client',
		'weekly-health-report',
	]);
	const ids = templates.map(({ workflow }) => workflow.id);
	expect(new Set(ids).size).toBe(ids.length);
	for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{16}$/);
});

test('npm start attaches the Destination Secrets credential only where a node shows it', () => {
	const attached = templates.flatMap(({ file, workflow }) =>
		withSandboxCredential(workflow)
			.nodes.filter((node: { credentials?: Record<string, unknown> }) => node.credentials?.supermetricsTransfersSecretsApi)
			.map((node: { name: string }) => `${file}: ${node.name}`),
	);
	expect(attached).toEqual(['onboard-a-client: Create the destination']);
});
