/**
 * The cascade: try apps in turn until one has an answer (like Paste's
 * `paste.cascade.Cascade`).
 *
 * `cascade([files, site])` asks `files` first; if it answers 404, it asks
 * `site`. The last app's answer is final, whatever it is. Which statuses
 * mean "not mine, ask the next" is an option (404 by default; 404 and 405
 * is common). A thrown `HttpError` with one of those statuses counts too,
 * as in Paste.
 *
 * To see an app's status the cascade must let it call startResponse, and a
 * generator body may do that only in its first step. So the cascade calls
 * the app with a startResponse of its own, and if the app has not called it
 * yet, takes the first chunk. A status to pass on goes to the real
 * startResponse at once, and the body follows unchanged, the first chunk
 * included: nothing else is held back. A status to skip is never sent: its
 * body (and its write() calls) are dropped, and the body is finished with
 * `return()`, so its `finally` blocks run.
 *
 * Every app may read the request body: the bytes one app reads are kept
 * (up to `inputLimit`, 413 past it) for the next, see `replayable-input.ts`.
 *
 * @example
 * const app = cascade([staticFiles("public"), router([...])], { statuses: [404, 405] });
 */
import { parseStatus } from "../response-checks.ts";
import type { App, Body, Chunk, Environ, StartResponse } from "../types.ts";
import { discard, finish, type PeekedBody, peek, resume } from "./body-steps.ts";
import { HttpError } from "./http-errors.ts";
import { ReplayableInput } from "./replayable-input.ts";

/**
 * How the cascade decides.
 * @example cascade([files, site], { statuses: [404, 405], inputLimit: 100_000 })
 */
export interface CascadeOptions {
  /** The statuses that mean "ask the next app" (default [404]). */
  statuses?: number[];
  /** The most request-body bytes kept for the next app to read again (default 1 000 000). */
  inputLimit?: number;
}

/** What `attempt` returns when the app passed: its answer was dropped. */
const PASSED = Symbol("passed");

/**
 * Makes an app that tries `apps` in order.
 * @example cascade([maintenancePage, site]) // maintenancePage answers 404 when not in maintenance
 */
export function cascade(apps: App[], options: CascadeOptions = {}): App {
  checkApps(apps);
  const statuses = checkStatuses(options.statuses ?? [404]);
  const inputLimit = checkLimit(options.inputLimit ?? 1_000_000);
  return async function cascading(environ, startResponse) {
    const input = new ReplayableInput(environ["gateway.input"], inputLimit);
    const earlier = apps.slice(0, -1);
    const last = apps.at(-1) as App;
    try {
      for (const app of earlier) {
        const body = await attempt(
          app,
          { ...environ, "gateway.input": input.reader() },
          startResponse,
          statuses,
        );
        if (body !== PASSED) return closingInput(body, input);
      }
      const body = await last(
        { ...environ, "gateway.input": input.reader({ keep: false }) },
        startResponse,
      );
      return closingInput(body, input);
    } catch (error) {
      await input.close();
      throw error;
    }
  };
}

/** Asks one app; returns its body if its answer stands, or `PASSED`. */
async function attempt(
  app: App,
  environ: Environ,
  startResponse: StartResponse,
  statuses: Set<number>,
): Promise<Body | typeof PASSED> {
  const decision = new Decision(startResponse, statuses);
  try {
    const body = await app(environ, decision.startResponse);
    // An app that called startResponse has decided; one that returned an array must have.
    if (decision.started || Array.isArray(body)) return decision.passed ? skip(body) : body;
    const peeked = await peek(body);
    return decision.passed ? skip(peeked) : resume(peeked);
  } catch (error) {
    if (!decision.forwarded && error instanceof HttpError && statuses.has(error.code))
      return PASSED;
    throw error;
  }
}

/**
 * The startResponse an app in the cascade gets. A status to skip is
 * recorded and nothing more; any other goes on to the server at once, and
 * from then on the answer stands.
 */
class Decision {
  started = false;
  passed = false;
  forwarded = false;

  constructor(
    readonly inner: StartResponse,
    readonly statuses: Set<number>,
  ) {}

  readonly startResponse: StartResponse = (status, headers, excInfo) => {
    this.started = true;
    this.passed = !this.forwarded && this.statuses.has(parseStatus(status).code);
    if (this.passed) return discard;
    this.forwarded = true;
    return this.inner(status, headers, excInfo);
  };
}

/** Finishes a skipped body, so its `finally` blocks run. */
async function skip(body: Body | PeekedBody): Promise<typeof PASSED> {
  await finish(body);
  return PASSED;
}

/** The final body; once it is over, the request body is closed if an app left it half read. */
async function closingInput(body: Body, input: ReplayableInput): Promise<Body> {
  if (!Array.isArray(body)) return closingAfter(body, input);
  await input.close();
  return body;
}

async function* closingAfter(body: Body, input: ReplayableInput): AsyncGenerator<Chunk> {
  try {
    yield* body;
  } finally {
    await input.close();
  }
}

function checkApps(apps: App[]): void {
  if (!Array.isArray(apps) || apps.length === 0) {
    throw new TypeError("cascade takes a non-empty array of apps, like cascade([files, site])");
  }
  apps.forEach((app, index) => {
    if (typeof app !== "function") {
      throw new TypeError(
        `cascade: apps[${index}] is ${typeof app}, not an app: did you call it instead of passing it?`,
      );
    }
  });
}

function checkStatuses(statuses: number[]): Set<number> {
  for (const status of statuses) {
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new TypeError(`cascade: the status ${status} is not an HTTP status code, like 404`);
    }
  }
  return new Set(statuses);
}

function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new TypeError(`cascade: inputLimit is a whole number of bytes, not ${limit}`);
  }
  return limit;
}
