/**
 * A `ResponseSink` that records what the request cycle does, for tests of
 * `runCycle` with no server around it.
 *
 * Each call becomes an event (`head 200 OK`, `send hello`, `end`, `abort`),
 * so a test can check their order. `hold()` makes the next `send()` wait
 * until the test releases it, or rejects it as if the client went away:
 * that is how tests see what the cycle does while the peer is slow.
 *
 * @example
 * const sink = new RecordingSink();
 * await runCycle(app, testEnviron().environ, sink);
 * expect(sink.events).toEqual(["head 200 OK", "end hello"]);
 */
import { decode } from "../../gateway/bytes.ts";
import { addGatewayVariables, bytesInput, targetVariables } from "../../gateway/environ.ts";
import { ClientGone, type ResponseSink } from "../../gateway/response-sink.ts";
import type { Chunk, Environ, Headers } from "../../gateway/types.ts";

/** A send() the test decides the fate of. */
export interface HeldSend {
  /** Resolves once the cycle called send(). */
  readonly started: Promise<void>;
  release(): void;
  clientGone(): void;
}

export class RecordingSink implements ResponseSink {
  readonly events: string[] = [];
  headers: Headers = [];
  #held: Array<{ started: () => void; settle: Promise<void> }> = [];

  head(code: number, reason: string, headers: Headers): void {
    this.events.push(`head ${code} ${reason}`);
    this.headers = headers;
  }

  send(chunk: Chunk): Promise<void> {
    this.events.push(`send ${decode(chunk)}`);
    const held = this.#held.shift();
    if (held === undefined) return Promise.resolve();
    held.started();
    return held.settle;
  }

  end(last?: Chunk): void {
    this.events.push(last === undefined ? "end" : `end ${decode(last)}`);
  }

  abort(): void {
    this.events.push("abort");
  }

  /** Makes the next send() wait for the test. */
  hold(): HeldSend {
    let started = () => {};
    let release = () => {};
    let clientGone = () => {};
    const startedPromise = new Promise<void>((resolve) => {
      started = resolve;
    });
    const settle = new Promise<void>((resolve, reject) => {
      release = resolve;
      clientGone = () => reject(new ClientGone("the test's client went away"));
    });
    this.#held.push({ started, settle });
    return { started: startedPromise, release, clientGone };
  }

  /** The value of a header the cycle sent, by name in any case. */
  header(name: string): string | undefined {
    return this.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  }
}

/** An environ as a server would build it, and `logged`: what went to its gateway.errors. */
export function testEnviron(method = "GET"): { environ: Environ; logged: string[] } {
  const logged: string[] = [];
  const errors = { write: (text: string) => void logged.push(text), flush: () => {} };
  const traits = { multithread: false, multiprocess: false, runOnce: false };
  const environ = {
    REQUEST_METHOD: method,
    ...targetVariables("/page?x=1"),
    SERVER_NAME: "localhost",
    SERVER_PORT: "80",
    SERVER_PROTOCOL: "HTTP/1.1",
  };
  const input = bytesInput(new Uint8Array(0));
  addGatewayVariables(environ, input, errors, "http", traits, { watchClient() {} });
  return { environ: environ as unknown as Environ, logged };
}
