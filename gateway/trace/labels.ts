/**
 * The words on the diagram's arrows: what each event says, in a few words.
 *
 * A label must fit between two lanes on a projector, so it is short; the
 * whole event (every header, the whole environ) is one click away on the
 * trace page.
 *
 * @example
 * label({ kind: "chunk", size: 13, preview: "Hello World!\\n", ... }); // '13 B "Hello World!\n"'
 */
import type { TraceEvent } from "./events.ts";

/**
 * A byte count as people read it.
 * @example bytes(1536); // "1.5 kB"
 */
export function bytes(size: number): string {
  if (size < 0) return "not bytes";
  if (size < 1000) return `${size} B`;
  if (size < 1_000_000) return `${(size / 1000).toFixed(1)} kB`;
  return `${(size / 1_000_000).toFixed(1)} MB`;
}

/**
 * A duration in milliseconds as people read it.
 * @example duration(1234.5); // "1.2 s"
 */
export function duration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The arrow's label for an event.
 * @example label(callEvent); // "call(environ)"
 */
export function label(event: TraceEvent): string {
  switch (event.kind) {
    case "call": {
      const [first, ...more] = event.changes;
      if (first === undefined) return "call(environ)";
      const change = `${first.key} ${first.after === undefined ? "removed" : `= ${first.after}`}`;
      return `call(environ) ${change}${more.length > 0 ? ` +${more.length}` : ""}`;
    }
    case "start-response":
      return `startResponse("${event.status}"${event.excInfo ? ", excInfo" : ""})${event.threw ? " threw" : ""}`;
    case "return":
      return event.sizes ? `returns [${listSizes(event.sizes)}]` : `returns ${event.body}`;
    case "chunk":
      return withPreview(bytes(event.size), event.preview);
    case "end":
      return "done";
    case "close":
      return "return()";
    case "error":
      return `✕ ${event.error.name}: ${event.error.message}`;
    case "write":
      return withPreview(`write(${bytes(event.size)})`, event.preview);
    case "input":
      return event.done ? "input: end" : withPreview(`input ${bytes(event.size)}`, event.preview);
    case "head":
      return `${event.status} + ${event.headers.length} header${event.headers.length === 1 ? "" : "s"}`;
    case "send":
      return event.failed ? `${bytes(event.size)} ✕ client gone` : bytes(event.size);
    case "finish":
      return event.size > 0 ? `${bytes(event.size)}, end` : "end";
    case "abort":
      return "✕ connection cut";
    case "pull":
      return "next()";
  }
}

/**
 * The CSS class of an event's arrow: its colour and line (diagram.css).
 * @example styleOf(errorEvent); // "error"
 */
export function styleOf(event: TraceEvent): string {
  switch (event.kind) {
    case "error":
    case "abort":
      return "error";
    case "start-response":
      return event.threw ? "error" : event.excInfo ? "warn" : "respond";
    case "close":
      return "warn";
    case "end":
    case "return":
    case "finish":
      return "quiet";
    case "send":
      return event.failed ? "error" : "data";
    default:
      return event.kind === "call" ? "call" : "data";
  }
}

function listSizes(sizes: number[]): string {
  const shown = sizes.slice(0, 3).map(bytes).join(", ");
  return sizes.length > 3 ? `${shown}, … ${sizes.length} chunks` : shown;
}

function withPreview(text: string, preview: string | undefined): string {
  return preview === undefined || preview === "" ? text : `${text} “${preview}”`;
}
