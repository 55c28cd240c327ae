import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { SECRETS } from '../destination/secrets';

/**
 * The Destination Secrets credential's test. Supermetrics can only check secrets together with a
 * destination's other settings (Destination → Test Connection), so this checks what can be checked
 * here, without sending anything: that something is filled in, and that a private key is a PEM.
 */
export async function destinationSecretsTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const filled = [...SECRETS.map(([name]) => name), 'newSecret'].filter(
		(name) => typeof data[name] === 'string' && data[name] !== '',
	);
	if (filled.length === 0) return { status: 'Error', message: 'Fill in at least one secret.' };
	const key = String(data.privateKey ?? '');
	if (key !== '' && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) {
		return { status: 'Error', message: 'The private key is not a PEM private key (-----BEGIN … PRIVATE KEY-----).' };
	}
	if (data.passphrase && !key) {
		return { status: 'Error', message: 'A passphrase needs the private key it opens.' };
	}
	return {
		status: 'OK',
		message: 'Filled in. Use Destination → Test Connection to check them against the warehouse.',
	};
}
