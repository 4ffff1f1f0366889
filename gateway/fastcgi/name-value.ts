/**
 * FastCGI name-value pairs: how the request's parameters travel.
 *
 * The PARAMS stream (the CGI meta-variables of a request) and the
 * GET_VALUES records carry pairs of byte strings, each led by the two
 * lengths (FastCGI 1.0, section 3.4). A length under 128 takes one byte;
 * a longer one takes four, with the high bit of the first set to say so.
 * There are no separators, so a pair may hold any bytes at all.
 *
 * @example
 * const bytes = encodePairs([["REQUEST_METHOD", "GET"]]); // 0e 03 "REQUEST_METHOD" "GET"
 * decodePairs(bytes); // [[bytes of "REQUEST_METHOD", bytes of "GET"]]
 */
import { ProtocolError } from "./records.ts";

/** The high bit of a length's first byte: this length takes four bytes. */
const LONG_LENGTH = 0x80;

/** A name and a value, as bytes: the protocol says nothing of their encoding. */
export type RawPair = [name: Buffer, value: Buffer];

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
 * Splits bytes into pairs. Throws a `ProtocolError` when a length runs
 * past the end: the bytes are not name-value pairs.
 * @example decodePairs(Buffer.from([1, 1, 65, 66])); // [[bytes of "A", bytes of "B"]]
 */
export function decodePairs(bytes: Uint8Array): RawPair[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pairs: RawPair[] = [];
  let at = 0;
  const readLength = (): number => {
    if (at >= buffer.byteLength) throw truncated();
    if (((buffer[at] as number) & LONG_LENGTH) === 0) return buffer[at++] as number;
    if (at + 4 > buffer.byteLength) throw truncated();
    const length = buffer.readUInt32BE(at) - 0x8000_0000;
    at += 4;
    return length;
  };
  const readBytes = (length: number): Buffer => {
    if (at + length > buffer.byteLength) throw truncated();
    at += length;
    return buffer.subarray(at - length, at);
  };
  while (at < buffer.byteLength) {
    const nameLength = readLength();
    const valueLength = readLength();
    pairs.push([readBytes(nameLength), readBytes(valueLength)]);
  }
  return pairs;
}

function truncated(): ProtocolError {
  return new ProtocolError("the name-value pairs end in the middle of a pair");
}
