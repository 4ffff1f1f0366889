/**
 * Exercise: count visits with sessions.
 *
 * `visits` answers "Visit number N." where N counts this visitor's visits:
 * 1 the first time, 2 the next, and so on, each browser on its own. The
 * count is kept in the visitor's session, which `sessions()` (from
 * gateway/kit/sessions/index.ts) stores in a signed cookie: the visitor can
 * read it, but a changed cookie is refused and the count starts over.
 *
 * 1. In `countVisits`, read the count from the session with
 *    `sessionOf(environ).get("visits")` (undefined the first time), add one,
 *    and `set` it back.
 * 2. Wrap `countVisits` in `sessions({ keys: KEYS })`, and export that as `visits`.
 *
 * Check it: npm run learn -- check 09-count-visits
 * Read: lessons/09-reuse/README.md, "Exercise: count visits".
 */
import { html, htmlResponse } from "../../gateway/html.ts";
import type { App } from "../../gateway/types.ts";

/** The keys that sign the cookie. A real app reads them from the environment, never from its code. */
export const KEYS = ["exercise 09-count-visits: a key of 32 bytes or more"];

const countVisits: App = (_environ, startResponse) => {
  // (The _ in _environ marks it unused for now: drop it when you use it.)
  // TODO: read the count from sessionOf(environ), add one, and set it back
  // (import sessionOf and sessions from "../../gateway/kit/sessions/index.ts").
  const count = 1;
  return htmlResponse(startResponse, "200 OK", html`<p>Visit number ${count}.</p>`);
};

// TODO: wrap countVisits in sessions({ keys: KEYS }).
export const visits: App = countVisits;
