/**
 * Lesson 07's demo: each streaming app under its own path, and a list at "/".
 *
 * A few lines of path matching are enough here; lesson 09's URL map does it properly.
 */
import { encode } from "../../gateway/bytes.ts";
import { stack } from "../../gateway/trace/stack.ts";
import type { App } from "../../gateway/types.ts";
import { passThrough } from "./by-hand.ts";
import { countdown } from "./countdown.ts";
import { flood, writeFlood } from "./flood.ts";
import { report } from "./report.ts";
import { shout } from "./shout.ts";

const routes: Record<string, App> = {
  "/countdown": countdown,
  "/shout": stack(countdown, shout),
  "/by-hand": stack(countdown, passThrough),
  "/flood": flood,
  "/write-flood": writeFlood,
  "/report": report(5000),
};

/** The list of paths: the answer at "/", and a 404 anywhere else. */
function listing(status: string): App {
  return (_environ, startResponse) => {
    startResponse(status, [["Content-Type", "text/plain; charset=utf-8"]]);
    const paths = Object.keys(routes).map((path) => `  ${path}\n`);
    return [encode(`Lesson 07 streams. Try curl -N on:\n${paths.join("")}`)];
  };
}

export const app: App = (environ, startResponse) => {
  const path = environ.PATH_INFO;
  const route = routes[path] ?? listing(path === "/" ? "200 OK" : "404 Not Found");
  return route(environ, startResponse);
};
