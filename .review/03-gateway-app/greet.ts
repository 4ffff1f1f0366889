import { html, htmlResponse } from "../../gateway/html.ts";
import type { App } from "../../gateway/types.ts";
export const app: App = (environ, startResponse) => {
  const name = new URLSearchParams(environ.QUERY_STRING).get("name") || "World";
  return htmlResponse(startResponse, "200 OK", html`<p>Hello, ${name}!</p>`);
};
