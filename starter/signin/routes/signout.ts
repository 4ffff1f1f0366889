/**
 * Exercise 11-sign-out: end the session, on the server.
 *
 * Signing out must do more than drop the user's id from the session: the
 * cookie the browser holds may have been copied (a shared computer, a
 * leaked log, a stolen backup). The session must end on the server, so
 * that a copy of the old cookie names nothing any more.
 *
 * Write the app `signOut` for `POST /signout` (the CSRF check ran before it):
 *   1. `sessionOf(environ).destroy()`: the store deletes the session, its
 *      values are gone, and the session starts over with a new id;
 *   2. `flash(environ, "You are signed out.")`: the new session carries the
 *      message to the next page;
 *   3. `throw seeOther(appUrl(environ, "/"))`: Post/Redirect/Get, back home.
 *
 * Check it: npm run learn -- check 11-sign-out
 * Read: lessons/11-sign-in/README.md, "Exercise: sign out".
 */
import type { App } from "../../../gateway/types.ts";
import { notDone } from "../not-done.ts";

/**
 * Signs out: the session is destroyed on the server, and the browser goes home.
 * @example route("POST", "/signout", signOut)
 */
export const signOut: App = (environ) => {
  // TODO: destroy the session, flash the message, throw the redirect home
  // (imports: sessionOf from gateway/kit/sessions/index.ts, flash from
  // ../flash.ts, appUrl and seeOther from gateway/kit/redirects.ts).
  // Then delete the line below.
  throw notDone("11-sign-out", "routes/signout.ts", environ);
};
