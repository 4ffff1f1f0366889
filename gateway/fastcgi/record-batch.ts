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
import { HEADER_LENGTH, MAX_CONTENT_LENGTH, recordHeader, writeRecordHeader } from "./records.ts";

/** Up to this many bytes, a batch is copied into one buffer; past it, its pieces go out as they are. */
const JOIN_LIMIT = 16 * 1024;

/**
 * The records of one request, gathered to be written at once.
 * @example await new RecordBatch(1).add(RecordType.STDOUT, chunk).sendTo(socket);
 */
export class RecordBatch {
  /** Each record's type and content, in order: the headers are made as the batch leaves. */
  readonly #types: number[] = [];
  readonly #contents: Uint8Array[] = [];
  #length = 0;

  constructor(readonly requestId: number) {}

  /**
   * Adds `bytes` as records of `type`, as many as it takes. Empty `bytes`
   * make the one empty record that ends a stream.
   */
  add(type: number, bytes: Uint8Array): this {
    let at = 0;
    do {
      // Most bytes fit in one record: they go in as they are, not as a copy of their view.
      const piece =
        at === 0 && bytes.byteLength <= MAX_CONTENT_LENGTH
          ? bytes
          : bytes.subarray(at, at + MAX_CONTENT_LENGTH);
      this.#types.push(type);
      this.#contents.push(piece);
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
    for (const piece of this.#pieces()) socket.write(piece);
    socket.uncork();
  }

  /**
   * Writes the records, and resolves once the socket has written them out
   * (see stream-write.ts for why servers wait for that).
   */
  sendTo(socket: Socket): Promise<void> {
    if (this.#length <= JOIN_LIMIT) return writeChunk(socket, this.#joined());
    // The socket writes in order: once the last piece is out, all of them are.
    const pieces = this.#pieces();
    const last = pieces.pop() as Uint8Array;
    socket.cork();
    for (const piece of pieces) socket.write(piece);
    const written = writeChunk(socket, last);
    socket.uncork();
    return written;
  }

  /** The records in one buffer, each header written in place before its content. */
  #joined(): Buffer {
    const joined = Buffer.allocUnsafe(this.#length);
    let at = 0;
    for (let i = 0; i < this.#contents.length; i++) {
      const content = this.#contents[i] as Uint8Array;
      writeRecordHeader(joined, at, this.#types[i] as number, this.requestId, content.byteLength);
      joined.set(content, at + HEADER_LENGTH);
      at += HEADER_LENGTH + content.byteLength;
    }
    return joined;
  }

  /** Headers and contents, in order, for a batch too large to copy. */
  #pieces(): Uint8Array[] {
    return this.#contents.flatMap((content, i) => {
      const header = recordHeader(this.#types[i] as number, this.requestId, content.byteLength);
      return content.byteLength > 0 ? [header, content] : [header];
    });
  }
}
