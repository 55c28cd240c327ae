/**
 * Every bound of a poll, in one place; the README states them. A poll sends at most
 * 1 (transfer list, every transfer only) + 1 (incomplete backfills) + MAX_BACKFILL_GETS +
 * MAX_TRANSFERS_PER_POLL × (ranges of that transfer) × MAX_PAGES requests, CONCURRENCY at a time.
 */

const HOUR_MS = 3600 * 1000;

/** Recurring runs are looked for by data date from this many days before the API's today… */
export const RECENT_DAYS_BACK = 7;
/** …to this many days after it (a run may be dated by another time zone's day). */
export const RECENT_DAYS_AHEAD = 1;

/**
 * How long after its ended_time a run (or backfill) may first show as finished and still be
 * reported: the cutoff trails the start of the last complete pass over the transfers by this much.
 */
export const MARGIN_MS = HOUR_MS;

/** Transfers read per poll; a team with more is read in turns, this many a poll. */
export const MAX_TRANSFERS_PER_POLL = 20;
/** Requests in flight at once within a poll. */
export const CONCURRENCY = 4;
/** Runs per page of Transfer Run List (the API allows 10000), and pages per date range. */
export const PAGE_SIZE = 1000;
export const MAX_PAGES = 5;

/** Backfill Get calls per poll, for watched backfills that left the incomplete list. */
export const MAX_BACKFILL_GETS = 10;
/** Backfills watched at once (the incomplete list holds at most 100). */
export const MAX_WATCHED_BACKFILLS = 100;
/** A finished backfill's date range is read until its runs are done, but not past this. */
export const FINISHED_BACKFILL_READ_MS = 24 * HOUR_MS;

/** Ids kept to report each exactly once; past this the oldest go and the cutoff moves up to them. */
export const MAX_REPORTED_IDS = 5000;
