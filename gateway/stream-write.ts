/**
 * Writing to a Node stream with back-pressure.
 *
 * `stream.write()` always accepts the bytes, and only reports (by
 * returning `false`) that its buffer is full: a writer that keeps going
 * fills memory with what the reader has not taken yet. So every server
 * here waits, chunk by chunk, until the stream has written the bytes out
 * (its write callback) before it asks the app for more. Waiting for the
 * callback, not just for room in the buffer, also means the app may reuse
 * a chunk's memory once the wait is over, as a file reader refilling one
 * buffer does. The `node:http` server writes responses this way, the CGI
 * handler its answer to stdout, and the CGI host a request body to a
 * program's stdin.
 *
 * @example
 * for await (const chunk of body) await writeChunk(process.stdout, chunk);
 */
import type { Writable } from "node:stream";
import { ClientGone } from "./response-sink.ts";

/** What `writeChunk` needs of a stream: `Writable`s and `node:http`'s `ServerResponse` both have it. */
export type WritableLike = Pick<Writable, "write" | "destroyed" | "once" | "off">;

/**
 * Writes one chunk and resolves once the stream has written it out; rejects
 * with `ClientGone` when the stream is closed, or closes first (the reader
 * went away).
 * @example await writeChunk(child.stdin, chunk);
 */
export function writeChunk(stream: WritableLike, chunk: Uint8Array): Promise<void> {
  if (stream.destroyed) return Promise.reject(gone());
  return new Promise((resolve, reject) => {
    // A stream that closes first may never call back: its "close" settles the wait.
    const onClose = () => reject(gone());
    stream.once("close", onClose);
    stream.write(chunk, (error) => {
      stream.off("close", onClose);
      if (error) reject(gone());
      else resolve();
    });
  });
}

function gone(): ClientGone {
  return new ClientGone("the reader went away before it took all the bytes");
}
