/**
 * Flash messages: a line of news for the visitor's next page ("You are
 * signed out."), kept in the session until it is shown once.
 *
 * After a form is handled, the app answers with a redirect (Post/Redirect/Get),
 * so the page that says what happened is another request. The message waits
 * in the session in between, and is taken out when a page shows it.
 *
 * @example
 * flash(environ, "You are signed out.");
 * throw seeOther(appUrl(environ, "/"));
 * // the next page: takeFlashes(environ) gives ["You are signed out."], then []
 */
import { sessionOf } from "../../gateway/kit/sessions/index.ts";
import type { Environ } from "../../gateway/types.ts";

const FLASH = "flash";

/**
 * Keeps a message for the next page this visitor sees.
 * @example flash(environ, "Welcome back, ada.");
 */
export function flash(environ: Environ, message: string): void {
  const session = sessionOf(environ);
  session.set(FLASH, [...waiting(environ), message]);
}

/**
 * The messages waiting, oldest first; they are gone from the session afterwards.
 * @example for (const message of takeFlashes(environ)) ...
 */
export function takeFlashes(environ: Environ): string[] {
  const messages = waiting(environ);
  // Only a session that held messages changes: a plain page view saves nothing.
  if (messages.length > 0) sessionOf(environ).delete(FLASH);
  return messages;
}

function waiting(environ: Environ): string[] {
  const value = sessionOf(environ).get(FLASH);
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}
