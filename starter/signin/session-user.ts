/**
 * Exercise 11-session-user: remember who signed in, in a fresh session.
 *
 * HTTP forgets everything between requests; the session (the kit's
 * `sessions()` middleware, with `sessionOf(environ)`) is how the app
 * remembers that this browser belongs to user 7. `currentUserId` (written
 * for you) reads the user's id from the session under `USER_ID`.
 *
 * Write `signIn(environ, userId)`, called once the password checked out:
 *   1. forget everything the visitor's session held before signing in
 *      (`session.clear()`): whatever a stranger could have put there, the
 *      CSRF token of the sign-in form included, is gone;
 *   2. give the session a new id (`session.regenerate()`): an id someone
 *      planted in the visitor's browser before sign-in (session fixation)
 *      is then worth nothing, and the store forgets it;
 *   3. store the user's id under `USER_ID`.
 *
 * Check it: npm run learn -- check 11-session-user
 * Read: lessons/11-sign-in/README.md, "Exercise: keep the user in the session".
 */
import { sessionOf } from "../../gateway/kit/sessions/index.ts";
import type { Environ } from "../../gateway/types.ts";
import { notDone } from "./not-done.ts";

/** The session key that holds the signed-in user's id. */
export const USER_ID = "userId";

/**
 * The id of the user signed in with this session, if any.
 * @example const id = currentUserId(environ); // 7, or undefined for a visitor
 */
export function currentUserId(environ: Environ): number | undefined {
  const id = sessionOf(environ).get(USER_ID);
  return typeof id === "number" ? id : undefined;
}

/**
 * Signs the user in: a fresh session, with a new id, holding the user's id.
 * @example signIn(environ, user.id); throw seeOther(appUrl(environ, "/"));
 */
export function signIn(environ: Environ, userId: number): void {
  // TODO: take the session (sessionOf), clear it, give it a new id, and
  // set USER_ID to userId, in that order. Then delete the line below.
  throw notDone("11-session-user", "session-user.ts", environ, userId);
}
