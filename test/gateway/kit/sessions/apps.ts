/**
 * A small app for the session tests: one route per thing a session does,
 * built with the kit's own router.
 *
 * @example
 * const client = new TestClient(sessions({ keys: [KEY] })(sessionApp()));
 * await client.get("/count"); // "1", then "2"...
 */
import { randomBytes } from "node:crypto";
import { encode } from "../../../../gateway/bytes.ts";
import { route, router } from "../../../../gateway/kit/router.ts";
import { sessionOf } from "../../../../gateway/kit/sessions/index.ts";
import type { App, Environ, StartResponse } from "../../../../gateway/types.ts";

export const KEY = randomBytes(32).toString("base64url");
export const OLD_KEY = randomBytes(32).toString("base64url");

function json(startResponse: StartResponse, value: unknown): Uint8Array[] {
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [encode(JSON.stringify(value))];
}

/** What the session holds, unchanged: its id, whether it is new, and its values. */
function peek(environ: Environ, startResponse: StartResponse): Uint8Array[] {
  const session = sessionOf(environ);
  return json(startResponse, { id: session.id, isNew: session.isNew, data: session.toJSON() });
}

const count: App = (environ, startResponse) => {
  const session = sessionOf(environ);
  const visits = Number(session.get("visits") ?? 0) + 1;
  session.set("visits", visits);
  return json(startResponse, visits);
};

const signIn: App = (environ, startResponse) => {
  const session = sessionOf(environ);
  session.regenerate();
  session.set("user", "ada");
  return peek(environ, startResponse);
};

const signOut: App = (environ, startResponse) => {
  sessionOf(environ).destroy();
  return json(startResponse, "bye");
};

/** A generator that changes the session in its first step, before it calls startResponse. */
const lazy: App = async function* (environ, startResponse) {
  sessionOf(environ).set("lazy", true);
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  yield encode("lazy");
};

/** An app that calls write() after changing the session. */
const writing: App = async (environ, startResponse) => {
  sessionOf(environ).set("written", true);
  const write = startResponse("200 OK", [["Content-Type", "text/plain"]]);
  await write(encode("written"));
  return [];
};

/** Changes the session too late: after startResponse. */
const late: App = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  sessionOf(environ).set("late", true);
  return [];
};

/** Stores more than a cookie can carry. */
const big: App = (environ, startResponse) => {
  sessionOf(environ).set("big", "x".repeat(5000));
  return json(startResponse, "big");
};

export function sessionApp(): App {
  return router([
    route("GET", "/peek", peek),
    route("GET", "/count", count),
    route("POST", "/sign-in", signIn),
    route("POST", "/sign-out", signOut),
    route("GET", "/lazy", lazy),
    route("GET", "/write", writing),
    route("GET", "/late", late),
    route("GET", "/big", big),
  ]);
}
