/**
 * The middleware that answers thrown `HttpError`s (Paste's
 * `paste.httpexceptions.HTTPExceptionHandler`; in Werkzeug, what
 * `Map.dispatch` does with an `HTTPException`).
 *
 * An app below it may `throw notFound()` or `throw seeOther("/")` while it
 * is called, or in the first steps of a generator body, before any bytes
 * went out: the error becomes its page (`HttpError.respond`). If the app had
 * called startResponse already, the page replaces that answer, with the
 * error as `excInfo`, as PEP 3333 allows ("Error Handling"). Once bytes went
 * out the status cannot change: startResponse rethrows the error, and the
 * server cuts the connection.
 *
 * Any other error passes through untouched, for the server or an error
 * middleware further out (lesson 08) to log and answer with a 500. A thrown
 * 5xx `HttpError` is answered, and logged to `gateway.errors` with its
 * cause, since it means the server failed.
 *
 * @example
 * const app = httpErrors()(router([route("GET", "/users/:id", showUser)]));
 */
import type { Body, Chunk, Environ, Middleware, StartResponse } from "../types.ts";
import { HttpError } from "./http-errors.ts";

/**
 * Makes the middleware. It takes no options: how an error looks is the
 * error's own business (`HttpError.respond`).
 * @example serve(validator(httpErrors()(app)));
 */
export function httpErrors(): Middleware {
  return (app) =>
    async function httpErrorPages(environ, startResponse) {
      const tracked = new TrackedStart(startResponse);
      let body: Body;
      try {
        body = await app(environ, tracked.startResponse);
      } catch (error) {
        return answer(error, environ, tracked);
      }
      // An array is complete: nothing more can be thrown from it.
      return Array.isArray(body) ? body : answeringErrors(body, environ, tracked);
    };
}

/** Remembers whether the app called startResponse, so the error page knows to pass `excInfo`. */
class TrackedStart {
  started = false;

  constructor(readonly inner: StartResponse) {}

  readonly startResponse: StartResponse = (status, headers, excInfo) => {
    const write = this.inner(status, headers, excInfo);
    this.started = true;
    return write;
  };
}

/** Passes the body through, chunk for chunk; an `HttpError` thrown on the way becomes its page. */
async function* answeringErrors(
  body: Body,
  environ: Environ,
  tracked: TrackedStart,
): AsyncGenerator<Chunk> {
  try {
    yield* body;
  } catch (error) {
    yield* answer(error, environ, tracked);
  }
}

/** The page for an `HttpError`; anything else is rethrown. */
function answer(error: unknown, environ: Environ, tracked: TrackedStart): Chunk[] {
  if (!(error instanceof HttpError)) throw error;
  if (error.code >= 500) log(error, environ);
  // With headers already sent, the server's startResponse rethrows `error` here (PEP 3333).
  return error.respond(environ, tracked.inner, tracked.started ? error : undefined);
}

function log(error: HttpError, environ: Environ): void {
  const { REQUEST_METHOD, REQUEST_URI } = environ;
  const cause = error.cause === undefined ? "" : `\nCaused by: ${describe(error.cause)}`;
  environ["gateway.errors"].write(`${REQUEST_METHOD} ${REQUEST_URI}: ${error.stack}${cause}\n`);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? String(error)) : String(error);
}
