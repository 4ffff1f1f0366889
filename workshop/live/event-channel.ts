/**
 * Server-sent events for the home's live pages.
 *
 * A live page (an exercise's verdict, the instructor's step) opens an
 * `EventSource`, and the server keeps the answer open, writing one message
 * per change: `event: NAME` and, as data, the new HTML of the page's part of
 * that name (live.js puts it in place). An `EventChannel` joins the code that
 * notices changes to the body the server sends: `send()` from anywhere, and
 * `body()` is the generator the server drains (lesson 07: a body can wait).
 *
 * The stream ends when its signal aborts: the request's `gateway.signal`
 * (the page has gone, or the server stops) joined with the home's own (the
 * home closes). The body then returns, and the `finally` blocks of whoever
 * feeds the channel stop what the page had started. A quiet stream gets a
 * comment line now and then, so no proxy between takes it for dead.
 *
 * @example
 * const channel = new EventChannel();
 * channel.send("verdict", String(html`<p>✓ Its test passes.</p>`));
 * // after startResponse("200 OK", EVENT_STREAM_HEADERS):
 * return channel.body(homeStop, environ["gateway.signal"]);
 */
import { encode } from "../../gateway/bytes.ts";
import type { Chunk, Headers } from "../../gateway/types.ts";

/** How long a stream may stay quiet before a comment line shows it is alive. */
const KEEPALIVE_MS = 15_000;

/** The headers of an event stream: never cached, never buffered. */
export const EVENT_STREAM_HEADERS: Headers = [
  ["Content-Type", "text/event-stream; charset=utf-8"],
  ["Cache-Control", "no-store"],
];

/** Messages waiting for the body that sends them. */
export class EventChannel {
  #pending: string[] = [];
  #wake: (() => void) | undefined;
  #ended = false;

  /**
   * Queues one message; several lines of data are fine.
   * @example channel.send("step", String(stepView));
   */
  send(event: string, data: string): void {
    if (this.#ended) return;
    const lines = data.split(/\r?\n/).map((line) => `data: ${line}\n`);
    this.#pending.push(`event: ${event}\n${lines.join("")}\n`);
    this.#wake?.();
  }

  /**
   * Ends the stream once what is queued has gone out.
   * @example channel.end();
   */
  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  /**
   * The body: the queued messages as they come, until `end()` or one of the signals aborts.
   * @example return channel.body(homeStop, environ["gateway.signal"]);
   */
  async *body(...signals: AbortSignal[]): AsyncGenerator<Chunk> {
    const stop = AbortSignal.any(signals);
    const onStop = () => this.end();
    stop.addEventListener("abort", onStop);
    try {
      // If the connection drops, the browser tries again after 2 s.
      yield encode("retry: 2000\n\n");
      while (!stop.aborted) {
        if (this.#pending.length > 0) {
          const messages = this.#pending.join("");
          this.#pending = [];
          yield encode(messages);
        } else if (this.#ended) {
          return;
        } else if (!(await this.#next())) {
          yield encode(": still here\n\n");
        }
      }
    } finally {
      stop.removeEventListener("abort", onStop);
    }
  }

  /** Resolves true at the next message or the end, false when the stream has been quiet a while. */
  #next(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve(false);
      }, KEEPALIVE_MS);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve(true);
      };
    });
  }
}
