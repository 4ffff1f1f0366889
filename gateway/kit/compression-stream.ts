/**
 * One response's compressor: a `node:zlib` stream fed chunk by chunk (the
 * part of Paste's `paste.gzipper` that wraps Python's `gzip` module).
 *
 * A compressor keeps what it was given until it has enough to compress
 * well, so on its own it would hold back the first chunks of a streaming
 * app (lesson 07's countdown would arrive all at once, at the end). So
 * after each chunk of the app it is flushed: it emits everything it holds,
 * compressed, and the client can decode the response so far. This is
 * gzip's `Z_SYNC_FLUSH` (brotli's `BROTLI_OPERATION_FLUSH`). PEP 3333
 * would let a middleware hold bytes back, yielding an empty chunk for each
 * chunk of the app meanwhile ("Middleware Handling of Block Boundaries"),
 * but the client would then wait for them: we choose to flush. It costs a
 * few bytes per flush, and some ratio, since each chunk is compressed
 * nearly on its own; an app that yields many tiny chunks should join them.
 *
 * @example
 * const compressor = new Compressor("gzip");
 * yield await compressor.compress(chunk); // for each chunk of the app
 * yield await compressor.finish();        // the end of the compressed stream
 */
import zlib from "node:zlib";
import type { Chunk } from "../types.ts";
import type { Coding } from "./accept-encoding.ts";

const { BROTLI_OPERATION_FLUSH, BROTLI_PARAM_QUALITY, Z_SYNC_FLUSH } = zlib.constants;

/**
 * Brotli's own default quality, 11, is meant for files compressed once;
 * for answers compressed on every request, 5 is about as fast as gzip and
 * still smaller.
 */
const BROTLI_QUALITY = 5;

/**
 * Compresses one response's body, chunk by chunk.
 * @example const output = await new Compressor("br").finish([encode("all at once")]);
 */
export class Compressor {
  readonly #stream: zlib.Gzip | zlib.BrotliCompress;
  readonly #flushKind: number;
  #output: Buffer[] = [];
  /** The step in progress: steps run one at a time, in order, even if write() is not awaited. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(coding: Coding) {
    this.#stream =
      coding === "br"
        ? zlib.createBrotliCompress({ params: { [BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
        : zlib.createGzip();
    this.#flushKind = coding === "br" ? BROTLI_OPERATION_FLUSH : Z_SYNC_FLUSH;
    // zlib emits every byte of a flush before it calls the flush's callback.
    this.#stream.on("data", (data: Buffer) => this.#output.push(data));
  }

  /**
   * Compresses one chunk and flushes. An empty chunk stays empty: there is
   * nothing to send, and a flush would add bytes for nothing.
   */
  compress(chunk: Chunk): Promise<Chunk> {
    if (chunk.byteLength === 0) return Promise.resolve(chunk);
    return this.#inTurn((done) => {
      this.#stream.write(chunk);
      this.#stream.flush(this.#flushKind, done);
    });
  }

  /** Compresses the last chunks, if any, and ends the stream: the returned bytes close it. */
  finish(last: Chunk[] = []): Promise<Chunk> {
    return this.#inTurn((done) => {
      this.#stream.once("end", done);
      for (const chunk of last) this.#stream.write(chunk);
      this.#stream.end();
    });
  }

  /** Frees the compressor's memory; for a body abandoned before its end. */
  close(): void {
    this.#stream.destroy();
  }

  /** Runs a step after the ones before it, and gives what it emitted. */
  #inTurn(step: (done: () => void) => void): Promise<Chunk> {
    const result = this.#queue.then(
      () =>
        new Promise<Chunk>((resolve, reject) => {
          this.#stream.once("error", reject);
          step(() => {
            this.#stream.off("error", reject);
            resolve(this.#take());
          });
        }),
    );
    this.#queue = result.catch(() => {});
    return result;
  }

  #take(): Chunk {
    const output = Buffer.concat(this.#output);
    this.#output = [];
    return output;
  }
}
