/**
 * A naive FastCGI responder: the anchor the gateway's FastCGI server is measured against.
 *
 * What a programmer writes in an afternoon to answer hello world behind
 * nginx or Apache, and nothing more: it gathers each request's records,
 * reads its parameters into an object of strings (as any responder must,
 * to know what was asked), and once the body has ended (the empty STDIN
 * record) writes the answer, the end of STDOUT and the END_REQUEST in one
 * write. It keeps the connection when the web server asked (FCGI_KEEP_CONN).
 * No streaming, no errors, no limits: the least work a Node responder can
 * do, so the gateway's cost is read against it (bench/README.md).
 * The answer is the bytes the gateway's server sends for hello world.
 *
 * @example
 * // node --import tsx bench/servers/fastcgi-naive.ts
 * // 127.0.0.1:40123   (point the web server's fastcgi_pass at it)
 */
import { once } from "node:events";
import net, { type AddressInfo } from "node:net";
import { announce, BODY, CONTENT_TYPE } from "./shared.ts";

const STDOUT = 6;
const head = `Status: 200 OK\r\nContent-Type: ${CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n\r\n`;

/** One record: the 8-byte header (version 1, type, request id, length; no padding), then the content. */
function record(type: number, id: number, content: Buffer): Buffer {
  const header = Buffer.from([
    1,
    type,
    id >> 8,
    id & 0xff,
    content.length >> 8,
    content.length & 0xff,
    0,
    0,
  ]);
  return Buffer.concat([header, content]);
}

/** The answer, its records in the order the gateway writes them: head, body, end of STDOUT, END_REQUEST. */
function answer(id: number): Buffer {
  const end = Buffer.alloc(8); // app status 0, REQUEST_COMPLETE
  return Buffer.concat([
    record(STDOUT, id, Buffer.from(head, "latin1")),
    record(STDOUT, id, Buffer.from(BODY)),
    record(STDOUT, id, Buffer.alloc(0)),
    record(3, id, end),
  ]);
}

/** The name-value pairs of PARAMS: a length under 128 is one byte, else four with the top bit set. */
function readParams(bytes: Buffer): Record<string, string> {
  const params: Record<string, string> = {};
  let at = 0;
  const length = () => {
    const long = bytes.readUInt8(at) >= 128;
    const value = long ? bytes.readUInt32BE(at) & 0x7fffffff : bytes.readUInt8(at);
    at += long ? 4 : 1;
    return value;
  };
  while (at < bytes.length) {
    const nameLength = length();
    const valueLength = length();
    const name = bytes.toString("latin1", at, at + nameLength);
    params[name] = bytes.toString("latin1", at + nameLength, at + nameLength + valueLength);
    at += nameLength + valueLength;
  }
  return params;
}

const server = net.createServer((socket) => {
  let pending: Buffer = Buffer.alloc(0);
  let params: Buffer[] = [];
  let keep = false;
  socket.on("data", (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 8) {
      const contentLength = pending.readUInt16BE(4);
      const size = 8 + contentLength + pending.readUInt8(6);
      if (pending.length < size) break;
      const type = pending.readUInt8(1);
      const id = pending.readUInt16BE(2);
      const content = pending.subarray(8, 8 + contentLength);
      pending = pending.subarray(size);
      if (type === 1)
        keep = (content.readUInt8(2) & 1) === 1; // BEGIN_REQUEST: its flags
      else if (type === 4 && content.length > 0) params.push(content);
      else if (type === 4) readParams(Buffer.concat(params));
      else if (type === 5 && content.length === 0) {
        params = [];
        socket.write(answer(id));
        if (!keep) socket.end();
      }
    }
  });
  socket.on("error", () => {});
});

server.listen(0, "127.0.0.1");
await once(server, "listening");
announce(`127.0.0.1:${(server.address() as AddressInfo).port}`);
