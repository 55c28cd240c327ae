import { createSandbox } from '../sandbox/server';
import { runNode } from './harness';

test('smoke', async () => {
	const sandbox = await createSandbox().start();
	try {
		const result = await runNode({
			parameters: { resource: 'dataSourceConnection', operation: 'create', teamId: '12345', dataSourceId: 'GAWA', destinationType: 'SQL_BQ' },
			credentials: { apiKey: 'sandbox-demo-key', baseUrl: sandbox.url },
		});
		expect(result.output).toHaveLength(1);
	} finally {
		await sandbox.close();
	}
});
