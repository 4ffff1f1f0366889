/**
 * Writing a response to `node:http`'s `ServerResponse`.
 *
 * The `node:http` server (http-server.ts) and the Express bridge
 * (bridges/express.ts) both answer on Node's `ServerResponse` (Express's
 * response is Node's, with extras), so both send through the sink here,
 * and refuse a request no app should see with the same 400.
 *
 * @example
 * await runCycle(app, environ, new NodeSink(res));
 */
import type http from "node:http";
import type { ClientWatch } from "./request-signal.ts";
import { ClientGone, type ResponseSink } from "./response-sink.ts";
import { writeChunk } from "./stream-write.ts";
import type { Chunk, Headers } from "./types.ts";

/**
 * Writes the response to Node's `ServerResponse`, one chunk at a time, and
 * tells `gateway.signal` when the connection closes before the end.
 * @example const error = await runCycle(app, environ, new NodeSink(res));
 */
export class NodeSink implements ResponseSink, ClientWatch {
  constructor(readonly res: http.ServerResponse) {}

  head(code: number, reason: string, headers: Headers): void {
    // Node takes headers as one flat [name, value, name, value, ...] list, repeats allowed.
    const flat: string[] = [];
    for (const [name, value] of headers) flat.push(name, value);
    this.res.writeHead(code, reason, flat);
  }

  /** Resolves once the socket has written the chunk out (see stream-write.ts for why). */
  send(chunk: Chunk): Promise<void> {
    return writeChunk(this.res, chunk);
  }

  end(last?: Chunk): void {
    this.res.end(last);
  }

  /**
   * Node closes the response when its connection closes: the client left,
   * or the server is stopping. After a complete answer, nobody has gone.
   */
  watchClient(abort: (reason: ClientGone) => void): void {
    const { res } = this;
    const closed = () => {
      if (!res.writableFinished) abort(new ClientGone("the connection closed before the answer"));
    };
    if (res.closed) closed();
    else res.once("close", closed);
  }

  /**
   * Resets the connection rather than closing it cleanly. A chunked body or
   * one with a Content-Length shows the client it was cut either way; but
   * a body with neither (for an HTTP/1.0 client) ends where the connection
   * closes, so a clean close would pass half a page off as a whole one.
   */
  abort(): void {
    if (this.res.socket === null) this.res.destroy();
    else this.res.socket.resetAndDestroy();
  }
}
