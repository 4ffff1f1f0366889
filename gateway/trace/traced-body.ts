/**
 * The body a traced layer returns, watched as its caller reads it.
 *
 * The wrapper changes nothing the caller can see: a list goes on as the
 * same list (servers may send a list's length, and middleware may look for
 * one), a sync iterable stays sync and an async one async, each step is
 * the inner iterator's own result, and `return()` and `throw()` exist only
 * when the inner iterator has them and are passed on. It never asks for a
 * chunk before the caller does (PEP 3333, "Middleware Handling of Block
 * Boundaries"), so a lazy `startResponse` and back-pressure are kept. It
 * records each step: the caller asking (`pull`), the chunk or the end, an
 * error, and the caller abandoning the body (`close`).
 *
 * @example
 * return traceBody(body, { trace, lane }, callerLane);
 */
import type { Body } from "../types.ts";
import { inLane, type LaneContext } from "./context.ts";
import { preview, sizeOf } from "./redact.ts";
import { settle } from "./settle.ts";

/** A sync or async iterator, as far as the wrapper needs to know: it hands on whatever a step gives. */
interface AnyIterator {
  next(...args: unknown[]): unknown;
  return?(...args: unknown[]): unknown;
  throw?(...args: unknown[]): unknown;
}

/**
 * Records what a layer returned and gives the body its caller should read.
 * `over` is called once the body is finished (ended, failed or abandoned).
 * @example const body = traceBody(await app(environ, startResponse), here, caller);
 */
export function traceBody(
  body: unknown,
  here: LaneContext,
  caller: number,
  over: () => void = () => {},
): unknown {
  const { trace, lane } = here;
  if (Array.isArray(body)) {
    trace.record({ kind: "return", from: lane, to: caller, body: "list", sizes: body.map(sizeOf) });
    over();
    return body;
  }
  trace.record({ kind: "return", from: lane, to: caller, body: kindOf(body) });
  if (!isIterable(body)) return body; // the server refuses it, and says why
  const watched: {
    [Symbol.iterator]?: () => AnyIterator;
    [Symbol.asyncIterator]?: () => AnyIterator;
  } = {};
  if (Symbol.asyncIterator in body) {
    watched[Symbol.asyncIterator] = () =>
      watchSteps(
        inLane(here, () => body[Symbol.asyncIterator]()),
        here,
        caller,
        over,
      );
  }
  if (Symbol.iterator in body) {
    watched[Symbol.iterator] = () =>
      watchSteps(
        inLane(here, () => body[Symbol.iterator]()),
        here,
        caller,
        over,
      );
  }
  return watched;
}

/** An iterator over `inner`'s steps, each run in the layer's lane and recorded. */
function watchSteps(
  inner: AnyIterator,
  here: LaneContext,
  caller: number,
  over: () => void,
): AnyIterator {
  const { trace, lane } = here;
  const step = (result: unknown) => {
    if (!isStep(result)) return result;
    if (result.done) {
      trace.record({ kind: "end", from: lane, to: caller });
      over();
    } else {
      const chunk = result.value;
      const seen = chunk instanceof Uint8Array ? { preview: preview(chunk) } : {};
      trace.record({ kind: "chunk", from: lane, to: caller, size: sizeOf(chunk), ...seen });
    }
    return result;
  };
  const failed = (during: string) => (error: unknown) => {
    trace.record({ kind: "error", from: lane, to: caller, error: trace.errorView(error), during });
    over();
  };
  const watched: AnyIterator = {
    next(...args: unknown[]) {
      trace.record({ kind: "pull", from: caller, to: lane });
      return settle(() => inLane(here, () => inner.next(...args)), step, failed("next"));
    },
  };
  const { return: finish, throw: raise } = inner;
  if (finish !== undefined) {
    watched.return = (...args: unknown[]) => {
      const close = trace.record({ kind: "close", from: caller, to: lane });
      const closed = (result: unknown) => {
        trace.ended(close);
        over();
        return result;
      };
      return settle(() => inLane(here, () => finish.apply(inner, args)), closed, failed("return"));
    };
  }
  if (raise !== undefined) {
    watched.throw = (...args: unknown[]) =>
      settle(() => inLane(here, () => raise.apply(inner, args)), step, failed("next"));
  }
  return watched;
}

function isStep(result: unknown): result is IteratorResult<unknown> {
  return typeof result === "object" && result !== null;
}

function isIterable(body: unknown): body is Body {
  if (typeof body !== "object" || body === null || body instanceof Uint8Array) return false;
  return Symbol.iterator in body || Symbol.asyncIterator in body;
}

/** What a layer returned, in a word or two: "async generator", "iterable (Set)", "a string". */
function kindOf(body: unknown): string {
  if (typeof body !== "object" || body === null) return `not a body: ${typeof body}`;
  if (body instanceof Uint8Array) return "not a body: bare bytes";
  const tag = Object.prototype.toString.call(body).slice(8, -1);
  if (tag === "Generator") return "generator";
  if (tag === "AsyncGenerator") return "async generator";
  const name = body.constructor?.name;
  const named = name && name !== "Object" ? ` (${name})` : "";
  if (Symbol.asyncIterator in body) return `async iterable${named}`;
  if (Symbol.iterator in body) return `iterable${named}`;
  return `not a body: ${name ?? "object"}`;
}
