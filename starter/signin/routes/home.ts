/**
 * `GET /`: the home page, for a visitor or a signed-in user.
 *
 * @example
 * route("GET", "/", home)
 */
import type { App } from "../../../gateway/types.ts";
import { currentUser } from "../auth.ts";
import { homeMain } from "../pages/home.ts";
import { renderPage } from "../pages/layout.ts";

/**
 * The home page.
 * @example route("GET", "/", home)
 */
export const home: App = (environ, startResponse) =>
  renderPage(environ, startResponse, {
    title: "Home",
    main: homeMain(environ, currentUser(environ)),
  });
