/**
 * Lesson 09's small app: a few notes, and a visit counter kept in the session.
 *
 * It uses the kit from the inside: the router picks the page, a missing
 * note is a thrown `notFound()`, and the counter lives in `sessionOf(environ)`.
 * Links start with `SCRIPT_NAME`, so the app works wherever it is mounted.
 */
import { html, htmlResponse } from "../../gateway/html.ts";
import { notFound } from "../../gateway/kit/http-errors.ts";
import { route, routeParams, router } from "../../gateway/kit/router.ts";
import { sessionOf } from "../../gateway/kit/sessions/index.ts";
import type { App } from "../../gateway/types.ts";

export const NOTES = [
  "An app is a function of (environ, startResponse).",
  "A middleware is an app around an app.",
  "Read a stack from the outside in: each layer sees what the layers inside it did.",
];

// #region notes
const list: App = (environ, startResponse) => {
  const session = sessionOf(environ);
  const visits = Number(session.get("visits") ?? 0) + 1;
  session.set("visits", visits);
  const links = NOTES.map(
    (_, i) => html`<li><a href="${environ.SCRIPT_NAME}/${i + 1}">Note ${i + 1}</a></li>`,
  );
  return htmlResponse(
    startResponse,
    "200 OK",
    html`<h1>Notes</h1><p>Visit number ${visits}.</p><ol>${links}</ol>`,
  );
};

const show: App = (environ, startResponse) => {
  const note = NOTES[Number(routeParams(environ).id) - 1];
  if (note === undefined) throw notFound("There is no note with this number.");
  return htmlResponse(startResponse, "200 OK", html`<h1>Note</h1><p>${note}</p>`);
};

export const notes = router([route("GET", "/", list), route("GET", "/:id", show)]);
// #endregion notes
