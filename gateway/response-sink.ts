/**
 * The response sink: a server's side of one response, the only part of a
 * response that differs from one server to another. `runCycle`
 * (response-cycle.ts) decides what to send; the sink sends it, over a
 * socket, to stdout, as FastCGI records, or into a test's list.
 *
 * @example
 * await runCycle(app, environ, new NodeSink(res)); // the node:http server's sink
 */
import type { Chunk, Headers } from "./types.ts";

/**
 * A server's side of one response: where status, headers and bytes go.
 * @example await runCycle(app, environ, new NodeSink(res)); // the node:http server's
 */
export interface ResponseSink {
  /** Sends the status line and the headers. Called once, just before the first bytes. */
  head(code: number, reason: string, headers: Headers): void;
  /** Sends bytes; resolves when the peer has taken them, rejects with `ClientGone` if it left. */
  send(chunk: Chunk): Promise<void>;
  /** Finishes the response, sending the last bytes if given. */
  end(last?: Chunk): void;
  /** Cuts the response short, so the peer sees it is incomplete. */
  abort(): void;
}

/**
 * The peer went away before the response was finished: nobody is left to answer.
 * @example if (res.destroyed) return Promise.reject(new ClientGone("the client left"));
 */
export class ClientGone extends Error {
  override name = "ClientGone";
}
