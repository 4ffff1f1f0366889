/**
 * Writing to a Node stream with back-pressure.
 *
 * `stream.write()` always accepts the bytes, and returns `false` when its
 * buffer is full: a writer that keeps going fills memory with what the
 * reader has not taken yet. So a writer that respects back-pressure waits
 * for the `drain` event before it writes again. CGI needs this twice: the
 * CGI handler writing its answer to stdout, and the CGI host writing a
 * request body to a program's stdin.
 *
 * @example
 * for await (const chunk of body) await writeChunk(process.stdout, chunk);
 */
import type { Writable } from "node:stream";
import { ClientGone } from "./response-cycle.ts";

const TAKEN: Promise<void> = Promise.resolve();

/**
 * Writes one chunk. Resolves at once while the stream has room, else when
 * it has drained; rejects with `ClientGone` when the stream is closed, or
 * closes before it drains (the reader went away).
 * @example await writeChunk(child.stdin, chunk);
 */
export function writeChunk(stream: Writable, chunk: Uint8Array): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.reject(closed());
  return stream.write(chunk) ? TAKEN : drained(stream);
}

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => settle(resolve);
    const onClose = () => settle(() => reject(closed()));
    const settle = (then: () => void) => {
      stream.off("drain", onDrain).off("close", onClose);
      then();
    };
    stream.on("drain", onDrain).on("close", onClose);
  });
}

function closed(): ClientGone {
  return new ClientGone("the reader closed the stream before it took all the bytes");
}
