/**
 * The server's side of a traced response: what went to the client, and when.
 *
 * `runCycle` (response-cycle.ts) hands a traced app's response to this
 * stand-in for the server's sink, which passes each call on and records
 * it on the server's lane: the headers going out, each chunk sent and how
 * long the client took to take it (the wait is back-pressure: the server
 * asks the app for nothing more meanwhile), the end, or the connection cut.
 *
 * @example
 * const sink = new TracedSink(new NodeSink(res, socket), trace);
 */
import type { ResponseSink } from "../response-sink.ts";
import type { Chunk, Headers } from "../types.ts";
import { CLIENT, SERVER } from "./events.ts";
import { viewHeaders } from "./redact.ts";
import type { Trace } from "./trace.ts";

/**
 * Passes a response on to the server's sink, recording it in a trace.
 * @example runCycle sends through new TracedSink(sink, trace) for a traced app
 */
export class TracedSink implements ResponseSink {
  constructor(
    readonly inner: ResponseSink,
    readonly trace: Trace,
  ) {}

  head(code: number, reason: string, headers: Headers): void {
    const status = `${code} ${reason}`;
    this.trace.record({
      kind: "head",
      from: SERVER,
      to: CLIENT,
      status,
      headers: viewHeaders(headers),
    });
    this.trace.noteHeaders(headers, true);
    this.trace.status = status;
    this.inner.head(code, reason, headers);
  }

  send(chunk: Chunk): Promise<void> {
    const { trace } = this;
    const sent = trace.record({ kind: "send", from: SERVER, to: CLIENT, size: chunk.byteLength });
    return this.inner.send(chunk).then(
      () => trace.ended(sent),
      (error: unknown) => {
        if (sent !== undefined) sent.failed = trace.errorView(error);
        trace.ended(sent);
        throw error;
      },
    );
  }

  end(last?: Chunk): void {
    const size = last?.byteLength ?? 0;
    this.trace.record({ kind: "finish", from: SERVER, to: CLIENT, size });
    this.inner.end(last);
    this.trace.finish();
  }

  abort(): void {
    this.trace.record({ kind: "abort", from: SERVER, to: CLIENT });
    this.inner.abort();
    this.trace.finish();
  }
}
