/**
 * FastCGI records: the frames everything on a FastCGI connection travels in.
 *
 * A web server and a FastCGI application talk over one socket in records
 * (FastCGI 1.0, section 3.3): an 8-byte header (version 1, the record's
 * type, the request it belongs to, the length of its content and of its
 * padding, a reserved byte), then the content, then the padding. A record
 * holds at most 65535 bytes of content, so a longer stream (a request's
 * parameters, its body, the response) is cut into several records of one
 * type, and an empty record of that type ends it (section 3.3, "Types of
 * Record Types").
 *
 * TCP delivers bytes, not records: one chunk from the socket may hold half
 * a record or several. `RecordReader` keeps what it was given until whole
 * records are in.
 *
 * @example
 * const reader = new RecordReader();
 * socket.on("data", (chunk) => {
 *   for (const record of reader.read(chunk)) handle(record);
 * });
 * socket.write(encodeRecord(RecordType.STDOUT, 1, encode("Status: 200 OK\r\n\r\n")));
 */

/** The one version of the protocol there is. */
export const FCGI_VERSION = 1;

/** Every record starts with a header of this many bytes. */
export const HEADER_LENGTH = 8;

/** The most content one record can hold: its length is a 16-bit number. */
export const MAX_CONTENT_LENGTH = 0xffff;

/** The record types of FastCGI 1.0 (section 8). */
export const RecordType = {
  BEGIN_REQUEST: 1,
  ABORT_REQUEST: 2,
  END_REQUEST: 3,
  PARAMS: 4,
  STDIN: 5,
  STDOUT: 6,
  STDERR: 7,
  DATA: 8,
  GET_VALUES: 9,
  GET_VALUES_RESULT: 10,
  UNKNOWN_TYPE: 11,
} as const;

/** Records with request id 0 are about the connection, not a request: "management records". */
export const MANAGEMENT_ID = 0;

/** One record, as read from the socket: the padding is gone. */
export interface FastCGIRecord {
  type: number;
  requestId: number;
  content: Buffer;
}

/**
 * Bytes that are not FastCGI: the connection cannot go on, as nothing
 * says where the next record starts.
 * @example throw new ProtocolError("version 72 is not FastCGI 1");
 */
export class ProtocolError extends Error {
  override name = "ProtocolError";
}

/**
 * The 8-byte header of a record with `contentLength` bytes of content and
 * no padding: padding to a multiple of 8 is only a suggestion to go faster
 * (section 3.3), and a reader must accept records without it.
 * @example socket.write(recordHeader(RecordType.STDOUT, 1, chunk.byteLength)); socket.write(chunk);
 */
export function recordHeader(type: number, requestId: number, contentLength: number): Buffer {
  // From Node's shared pool: `writeRecordHeader` writes every byte.
  const header = Buffer.allocUnsafe(HEADER_LENGTH);
  writeRecordHeader(header, 0, type, requestId, contentLength);
  return header;
}

/**
 * Writes a record's header into `target` at `offset`, as `recordHeader`
 * makes it, for a writer that puts several records in one buffer.
 * @example writeRecordHeader(buffer, 0, RecordType.STDOUT, 1, 5); buffer.write("hello", 8);
 */
export function writeRecordHeader(
  target: Buffer,
  offset: number,
  type: number,
  requestId: number,
  contentLength: number,
): void {
  if (contentLength > MAX_CONTENT_LENGTH) {
    throw new RangeError(
      `a record holds at most ${MAX_CONTENT_LENGTH} bytes, not ${contentLength}`,
    );
  }
  target[offset] = FCGI_VERSION;
  target[offset + 1] = type;
  target.writeUInt16BE(requestId, offset + 2);
  target.writeUInt16BE(contentLength, offset + 4);
  // No padding, and the reserved byte 0.
  target.writeUInt16BE(0, offset + 6);
}

/**
 * One whole record: header and content, in one buffer.
 * @example socket.write(encodeRecord(RecordType.PARAMS, 1)); // the empty record that ends PARAMS
 */
export function encodeRecord(
  type: number,
  requestId: number,
  content: Uint8Array = new Uint8Array(0),
): Buffer {
  return Buffer.concat([recordHeader(type, requestId, content.byteLength), content]);
}

/**
 * Reads records out of a stream of bytes that may split them anywhere.
 * @example for (const record of reader.read(chunk)) console.log(record.type, record.requestId);
 */
export class RecordReader {
  /** The bytes received and not yet part of a whole record, oldest first. */
  #chunks: Buffer[] = [];
  #length = 0;

  /**
   * Takes the next chunk from the socket and yields each record that is now
   * whole. Throws a `ProtocolError` at the first header that is not FastCGI.
   */
  *read(chunk: Buffer): Generator<FastCGIRecord> {
    this.push(chunk);
    for (let record = this.next(); record !== undefined; record = this.next()) yield record;
  }

  /**
   * Takes the next chunk from the socket, for `next` to read. `read` does
   * both; a server calls them itself, which spares it a generator per chunk.
   */
  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#length += chunk.byteLength;
  }

  /**
   * The next whole record, or `undefined` until more bytes come. Throws a
   * `ProtocolError` at a header that is not FastCGI.
   */
  next(): FastCGIRecord | undefined {
    if (this.#length < HEADER_LENGTH) return undefined;
    const header = this.#front(HEADER_LENGTH);
    const version = header.readUInt8(0);
    if (version !== FCGI_VERSION) {
      throw new ProtocolError(`a record of version ${version} is not FastCGI 1`);
    }
    const contentLength = header.readUInt16BE(4);
    const size = HEADER_LENGTH + contentLength + header.readUInt8(6);
    if (this.#length < size) return undefined;
    const bytes = this.#take(size);
    return {
      type: bytes.readUInt8(1),
      requestId: bytes.readUInt16BE(2),
      content: bytes.subarray(HEADER_LENGTH, HEADER_LENGTH + contentLength),
    };
  }

  /**
   * The first `size` bytes, in one buffer. Chunks are joined only when a
   * record spans them, so each byte is copied at most once: a big record
   * arriving in many small chunks costs no more than one arriving whole.
   */
  #front(size: number): Buffer {
    const first = this.#chunks[0] as Buffer;
    if (first.byteLength >= size) return first;
    let joined = 0;
    let count = 0;
    while (joined < size) joined += (this.#chunks[count++] as Buffer).byteLength;
    const merged = Buffer.concat(this.#chunks.splice(0, count));
    this.#chunks.unshift(merged);
    return merged;
  }

  /** Removes the first `size` bytes and returns them. */
  #take(size: number): Buffer {
    const bytes = this.#front(size).subarray(0, size);
    const first = this.#chunks[0] as Buffer;
    if (first.byteLength === size) this.#chunks.shift();
    else this.#chunks[0] = first.subarray(size);
    this.#length -= size;
    return bytes;
  }
}
