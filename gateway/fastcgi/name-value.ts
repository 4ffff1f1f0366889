/**
 * FastCGI name-value pairs: how the request's parameters travel.
 *
 * The PARAMS stream (the CGI meta-variables of a request) and the
 * GET_VALUES records carry pairs of byte strings, each led by the two
 * lengths (FastCGI 1.0, section 3.4). A length under 128 takes one byte;
 * a longer one takes four, with the high bit of the first set to say so.
 * There are no separators, so a pair may hold any bytes at all.
 *
 * The protocol says nothing of how the bytes encode text, so `decodePairs`
 * reads them as latin-1, in which each byte is one character of the same
 * code: no byte is lost or changed, and a value meant as UTF-8 is decoded
 * again from those characters (params.ts does it for the paths). Reading
 * each pair's text straight out of the record, rather than cutting a
 * Buffer for each name and value first, matters: a web server sends some
 * twenty pairs with every request, and params.ts reads them with a
 * `PairReader` straight into the environ.
 *
 * @example
 * const bytes = encodePairs([["REQUEST_METHOD", "GET"]]); // 0e 03 "REQUEST_METHOD" "GET"
 * decodePairs(bytes); // [["REQUEST_METHOD", "GET"]]
 */
import { ProtocolError } from "./records.ts";

/** The high bit of a length's first byte: this length takes four bytes. */
const LONG_LENGTH = 0x80;

/** The names `PairReader.name` read last, by place (the first name of a request at 0, ...). */
const RECENT_NAMES: string[] = [];
/** How many places are remembered: more names than a web server sends with a request. */
const RECENT_NAMES_KEPT = 64;

/** A name and a value, each byte read as one latin-1 character. */
export type RawPair = [name: string, value: string];

/**
 * Encodes pairs; text is encoded as UTF-8.
 * @example socket.write(encodeRecord(RecordType.PARAMS, 1, encodePairs([["PATH_INFO", "/"]])));
 */
export function encodePairs(pairs: Iterable<[string, string]>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of pairs) {
    const nameBytes = Buffer.from(name);
    const valueBytes = Buffer.from(value);
    parts.push(encodeLength(nameBytes.byteLength), encodeLength(valueBytes.byteLength));
    parts.push(nameBytes, valueBytes);
  }
  return Buffer.concat(parts);
}

function encodeLength(length: number): Buffer {
  if (length < LONG_LENGTH) return Buffer.from([length]);
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(length + 0x8000_0000);
  return bytes;
}

/**
 * Splits bytes into pairs, as latin-1 text. Throws a `ProtocolError` when
 * a length runs past the end: the bytes are not name-value pairs.
 * @example decodePairs(Buffer.from([1, 1, 65, 66])); // [["A", "B"]]
 */
export function decodePairs(bytes: Uint8Array): RawPair[] {
  const reader = new PairReader(bytes);
  const pairs: RawPair[] = [];
  while (!reader.done) {
    const nameLength = reader.length();
    const valueLength = reader.length();
    pairs.push([reader.text(nameLength), reader.text(valueLength)]);
  }
  return pairs;
}

/**
 * Reads lengths and text from the front of the pairs, one after the
 * other: a pair's two lengths, then its name, then its value. Throws a
 * `ProtocolError` for a length that runs past the end.
 * @example const reader = new PairReader(bytes); const nameLength = reader.length();
 */
export class PairReader {
  readonly buffer: Buffer;
  at = 0;

  constructor(bytes: Uint8Array) {
    this.buffer = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.at >= this.buffer.byteLength;
  }

  length(): number {
    const { buffer, at } = this;
    if (at >= buffer.byteLength) throw truncated();
    if (((buffer[at] as number) & LONG_LENGTH) === 0) {
      this.at += 1;
      return buffer[at] as number;
    }
    if (at + 4 > buffer.byteLength) throw truncated();
    this.at += 4;
    return buffer.readUInt32BE(at) - 0x8000_0000;
  }

  text(length: number): string {
    const start = this.at;
    this.skip(length);
    return this.buffer.toString("latin1", start, this.at);
  }

  /**
   * Reads the name of the `index`th pair. A web server sends the same
   * names in the same order with every request, so the name read last at
   * the same place is taken again when its bytes match: comparing a few
   * bytes costs far less than a new string, which V8 must then hash and
   * look up among its property names to store it in the environ.
   */
  name(length: number, index: number): string {
    const recent = RECENT_NAMES[index];
    if (recent?.length === length && this.#holds(recent)) {
      this.at += length;
      return recent;
    }
    const name = this.text(length);
    if (index < RECENT_NAMES_KEPT) RECENT_NAMES[index] = name;
    return name;
  }

  /** True when the next bytes are `text`'s characters, one byte each. */
  #holds(text: string): boolean {
    const { buffer, at } = this;
    if (at + text.length > buffer.byteLength) return false;
    for (let i = 0; i < text.length; i++) {
      if (buffer[at + i] !== text.charCodeAt(i)) return false;
    }
    return true;
  }

  /** Passes over `length` bytes without making text of them. */
  skip(length: number): void {
    if (this.at + length > this.buffer.byteLength) throw truncated();
    this.at += length;
  }
}

function truncated(): ProtocolError {
  return new ProtocolError("the name-value pairs end in the middle of a pair");
}
