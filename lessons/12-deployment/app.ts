/**
 * Lesson 12's app: the one the lesson deploys behind Apache and nginx.
 *
 * It shows the environ keys a web server in front decides (where the app
 * is mounted, the rest of the path, the query, the raw request target),
 * builds a link from `SCRIPT_NAME`, and echoes a POST body (up to the
 * kit's 100,000 bytes: a bigger one gets a 413 that says so). Two more
 * paths show what deployment must not break: `/big` streams a megabyte,
 * `/fail` throws before answering, so the 500 page and the error log
 * can be seen. The app knows nothing of FastCGI, Apache or nginx.
 *
 * @example
 * // behind a web server that mounts it at /app/:
 * await serveFastCGI(mounted, { port: 9000 });
 */
import { decode, encode } from "../../gateway/bytes.ts";
import { html, htmlResponse } from "../../gateway/html.ts";
import { httpErrors } from "../../gateway/kit/http-error-middleware.ts";
import { mountedAt } from "../../gateway/kit/mount-point.ts";
import { appUrl } from "../../gateway/kit/redirects.ts";
import { readBody } from "../../gateway/kit/request.ts";
import type { App, Chunk, Environ } from "../../gateway/types.ts";

/** What the web server decides. SERVER_SOFTWARE is shown when the server names itself. */
const SHOWN = [
  "REQUEST_METHOD",
  "REQUEST_URI",
  "SCRIPT_NAME",
  "PATH_INFO",
  "QUERY_STRING",
  "SERVER_SOFTWARE",
];

// #region app
const showEnviron: App = async (environ, startResponse) => {
  if (environ.PATH_INFO === "/big") {
    startResponse("200 OK", [["Content-Type", "text/plain"]]); // no length: it streams
    return megabyte();
  }
  // Before startResponse: the server answers with its 500 page, and the error goes to
  // gateway.errors, which a FastCGI server hands to the web server's error log.
  if (environ.PATH_INFO === "/fail") throw new Error("lesson 12 fails here on purpose");
  const posted = environ.REQUEST_METHOD === "POST" ? decode(await readBody(environ)) : undefined;
  const page = html`<!doctype html>
<title>Lesson 12</title>
<pre>${shown(environ).join("\n")}</pre>
${posted !== undefined && html`<p>You posted: <code>${posted}</code></p>`}
<p><a href="${appUrl(environ, "/next")}">A link built from SCRIPT_NAME</a></p>
`; // appUrl puts SCRIPT_NAME in front: "/app/next" when SCRIPT_NAME is right
  return htmlResponse(startResponse, "200 OK", page, [["X-Deployed-App", "lesson 12"]]);
};

/**
 * The app. readBody throws a 413 `HttpError` for a body over its 100,000
 * bytes; httpErrors() answers that with its page, where it would be a 500.
 * @example await serve(app, { port: 8000 });
 */
export const app: App = httpErrors()(showEnviron);
// #endregion app

// #region mounted
/** The same app, told where the web server mounts it: the one line deployment adds. */
export const mounted = mountedAt("/app")(app);
// #endregion mounted

/** `KEY = "value"` for each key the server set; JSON shows "" as "". */
function shown(environ: Environ): string[] {
  const variables: Record<string, unknown> = { ...environ }; // SERVER_SOFTWARE is not typed
  return SHOWN.filter((key) => variables[key] !== undefined).map(
    (key) => `${key} = ${JSON.stringify(variables[key])}`,
  );
}

/** 1 MiB in 64 KiB chunks, made one at a time: the server sends each before asking for the next. */
function* megabyte(): Generator<Chunk> {
  for (let i = 0; i < 16; i += 1) yield encode(String.fromCharCode(97 + i).repeat(65_536));
}
