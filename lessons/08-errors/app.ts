/**
 * Lesson 08's demo: the failing apps behind each error handler, one path
 * each, and an index page at "/" that links them.
 *
 * A few lines of path matching are enough here; lesson 09's URL map does it properly.
 */
import { html, htmlResponse } from "../../gateway/html.ts";
import { stack } from "../../gateway/trace/stack.ts";
import type { App } from "../../gateway/types.ts";
import { failsEarly, failsLate } from "./failing.ts";
import { catchErrors } from "./right-way.ts";
import { callOnly } from "./wrong-call-only.ts";
import { ignoreErrors } from "./wrong-ignored.ts";
import { secondStatus } from "./wrong-second-status.ts";

// #region routes
const routes: Record<string, [App, string]> = {
  "/call-only": [stack(failsEarly, callOnly), "wrong: a try/catch around the call only"],
  "/ignored": [stack(failsLate, ignoreErrors), "wrong: errors during iteration ignored"],
  "/second-status": [stack(failsLate, secondStatus), "wrong: a second status after the headers"],
  "/right/early": [stack(failsEarly, catchErrors), "right: an error before the headers"],
  "/right/late": [stack(failsLate, catchErrors), "right: an error after the headers"],
};
// #endregion routes

const index: App = (environ, startResponse) => {
  const status = environ.PATH_INFO === "/" ? "200 OK" : "404 Not Found";
  const links = Object.entries(routes).map(
    ([path, [, label]]) =>
      html`<li><a href="${environ.SCRIPT_NAME}${path}">${path}</a>: ${label}</li>`,
  );
  const page = html`<!doctype html>
<title>Lesson 08: errors</title>
<h1>Lesson 08: errors</h1>
<p>Open each with <code>curl -v</code> to see the bytes, and watch the server's terminal.</p>
<ul>${links}</ul>
`;
  return htmlResponse(startResponse, status, page);
};

export const app: App = (environ, startResponse) =>
  (routes[environ.PATH_INFO]?.[0] ?? index)(environ, startResponse);
