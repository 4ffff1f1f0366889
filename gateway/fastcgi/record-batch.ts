/**
 * Records that leave together, in one write.
 *
 * A response is several records: the head and the body in STDOUT records
 * (at most 65535 bytes each, FastCGI 1.0, section 3.3), the empty STDOUT
 * record that ends the stream, the END_REQUEST. Each record is an 8-byte
 * header and its content. Handing the socket each header and each content
 * on its own, even corked, costs Node a queued write apiece; for a small
 * answer that was a good part of the server's time per request
 * (bench/README.md). So a batch gathers the records, and a small batch
 * leaves as one buffer, in one write. A large one (a big chunk of a
 * download) goes as its pieces, corked, rather than be copied.
 *
 * @example
 * new RecordBatch(1)
 *   .add(RecordType.STDOUT, head)
 *   .add(RecordType.STDOUT, new Uint8Array(0)) // the end of STDOUT
 *   .writeTo(socket);
 */
import type { Socket } from "node:net";
import { writeChunk } from "../stream-write.ts";
import { HEADER_LENGTH, MAX_CONTENT_LENGTH, recordHeader } from "./records.ts";

/** Up to this many bytes, a batch is copied into one buffer; past it, its pieces go out as they are. */
const JOIN_LIMIT = 16 * 1024;

/**
 * The records of one request, gathered to be written at once.
 * @example await new RecordBatch(1).add(RecordType.STDOUT, chunk).sendTo(socket);
 */
export class RecordBatch {
  /** Headers and contents, in order. */
  readonly #pieces: Uint8Array[] = [];
  #length = 0;

  constructor(readonly requestId: number) {}

  /**
   * Adds `bytes` as records of `type`, as many as it takes. Empty `bytes`
   * make the one empty record that ends a stream.
   */
  add(type: number, bytes: Uint8Array): this {
    let at = 0;
    do {
      const piece = bytes.subarray(at, at + MAX_CONTENT_LENGTH);
      this.#pieces.push(recordHeader(type, this.requestId, piece.byteLength));
      if (piece.byteLength > 0) this.#pieces.push(piece);
      this.#length += HEADER_LENGTH + piece.byteLength;
      at += piece.byteLength;
    } while (at < bytes.byteLength);
    return this;
  }

  /** Queues the records on the socket. */
  writeTo(socket: Socket): void {
    if (this.#length <= JOIN_LIMIT) {
      socket.write(this.#joined());
      return;
    }
    socket.cork();
    for (const piece of this.#pieces) socket.write(piece);
    socket.uncork();
  }

  /**
   * Writes the records, and resolves once the socket has written them out
   * (see stream-write.ts for why servers wait for that).
   */
  sendTo(socket: Socket): Promise<void> {
    if (this.#length <= JOIN_LIMIT) return writeChunk(socket, this.#joined());
    // The socket writes in order: once the last piece is out, all of them are.
    const last = this.#pieces.pop() as Uint8Array;
    socket.cork();
    for (const piece of this.#pieces) socket.write(piece);
    const written = writeChunk(socket, last);
    socket.uncork();
    return written;
  }

  #joined(): Buffer {
    return Buffer.concat(this.#pieces, this.#length);
  }
}
