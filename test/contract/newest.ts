/**
 * Which rows of operations.ts run against which reference, and which operations of the newest
 * reference the node does not offer yet.
 *
 * Every row runs against the newest reference's mock (newest.*.test.ts): it has every operation
 * the node offers. The older references' suites run the rows of operations those references have
 * (OLDER_ROWS): a row of an operation only the newest reference has (its table groups, say) is held
 * to the newest reference alone. Adding an operation is still one row in operations.ts.
 */
import { OPERATIONS } from './operations';
import type { OperationRow } from './operations';
import { specOperationList } from './prism';

/**
 * The newest reference's operations (of the node's four tags) that the node does not offer: the
 * table test lets them be called by no row. None since 0.2.0 (the seven that reference added:
 * Transfer Clone and Create Many, Destination Rotate Secrets, the four Table Group operations).
 */
export const NOT_YET_OFFERED: string[] = [];

/** The operations (operationId) of the older references. */
export const OLDER_OPERATIONS = new Set([...specOperationList('dts'), ...specOperationList('logins')].map((operation) => operation.operationId));

/** The rows whose every call the older references (SDK 0.5.1's DTS and logins extracts) have. */
export const OLDER_ROWS: OperationRow[] = OPERATIONS.filter((row) => row.calls.every((call) => OLDER_OPERATIONS.has(call)));

/** A row's output against the newest static mock: its own for the newest examples, if it has one. */
export const newestOutput = (row: OperationRow): unknown[] => row.newestOutput ?? row.output;
