/**
 * Exercise 12-fastcgi-record: the bytes of one FastCGI record, by hand, read
 * back by the workshop's own FastCGI server.
 */
import { describe, expect, it } from "vitest";
import { type FastCGIRecord, RecordReader } from "../../../gateway/fastcgi/records.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("12-deployment", "Exercise: write a FastCGI record");
const file = "12-deployment/fastcgi-record.ts";

type FastcgiRecord = (type: number, requestId: number, content: Uint8Array) => Uint8Array;

const PARAMS = 4;
const STDIN = 5;
const STDOUT = 6;

async function recordOf(type: number, requestId: number, content: Uint8Array): Promise<Buffer> {
  const fastcgiRecord = await exerciseExport<FastcgiRecord>(
    file,
    "fastcgiRecord",
    "function",
    section,
  );
  const bytes = fastcgiRecord(type, requestId, content);
  expect(
    bytes instanceof Uint8Array,
    `fastcgiRecord must return bytes (a Uint8Array or Buffer); ${section.see}`,
  ).toBe(true);
  return Buffer.from(bytes);
}

/** Bytes as the lesson shows them: "01 05 00 01 00 00 00 00". */
function hex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");
}

/**
 * Every record the server's reader finds in these bytes, handed to it `size`
 * bytes at a time, as "type 6, request 1: content"; what it threw, if it did.
 */
function readBack(bytes: Buffer, size: number): string[] {
  const reader = new RecordReader();
  const records: FastCGIRecord[] = [];
  try {
    for (let at = 0; at < bytes.byteLength; at += size) {
      records.push(...reader.read(bytes.subarray(at, at + size)));
    }
  } catch (error) {
    return [`the reader threw ${String(error)}: each record must start with the version, 01`];
  }
  return records.map(
    ({ type, requestId, content }) =>
      `type ${type}, request ${requestId}: ${content.toString("latin1")}`,
  );
}

describe("fastcgiRecord", () => {
  it("writes the empty STDIN record that ends a request's body as 8 bytes", async () => {
    expect(
      hex(await recordOf(STDIN, 1, new Uint8Array(0))),
      `an empty record is its header alone: version 1, type 5, request id 00 01, length 00 00, padding 0, reserved 0; ${section.see}`,
    ).toBe("01 05 00 01 00 00 00 00");
  });

  it("pads a 5-byte STDOUT record with 3 zero bytes, to 16 bytes in all", async () => {
    expect(
      hex(await recordOf(STDOUT, 1, Buffer.from("hello"))),
      `5 bytes of content ("hello" is 68 65 6c 6c 6f) need 3 of padding (8 + 5 + 3 = 16): the header's seventh byte says 03, and 3 zero bytes follow the content; ${section.see}`,
    ).toBe("01 06 00 01 00 05 03 00 68 65 6c 6c 6f 00 00 00");
  });

  it("adds no padding to content that is a multiple of 8 already", async () => {
    expect(
      hex(await recordOf(STDIN, 1, Buffer.from("name=Ada"))),
      `8 bytes of content need no padding (not 8 bytes of it): padding length 00, nothing after the content; ${section.see}`,
    ).toBe("01 05 00 01 00 08 00 00 6e 61 6d 65 3d 41 64 61");
  });

  it("writes the request id and the content length high byte first", async () => {
    const bytes = await recordOf(PARAMS, 258, new Uint8Array(300).fill(7));
    expect(
      hex(bytes.subarray(0, 8)),
      `request 258 is the two bytes 01 02 (1 * 256 + 2), and a length of 300 is 01 2c (1 * 256 + 44), high byte first; 300 bytes need 4 of padding; ${section.see}`,
    ).toBe("01 04 01 02 01 2c 04 00");
    expect(
      bytes.byteLength,
      `the record is the header, the 300 bytes of content and 4 of padding: 312 bytes; ${section.see}`,
    ).toBe(312);
  });

  it("takes 65535 bytes of content, the most a record can hold", async () => {
    const bytes = await recordOf(STDOUT, 1, new Uint8Array(65535));
    expect(
      hex(bytes.subarray(0, 8)),
      `65535 is ff ff, and 65535 bytes need 1 byte of padding; ${section.see}`,
    ).toBe("01 06 00 01 ff ff 01 00");
    expect(bytes.byteLength, `8 + 65535 + 1 bytes; ${section.see}`).toBe(65544);
  });

  it("throws a RangeError for content over 65535 bytes", async () => {
    const fastcgiRecord = await exerciseExport<FastcgiRecord>(
      file,
      "fastcgiRecord",
      "function",
      section,
    );
    expect(
      () => fastcgiRecord(STDOUT, 1, new Uint8Array(65536)),
      `the length has two bytes, so 65536 does not fit: throw new RangeError("...") before writing anything; ${section.see}`,
    ).toThrow(RangeError);
  });

  it("writes records the workshop's FastCGI server reads back, whole or cut anywhere", async () => {
    const bytes = Buffer.concat([
      await recordOf(PARAMS, 1, Buffer.from("\x0e\x03REQUEST_METHODGET", "latin1")),
      await recordOf(PARAMS, 1, new Uint8Array(0)),
      await recordOf(STDIN, 258, Buffer.from("name=Ada&lang=en")),
      await recordOf(STDOUT, 1, Buffer.from("Status: 200 OK\r\n\r\n")),
    ]);
    const expected = [
      "type 4, request 1: \x0e\x03REQUEST_METHODGET",
      "type 4, request 1: ",
      "type 5, request 258: name=Ada&lang=en",
      "type 6, request 1: Status: 200 OK\r\n\r\n",
    ];
    for (const size of [bytes.byteLength, 3]) {
      expect(
        readBack(bytes, size),
        `the FastCGI server's reader (RecordReader, in gateway/fastcgi/records.ts), handed your records ${size === 3 ? "3 bytes at a time" : "all at once"}, must find the four you wrote, with their type, request id and content, and no padding in the content; ${section.see}`,
      ).toEqual(expected);
    }
  });
});
