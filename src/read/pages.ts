// Page sizes: 20 by default, 100 at most. Asking for more is an error (src/schema/pagination.ts),
// not a silent clamp, so a client never mistakes a short page for the end of the list.
export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;
/** An event's participants listed when a client does not say how many. */
export const PARTICIPANTS = 50;
