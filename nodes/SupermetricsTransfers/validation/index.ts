/**
 * Input rules, in one place: the fields they name (names.ts), the checks (checks.ts) and the logins
 * API's own (logins.ts). Operations import from here.
 */
export * from './names';
export * from './checks';
export * from './logins';
