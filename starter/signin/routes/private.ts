/**
 * `GET /private`: a page for signed-in users only. `requireUser()` stands in
 * front of it (app.ts), so here the user is always there.
 *
 * @example
 * route("GET", "/private", requireUser()(privatePage))
 */
import { internalServerError } from "../../../gateway/kit/http-errors.ts";
import type { App } from "../../../gateway/types.ts";
import { currentUser } from "../auth.ts";
import { renderPage } from "../pages/layout.ts";
import { privateMain } from "../pages/private.ts";

/**
 * The private page of the signed-in user.
 * @example route("GET", "/private", requireUser()(privatePage))
 */
export const privatePage: App = (environ, startResponse) => {
  const user = currentUser(environ);
  // Never shown to a visitor: without requireUser() in front, this is a bug, said so.
  if (user === undefined) throw internalServerError("The private page is not protected.");
  return renderPage(environ, startResponse, { title: "Private", main: privateMain(user) });
};
