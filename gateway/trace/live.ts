/**
 * Traces as they happen: the trace page's server-sent events.
 *
 * The page opens `EventSource("events")`; this body sends every kept trace,
 * then each trace again whenever it changed, as `event: trace` messages
 * whose data is the page's entry (the trace and its diagram). Changes
 * that come in a burst (a streamed body's chunks) are sent together,
 * at most ten times a second, and only the latest state of each trace: a
 * slow page makes the server skip states, never pile them up. A comment
 * line every 15 s keeps proxies from closing a quiet stream, and shows
 * the server when the page is gone. `stop` ends every stream, so the
 * server can close at once.
 *
 * @example
 * return liveTraces(tracer, entryFor, stopSignal);
 */
import { setTimeout as sleep } from "node:timers/promises";
import { encode } from "../bytes.ts";
import type { Chunk } from "../types.ts";
import type { PageEntry } from "./page.ts";
import type { Trace } from "./trace.ts";
import type { Tracer } from "./tracer.ts";

const KEEPALIVE_MS = 15_000;
const BATCH_MS = 100;

/**
 * The body of an event stream of `tracer`'s traces, until `stop` aborts.
 * @example for await (const chunk of liveTraces(tracer, entryFor, signal)) send(chunk);
 */
export async function* liveTraces(
  tracer: Tracer,
  entryFor: (trace: Trace) => PageEntry,
  stop: AbortSignal,
): AsyncGenerator<Chunk> {
  const changed = new Set<Trace>(tracer.list());
  let wake = () => {};
  const unsubscribe = tracer.subscribe((trace) => {
    changed.add(trace);
    wake();
  });
  const stopped = () => wake();
  stop.addEventListener("abort", stopped);
  try {
    yield encode("retry: 2000\n\n");
    while (!stop.aborted) {
      if (changed.size === 0) await changeOrTimeout(stop, (resolve) => (wake = resolve));
      if (stop.aborted) return;
      if (changed.size === 0) {
        yield encode(": still here\n\n");
        continue;
      }
      const batch = [...changed];
      changed.clear();
      yield encode(batch.map((trace) => message(entryFor(trace))).join(""));
      await sleep(BATCH_MS);
    }
  } finally {
    unsubscribe();
    stop.removeEventListener("abort", stopped);
  }
}

/** Resolves at the next change, at the keep-alive time, or when stopped. */
function changeOrTimeout(
  stop: AbortSignal,
  onChange: (resolve: () => void) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, KEEPALIVE_MS);
    onChange(() => {
      clearTimeout(timer);
      resolve();
    });
    if (stop.aborted) resolve();
  });
}

function message(entry: PageEntry): string {
  return `event: trace\ndata: ${JSON.stringify(entry)}\n\n`;
}
