/**
 * A hand-made server for the validator's tests.
 *
 * The validator sits between a server and an app, so its tests need both
 * sides. This file plays the server in the simplest way that keeps every
 * rule: a literal environ, a startResponse that records its calls, and a
 * loop that reads the whole body. Tests break one thing at a time by
 * overriding an environ key, or by driving the body by hand.
 *
 * @example
 * const answer = await serve(app);
 * expect(await brokenRule(() => serve(brokenApp))).toBe("header-name");
 */
import { decode, encode } from "../../../gateway/bytes.ts";
import type { App, Body, Chunk, Environ, Headers, StartResponse } from "../../../gateway/types.ts";
import { checkFinished, ValidationError, validator } from "../../../gateway/validator/index.ts";

/** One request as the hand-made server sees it. */
export interface Exchange {
  environ: Environ;
  startResponse: StartResponse;
  /** Each call of startResponse, in order. */
  calls: Array<{ status: string; headers: Headers; excInfo: unknown }>;
  /** Bytes from write() and from the body, in order. */
  sent: Chunk[];
  /** What was written to gateway.errors. */
  logged: string[];
}

/** What `serve` found. */
export interface Answer {
  status: string | undefined;
  headers: Headers | undefined;
  text: string;
  logged: string;
}

/** A request's environ and a recording startResponse. `overrides` replace environ keys; `undefined` removes one. */
export function exchange(overrides: Record<string, unknown> = {}): Exchange {
  const calls: Exchange["calls"] = [];
  const sent: Chunk[] = [];
  const logged: string[] = [];
  const environ = {
    REQUEST_METHOD: "GET",
    SCRIPT_NAME: "",
    PATH_INFO: "/",
    REQUEST_URI: "/",
    QUERY_STRING: "",
    SERVER_NAME: "localhost",
    SERVER_PORT: "80",
    SERVER_PROTOCOL: "HTTP/1.1",
    "gateway.version": [1, 0],
    "gateway.url_scheme": "http",
    "gateway.input": inputOf(),
    "gateway.errors": { write: (text: string) => void logged.push(text), flush: () => {} },
    "gateway.multithread": false,
    "gateway.multiprocess": false,
    "gateway.run_once": false,
    "gateway.signal": new AbortController().signal,
    ...overrides,
  } as Environ;
  const startResponse: StartResponse = (status, headers, excInfo) => {
    calls.push({ status, headers, excInfo });
    return async (chunk) => void sent.push(chunk);
  };
  return { environ, startResponse, calls, sent, logged };
}

/** Runs `validator(app)` like a server: calls it, reads the body to its end, checks it was finished. */
export async function serve(app: App, overrides: Record<string, unknown> = {}): Promise<Answer> {
  const { environ, startResponse, calls, sent, logged } = exchange(overrides);
  const body = await validator(app)(environ, startResponse);
  for await (const chunk of body) sent.push(chunk);
  checkFinished(environ);
  const last = calls.at(-1);
  return {
    status: last?.status,
    headers: last?.headers,
    text: decode(sent),
    logged: logged.join(""),
  };
}

/** Calls `validator(app)` once and returns its body unread, for tests that play a careless server. */
export async function bodyOf(app: App, overrides: Record<string, unknown> = {}): Promise<Body> {
  const { environ, startResponse } = exchange(overrides);
  return validator(app)(environ, startResponse);
}

/** The id of the rule that `action` breaks, or "none" when it runs clean. Other errors are rethrown. */
export async function brokenRule(action: () => unknown): Promise<string> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ValidationError) return error.rule;
    throw error;
  }
  return "none";
}

/** A `gateway.input` yielding these chunks: text is encoded, anything else passed as it is. */
export function inputOf(...chunks: unknown[]): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (const chunk of chunks)
      yield (typeof chunk === "string" ? encode(chunk) : chunk) as Uint8Array;
  })();
}

/** The header every text answer carries. */
export const TEXT: [string, string] = ["Content-Type", "text/plain; charset=utf-8"];
