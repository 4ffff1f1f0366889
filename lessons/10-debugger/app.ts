/**
 * Lesson 10's demo app: a small shop that breaks in four instructive ways.
 * `npm run demo -- 10` serves it under the interactive debugger.
 */
import { html, htmlResponse } from "../../gateway/html.ts";
import { httpErrors } from "../../gateway/kit/http-error-middleware.ts";
import { seeOther } from "../../gateway/kit/redirects.ts";
import type { App } from "../../gateway/types.ts";
import { cart } from "./cart.ts";
import { order } from "./order.ts";
import { profile } from "./profile.ts";
import { receipt } from "./receipt.ts";

const pages = new Map<string, App>([
  ["/cart", cart],
  ["/profile", profile],
  ["/order", order],
  ["/receipt", receipt],
]);

// #region app
const shop: App = (environ, startResponse) => {
  const root = environ.SCRIPT_NAME;
  // A redirect, thrown here and answered by httpErrors() below: the debugger never sees it.
  if (environ.PATH_INFO === "/old-shop") throw seeOther(`${root}/`);
  const page = pages.get(environ.PATH_INFO);
  return page ? page(environ, startResponse) : htmlResponse(startResponse, "200 OK", index(root));
};

export const app = httpErrors()(shop);
// #endregion app

const links = [
  ["/cart", "a throw, three frames deep"],
  ["/profile?id=1", "a TypeError from undefined"],
  ["/order?id=7", "a throw after an await"],
  ["/receipt", "a throw after the first bytes went out"],
  ["/old-shop", "a redirect thrown inside the app: not an error for the debugger"],
];

function index(root: string) {
  const items = links.map(
    ([link, what]) => html`<li><a href="${root}${link}">${link}</a>: ${what}</li>`,
  );
  return html`<!doctype html><title>Lesson 10</title><h1>A shop that breaks</h1><ul>${items}</ul>`;
}
