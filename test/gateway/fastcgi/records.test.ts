import { describe, expect, it } from "vitest";
import { BadRequest } from "../../../gateway/environ.ts";
import {
  decodeBeginRequest,
  encodeEndRequest,
  encodeUnknownType,
  ProtocolStatus,
  Role,
} from "../../../gateway/fastcgi/messages.ts";
import { decodePairs, encodePairs } from "../../../gateway/fastcgi/name-value.ts";
import { paramsEnviron } from "../../../gateway/fastcgi/params.ts";
import {
  encodeRecord,
  type FastCGIRecord,
  MAX_CONTENT_LENGTH,
  ProtocolError,
  RecordReader,
  RecordType,
  recordHeader,
} from "../../../gateway/fastcgi/records.ts";

const text = (record: FastCGIRecord) => [record.type, record.requestId, record.content.toString()];

describe("FastCGI records", () => {
  it("start with an 8-byte header: version 1, type, request id, content length, padding", () => {
    const record = encodeRecord(RecordType.STDOUT, 258, Buffer.from("hi"));
    expect([...record]).toEqual([1, 6, 1, 2, 0, 2, 0, 0, 104, 105]);
  });

  it("hold at most 65535 bytes of content", () => {
    expect(recordHeader(RecordType.STDOUT, 1, MAX_CONTENT_LENGTH).readUInt16BE(4)).toBe(65535);
    expect(() => recordHeader(RecordType.STDOUT, 1, 65536)).toThrow(RangeError);
  });
});

describe("the record reader", () => {
  const two = Buffer.concat([
    encodeRecord(RecordType.PARAMS, 1, Buffer.from("first")),
    encodeRecord(RecordType.STDIN, 1, Buffer.from("second")),
  ]);

  it("reads several records packed in one chunk", () => {
    const records = [...new RecordReader().read(two)].map(text);
    expect(records).toEqual([
      [RecordType.PARAMS, 1, "first"],
      [RecordType.STDIN, 1, "second"],
    ]);
  });

  it("reads records split across chunks anywhere, one byte at a time", () => {
    const reader = new RecordReader();
    const records: FastCGIRecord[] = [];
    for (const byte of two) records.push(...reader.read(Buffer.from([byte])));
    expect(records.map(text)).toEqual([
      [RecordType.PARAMS, 1, "first"],
      [RecordType.STDIN, 1, "second"],
    ]);
  });

  it("skips any padding after the content", () => {
    const padded = Buffer.from([1, 5, 0, 1, 0, 3, 5, 0, 97, 98, 99, 0, 0, 0, 0, 0]);
    const next = encodeRecord(RecordType.STDIN, 1);
    const records = [...new RecordReader().read(Buffer.concat([padded, next]))];
    expect(records.map(text)).toEqual([
      [RecordType.STDIN, 1, "abc"],
      [RecordType.STDIN, 1, ""],
    ]);
  });

  it("throws a ProtocolError at a header that is not FastCGI version 1", () => {
    const reader = new RecordReader();
    expect(() => [...reader.read(Buffer.from("GET / HTTP/1.1\r\n"))]).toThrow(ProtocolError);
  });
});

describe("name-value pairs", () => {
  it("use one byte for a length under 128, and four with the high bit set for longer", () => {
    const long = "x".repeat(200);
    const bytes = encodePairs([
      ["A", "b"],
      ["LONG", long],
    ]);
    expect([...bytes.subarray(0, 4)]).toEqual([1, 1, 65, 98]);
    expect([...bytes.subarray(4, 9)]).toEqual([4, 0x80, 0, 0, 200]);
    expect(decodePairs(bytes)).toEqual([
      ["A", "b"],
      ["LONG", long],
    ]);
  });

  it("give a length of 127 one byte, and a length of 128 four", () => {
    const bytes = encodePairs([
      ["A", "x".repeat(127)],
      ["B", "y".repeat(128)],
    ]);
    expect([...bytes.subarray(0, 2)]).toEqual([1, 127]);
    expect([...bytes.subarray(130, 135)]).toEqual([1, 0x80, 0, 0, 128]);
    const decoded = decodePairs(bytes).map(([, value]) => value.length);
    expect(decoded).toEqual([127, 128]);
  });

  it("give a name of 128 bytes or more a four-byte length too", () => {
    const name = "N".repeat(300);
    const bytes = encodePairs([[name, "v"]]);
    expect([...bytes.subarray(0, 5)]).toEqual([0x80, 0, 1, 44, 1]); // 300 = 0x012c
    expect(decodePairs(bytes)).toEqual([[name, "v"]]);
  });

  it("throw a ProtocolError when a length runs past the end", () => {
    expect(() => decodePairs(Buffer.from([1, 5, 65, 98]))).toThrow(ProtocolError);
    expect(() => decodePairs(Buffer.from([0x80, 0]))).toThrow(ProtocolError);
  });
});

describe("the fixed-size record bodies", () => {
  it("read a BEGIN_REQUEST as the role in bytes 0-1 and the flags in byte 2", () => {
    const begin = decodeBeginRequest(Buffer.from([0, 1, 1, 0, 0, 0, 0, 0]));
    expect(begin).toEqual({ role: Role.RESPONDER, keepConnection: true });
    const other = decodeBeginRequest(Buffer.from([0, 2, 0, 0, 0, 0, 0, 0]));
    expect(other).toEqual({ role: Role.AUTHORIZER, keepConnection: false });
  });

  it("take a BEGIN_REQUEST of under 8 bytes for none", () => {
    expect(decodeBeginRequest(Buffer.from([0, 1, 1]))).toBeUndefined();
  });

  it("write an END_REQUEST as the app status in bytes 0-3 and the protocol status in byte 4", () => {
    const body = encodeEndRequest(258, ProtocolStatus.UNKNOWN_ROLE);
    expect([...body]).toEqual([0, 0, 1, 2, 3, 0, 0, 0]);
  });

  it("write an UNKNOWN_TYPE as the type in byte 0", () => {
    expect([...encodeUnknownType(42)]).toEqual([42, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("the parameters as meta-variables", () => {
  const pair = (name: string, value: number[]): [string, string] => [
    name,
    Buffer.from(value).toString("latin1"),
  ];
  /** The pairs as a web server sends them, each character of the text one byte (all short). */
  const params = (...pairs: [string, string][]) =>
    paramsEnviron(
      Buffer.concat(
        pairs.map(([name, value]) =>
          Buffer.concat([
            Buffer.from([name.length, value.length]),
            Buffer.from(name + value, "latin1"),
          ]),
        ),
      ),
    );

  it("decode paths as UTF-8 and every other value as latin-1", () => {
    const environ = params(
      pair("PATH_INFO", [0x2f, 0xc3, 0xa9]),
      pair("HTTP_X_NAME", [0xc3, 0xa9]),
    );
    expect(environ.PATH_INFO).toBe("/é");
    expect(environ.HTTP_X_NAME).toBe("\u00c3\u00a9");
  });

  it("keep the last value of a name sent twice, an empty one meaning unset", () => {
    expect(params(pair("SCRIPT_NAME", [0x2f, 0x61]), pair("SCRIPT_NAME", [])).SCRIPT_NAME).toBe("");
    const environ = params(["REMOTE_USER", "ada"], ["REMOTE_USER", ""], ["SERVER_PORT", ""]);
    expect(environ).not.toHaveProperty("REMOTE_USER");
    expect(environ.SERVER_PORT).toBe("80");
  });

  it("keep only the variables of the request, the CGI ones first", () => {
    const environ = params(
      ["DOCUMENT_ROOT", "/srv"],
      ["HTTP_ACCEPT", "*/*"],
      ["REQUEST_METHOD", "POST"],
      ["CONTENT_TYPE", "text/plain"],
      ["HTTP_CONTENT_TYPE", "text/plain"],
      ["REMOTE_USER", ""],
    );
    expect(Object.keys(environ)).toEqual([
      "REQUEST_METHOD",
      "SCRIPT_NAME",
      "PATH_INFO",
      "QUERY_STRING",
      "REQUEST_URI",
      "SERVER_NAME",
      "SERVER_PORT",
      "SERVER_PROTOCOL",
      "HTTP_ACCEPT",
      "CONTENT_TYPE",
    ]);
    expect(environ.REQUEST_METHOD).toBe("POST");
  });

  it("join a header sent twice, even when its first line was empty", () => {
    expect(params(["HTTP_ACCEPT", "a"], ["HTTP_ACCEPT", "b"]).HTTP_ACCEPT).toBe("a, b");
    expect(params(["HTTP_ACCEPT", ""], ["HTTP_ACCEPT", "b"]).HTTP_ACCEPT).toBe(", b");
  });

  it("refuse a second line of a header that holds one value, even one the environ leaves out", () => {
    expect(() => params(["HTTP_HOST", ""], ["HTTP_HOST", "evil.example"])).toThrow(BadRequest);
    const lengths = [pair("HTTP_CONTENT_LENGTH", [0x31]), pair("HTTP_CONTENT_LENGTH", [0x32])];
    expect(() => params(...lengths)).toThrow(BadRequest);
  });

  it("refuse a path that is not UTF-8 with a BadRequest", () => {
    expect(() => params(pair("SCRIPT_NAME", [0x2f, 0xff]))).toThrow(BadRequest);
  });

  it("read every request's names from its own bytes, though most repeat from the one before", () => {
    const first = params(["HTTP_X_ONE", "1"], ["SERVER_PORT", "81"]);
    const second = params(["HTTP_X_ONF", "2"], ["SERVER_PORT", "82"]);
    const third = params(["HTTP_X_ONE", "3"], ["SERVER_NAME", "b"]);
    expect([first.HTTP_X_ONE, first.SERVER_PORT]).toEqual(["1", "81"]);
    expect([second.HTTP_X_ONF, second.HTTP_X_ONE, second.SERVER_PORT]).toEqual([
      "2",
      undefined,
      "82",
    ]);
    expect([third.HTTP_X_ONE, third.SERVER_NAME, third.SERVER_PORT]).toEqual(["3", "b", "80"]);
    // The first name is cut short: the reader must not take the last request's for it.
    expect(() => paramsEnviron(Buffer.from([10, 1, ...Buffer.from("HTTP_")]))).toThrow(
      ProtocolError,
    );
  });
});
