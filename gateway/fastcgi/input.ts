/**
 * The request body of a FastCGI request: the STDIN stream, as a Node
 * `Readable`, and `gateway.input` over it.
 *
 * The web server sends the body in STDIN records, ended by an empty one
 * (FastCGI 1.0, section 5.3). That record, not CONTENT_LENGTH, says where
 * the body ends: a web server that streams a chunked upload (Apache) sends
 * no CONTENT_LENGTH at all, so the app reads STDIN to its end. The records
 * arrive on the same socket as everything else, as fast as the web server
 * sends them; an app may read the body slowly, or not at all. So the stream holds a little (its
 * `highWaterMark`), and when that is full it pauses the socket: TCP then
 * tells the web server to wait, and a large upload never piles up in
 * memory. Reading on resumes the socket. While the socket is paused,
 * nothing else on that connection is read either: an ABORT_REQUEST or a
 * management record waits behind the body until the app reads on, or the
 * request ends (which drops the rest of the body and resumes the socket).
 *
 * @example
 * const stdin = new StdinStream(socket);
 * stdin.add(record.content); // for each STDIN record
 * stdin.finish();            // for the empty one
 */
import type { Socket } from "node:net";
import { Readable } from "node:stream";
import { OnceOnlyInput } from "../environ.ts";

/** How much of the body may wait for the app: a few records' worth. */
const BUFFERED_BYTES = 64 * 1024;

/**
 * The STDIN stream of one request; the app reads it through `gateway.input`.
 * @example for await (const chunk of new StdinStream(socket)) total += chunk.byteLength;
 */
export class StdinStream extends Readable {
  constructor(readonly socket: Socket) {
    super({ highWaterMark: BUFFERED_BYTES });
    // Destroyed with an error (the connection closed) while no app reads it,
    // the stream must not throw that error at the process: an app that
    // reads it gets the error from its loop.
    this.on("error", () => {});
  }

  /** Takes the bytes of one STDIN record. Once the app has stopped reading, they are dropped. */
  add(bytes: Uint8Array): void {
    if (this.destroyed) return;
    if (!this.push(bytes)) this.socket.pause();
  }

  /** The empty STDIN record: the body is complete. */
  finish(): void {
    if (!this.destroyed) this.push(null);
  }

  /** The app wants more: let the web server send it. */
  override _read(): void {
    this.socket.resume();
  }

  /**
   * The app left its loop, or the request is over: what is still to come
   * is dropped, and the socket must flow again for the records after it.
   */
  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.socket.resume();
    done(error);
  }
}

/**
 * `gateway.input` over a request's STDIN stream, read to its end. The
 * request makes the stream when the app opens the input, not before.
 * @example finishEnviron(environ, () => new StdinInput(request), errors, LONG_RUNNING, request);
 */
export class StdinInput extends OnceOnlyInput {
  constructor(readonly request: { readonly stdin: StdinStream }) {
    super();
  }

  /** Leaving the loop early destroys the stream: the rest of the body is dropped. */
  protected open(): AsyncIterator<Uint8Array> {
    return this.request.stdin[Symbol.asyncIterator]();
  }
}
