/**
 * Every bound of a poll, in one place; docs/trigger.md states them. A poll sends at most
 * 1 (transfer list, every transfer only) + 1 (incomplete backfills) + MAX_BACKFILL_GETS +
 * MAX_TRANSFERS_PER_POLL × (ranges of that transfer) × MAX_PAGES requests, CONCURRENCY at a time,
 * and fewer when its time (POLL_BUDGET_MS) or the key's hourly limit (the reserve, transport/quota.ts)
 * runs short: then it stops, emits what it found, and the next poll carries on from there.
 * Login Link Used and Login Expiring send one request a poll (the logins API's list, unpaged).
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

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

/**
 * The longest a poll runs, from its start to its last answer. n8n 2.41 tells a poll its budget
 * (`getPollBudgetMs()`: about 36 s under the durable scheduler, 5 minutes otherwise) and the poll
 * keeps to the smaller of that and this; an n8n without `getPollBudgetMs` gets this alone. Under
 * a minute, the shortest poll interval: n8n's regular scheduler starts each poll on time whether
 * the last one has finished or not, and two polls of one trigger at once could both report a run.
 */
export const POLL_BUDGET_MS = 40 * SECOND_MS;
/**
 * No request is started with less than this left of the budget. Every request's own timeout (the
 * transport's 30 s) is cut to the time left, so what is in flight ends by the deadline too.
 */
export const REQUEST_MIN_MS = SECOND_MS;

/**
 * How long the trigger sends nothing after a poll stopped at the reserve or met a 429 (which it
 * never waits out within a poll): the API does not say when its hour starts again, so a poll
 * after this looks again, with one request, where every poll would otherwise spend one.
 */
export const RATE_LIMIT_DEFER_MS = 5 * MINUTE_MS;

/**
 * Login Link Used and Login Expiring read one list a poll (GET /ds/login/links, GET /ds/logins):
 * the spec's maxItems, and the most entries of an answer the trigger looks at.
 */
export const MAX_LISTED_LOGINS = 1000;
/**
 * Reported link uses, expiries and revocations kept, each until the cutoff passes its time (an
 * expiry may be a year ahead). Past this, those of links and logins no longer listed that way go
 * first, oldest time first; the listed ones (at most MAX_LISTED_LOGINS, one event each) always
 * fit, so the cutoff never has to move up for this bound.
 */
export const MAX_LOGIN_EVENTS_KEPT = 3000;
/** Login Expiring's "within N days": bounds and default (Meta's logins last 60 days). */
export const MIN_DAYS_BEFORE_EXPIRY = 1;
export const MAX_DAYS_BEFORE_EXPIRY = 365;
export const DEFAULT_DAYS_BEFORE_EXPIRY = 7;
