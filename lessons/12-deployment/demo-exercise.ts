/**
 * `npm run demo -- 12 exercise`: your two exercises of lesson 12 (starter/12-deployment/),
 * on http://127.0.0.1:8012/.
 *
 * `/12-fastcgi-record` shows, byte by byte, the record your `fastcgiRecord`
 * writes for the answer "Hello" to request 1. `/12-mount-point/...` reaches
 * your `mountedAt("/12-mount-point")` the way Apache's `ProxyPass` sends a
 * request: the whole path in SCRIPT_NAME, no PATH_INFO. The app inside
 * shows the two as it gets them.
 *
 * @example
 * // npm run demo -- 12 exercise, then: curl "http://127.0.0.1:8012/12-mount-point/hello%20world/x?y=1"
 */
import { encode } from "../../gateway/bytes.ts";
import { targetVariables } from "../../gateway/environ.ts";
import type { App, Middleware } from "../../gateway/types.ts";
import { fastcgiRecord } from "../../starter/12-deployment/fastcgi-record.ts";
import { mountedAt } from "../../starter/12-deployment/mount-point.ts";
import { runExerciseDemo } from "../../workshop/exercise-demo.ts";

/** Answers plain text. */
function text(body: string): App {
  return (_environ, startResponse) => {
    const bytes = encode(body);
    startResponse("200 OK", [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(bytes.byteLength)],
    ]);
    return [bytes];
  };
}

/** The record for STDOUT (type 6) of request 1, holding "Hello", as rows of 8 bytes. */
const record: App = (environ, startResponse) => {
  const bytes = [...fastcgiRecord(6, 1, encode("Hello"))];
  const rows = [];
  for (let i = 0; i < bytes.length; i += 8) rows.push(bytes.slice(i, i + 8).join(" "));
  const shown = rows.length > 0 ? rows.join("\n") : "(no bytes)";
  return text(`fastcgiRecord(6, 1, "Hello") is ${bytes.length} bytes:\n${shown}\n`)(
    environ,
    startResponse,
  );
};

/** SCRIPT_NAME and PATH_INFO, as the app inside gets them. */
const showPaths: App = (environ, startResponse) =>
  text(`SCRIPT_NAME: "${environ.SCRIPT_NAME}"\nPATH_INFO:   "${environ.PATH_INFO}"\n`)(
    environ,
    startResponse,
  );

/** What Apache's ProxyPass sends: the whole path, decoded, in SCRIPT_NAME; no PATH_INFO. */
const asApacheSends: Middleware = (app) => (environ, startResponse) => {
  const whole = targetVariables(environ.REQUEST_URI ?? "/").PATH_INFO;
  return app({ ...environ, SCRIPT_NAME: whole, PATH_INFO: "" }, startResponse);
};

await runExerciseDemo(12, {
  "12-fastcgi-record": record,
  "12-mount-point": asApacheSends(mountedAt("/12-mount-point")(showPaths)),
});
