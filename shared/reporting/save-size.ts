// How large a request the server takes, said once for the server and the add-in.

/** A request from someone not signed in: sign-in, and anything hostile, stays small. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * A signed-in request, so a save: the first save of a large appendix carries every cell the
 * agency filled (Phụ lục 03 with 2,000 tasks and ~140 characters in each of three answer columns
 * is about 1.5 MB, and a long-text cell may hold 30,000 characters). Later saves carry only what
 * changed (save-delta.ts). Only a valid token opens this limit.
 */
export const MAX_SIGNED_IN_REQUEST_BYTES = 8 * 1024 * 1024;
