import type { IDisplayOptions } from 'n8n-workflow';

import { teamIdParam } from '../params';
import type { OperationModule } from '../types';
import { dtsObject } from '../transport';
import { WAIT_UNTIL_FINISHED } from '../validation';
import { addWait, waitTimeout } from '../wait';
import type { WaitFor } from '../wait';

/** Statuses after which a backfill changes no more (FAILED may still be cancelled, but has ended). */
const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** Wait Until Finished: Backfill Get until the backfill is COMPLETED (succeeded), FAILED or CANCELLED. */
const untilFinished: WaitFor = {
	toggle: {
		...WAIT_UNTIL_FINISHED,
		description:
			'Whether to wait until the backfill is COMPLETED, FAILED or CANCELLED and output it then, with succeeded. The item holds an n8n execution slot while it waits; for waits over an hour use the Supermetrics Transfers Trigger (Backfill Finished).',
	},
	pollDescription: 'Seconds between two Backfill Get calls while waiting (at least 1)',
	maxWaitDescription:
		'Minutes to wait at most (above 0, at most 60; decimals allowed, e.g. 0.5). Past it the item fails with WAIT_TIMEOUT and the backfill goes on.',
	// A create answered without the backfill's id cannot be waited for: its notice says so.
	idOf: (backfill) => (typeof backfill.transfer_backfill_id === 'string' ? backfill.transfer_backfill_id : undefined),
	outcome: (backfill) => (FINISHED.includes(String(backfill.status)) ? backfill.status === 'COMPLETED' : undefined),
	async get(itemIndex, settings, id) {
		const teamId = teamIdParam.call(this, itemIndex);
		return await dtsObject.call(this, { method: 'GET', path: `/teams/${teamId}/backfills/${id}` }, settings, itemIndex);
	},
	timeout(itemIndex, id, backfill, wait) {
		return waitTimeout(this, itemIndex, {
			message: `Backfill ${id} did not finish within ${wait.maxWaitMinutes} minutes (last status ${String(backfill.status)})`,
			description:
				`The backfill goes on in Supermetrics: nothing was cancelled.${wait.slowed} Check it later with Backfill → Get, or start a workflow when it finishes with the Supermetrics Transfers Trigger (Backfill Finished), the better tool for waits over an hour.`,
			// Under Continue On Fail these come out on the error item too.
			facts: { transfer_backfill_id: id, status: backfill.status as string },
		});
	},
};

/** A backfill operation (Create, Get) with Wait Until Finished added after its own fields. */
export function withWait(operation: OperationModule, name: 'create' | 'get'): OperationModule {
	const show: IDisplayOptions = { show: { resource: ['backfill'], operation: [name] } };
	return addWait(operation, show, untilFinished);
}
