/**
 * `gateway.input`, watched: which layer reads the request body, and how much.
 *
 * The stand-in passes everything on: each `for await` asks the server's own
 * input for its iterator (so the read-once rule stays the server's), each
 * step is the server's, and leaving the loop early runs the server's
 * `return()`. It records each chunk as an arrow from the server to the
 * lane whose code read it.
 *
 * @example
 * environ["gateway.input"] = traceInput(environ["gateway.input"], trace);
 */
import type { InputStream } from "../types.ts";
import { currentLane } from "./context.ts";
import { SERVER } from "./events.ts";
import { preview } from "./redact.ts";
import type { Trace } from "./trace.ts";

/**
 * A stand-in for `input` that records each read in `trace`.
 * @example for await (const chunk of traceInput(input, trace)) ...
 */
export function traceInput(input: InputStream, trace: Trace): InputStream {
  return {
    [Symbol.asyncIterator]() {
      const inner = input[Symbol.asyncIterator]();
      const watched: AsyncIterator<Uint8Array> = {
        async next() {
          const step = await inner.next();
          const to = currentLane()?.lane ?? SERVER;
          const size = step.done ? 0 : step.value.byteLength;
          const seen = step.done ? {} : { preview: preview(step.value) };
          trace.record({
            kind: "input",
            from: SERVER,
            to,
            size,
            done: step.done === true,
            ...seen,
          });
          return step;
        },
      };
      const finish = inner.return;
      if (finish !== undefined) watched.return = (value) => finish.call(inner, value);
      return watched;
    },
  };
}
