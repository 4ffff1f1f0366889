/**
 * Reading a trace in a test: its events as short sentences, one per event.
 *
 * `steps(trace)` turns `{ kind: "chunk", from: 2, to: 1, size: 13 }` into
 * "chunk hello→logged 13 B", so a test can say in one list what happened,
 * in order, and a failure shows the whole story.
 *
 * @example
 * expect(steps(trace)).toEqual(["call server→hello", "start-response hello→server 200 OK", ...]);
 */
import type { TraceData, TraceEvent } from "../../../gateway/trace/events.ts";

/** Each event of the trace as one line; `pull` events are left out unless asked for. */
export function steps(trace: TraceData, { pulls = false } = {}): string[] {
  const lane = (index: number) => (index === -1 ? "client" : (trace.lanes[index]?.name ?? "?"));
  return trace.events
    .filter((event) => pulls || event.kind !== "pull")
    .map((event) => `${event.kind} ${lane(event.from)}→${lane(event.to)}${detail(event)}`);
}

function detail(event: TraceEvent): string {
  switch (event.kind) {
    case "start-response":
      return ` ${event.status}${event.excInfo ? " excInfo" : ""}${event.threw ? " threw" : ""}`;
    case "return":
      return ` ${event.body}${event.sizes ? ` [${event.sizes.join(", ")}]` : ""}`;
    case "chunk":
    case "send":
    case "finish":
    case "write":
    case "input":
      return ` ${event.size} B`;
    case "head":
      return ` ${event.status}`;
    case "error":
      return ` ${event.error.message}`;
    default:
      return "";
  }
}
