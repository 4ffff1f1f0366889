/**
 * A small FastCGI client: the web server's side of a FastCGI connection,
 * for the tests of the FastCGI server.
 *
 * It sends what Apache or nginx would (BEGIN_REQUEST, the PARAMS stream,
 * the STDIN stream) and keeps every record that comes back, so a test can
 * read the answer (STDOUT as a CGI response, STDERR, END_REQUEST) or wait
 * for one record in particular. It can also send raw bytes, split any way.
 *
 * @example
 * const client = await FastCGIClient.connect(port);
 * const answer = await client.request(params({ PATH_INFO: "/hello" }));
 * expect(answer.status).toBe(200);
 */
import { once } from "node:events";
import net from "node:net";
import { KEEP_CONN, Role } from "../../gateway/fastcgi/messages.ts";
import { encodePairs } from "../../gateway/fastcgi/name-value.ts";
import {
  encodeRecord,
  type FastCGIRecord,
  MAX_CONTENT_LENGTH,
  RecordReader,
  RecordType,
} from "../../gateway/fastcgi/records.ts";

/**
 * The 8-byte body of a BEGIN_REQUEST, as a web server writes it: the role
 * (2 bytes), the flags, five reserved bytes (FastCGI 1.0, section 5.1).
 */
export function encodeBeginRequest(role: number, keepConnection: boolean): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt16BE(role, 0);
  body.writeUInt8(keepConnection ? KEEP_CONN : 0, 2);
  return body;
}

/** How a request ended, as the END_REQUEST body says. */
export interface EndRequest {
  /** What a CGI program's exit status would be. */
  appStatus: number;
  protocolStatus: number;
}

/**
 * Reads an END_REQUEST body, as a web server does: the app status
 * (4 bytes), the protocol status, three reserved bytes (section 5.5).
 */
export function decodeEndRequest(content: Uint8Array): EndRequest {
  const body = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return { appStatus: body.readUInt32BE(0), protocolStatus: body.readUInt8(4) };
}

/**
 * The parameters nginx sends for a plain GET of "/" (empty CONTENT_LENGTH
 * and CONTENT_TYPE included, as nginx sends them), with `overrides` on top.
 */
export function params(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    GATEWAY_INTERFACE: "CGI/1.1",
    REQUEST_METHOD: "GET",
    SCRIPT_NAME: "",
    PATH_INFO: "/",
    QUERY_STRING: "",
    REQUEST_URI: "/",
    CONTENT_LENGTH: "",
    CONTENT_TYPE: "",
    SERVER_NAME: "localhost",
    SERVER_PORT: "8080",
    SERVER_PROTOCOL: "HTTP/1.1",
    REMOTE_ADDR: "127.0.0.1",
    HTTP_HOST: "localhost:8080",
    ...overrides,
  };
}

/** A request's parameters: by name, or as pairs, which may repeat a name. */
export type Params = Record<string, string> | Array<[name: string, value: string]>;

/** One request's answer, as the web server receives it. */
export interface FastCGIAnswer {
  /** The STDOUT stream, whole: the CGI response. */
  stdout: Buffer;
  /** The STDERR stream, as text. */
  stderr: string;
  /** How many STDOUT records carried it (the empty one that ends the stream not counted). */
  stdoutRecords: number;
  end: EndRequest;
  /** The CGI response, read: the `Status:` line, the other headers, the body. */
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** What `begin` may say. */
export interface BeginOptions {
  requestId?: number;
  role?: number;
  keepConnection?: boolean;
}

/** A connection to a FastCGI server. */
export class FastCGIClient {
  /** Every record received so far, in order. */
  readonly records: FastCGIRecord[] = [];
  /** Resolves when the server has closed the connection. */
  readonly closed: Promise<void>;
  #reader = new RecordReader();
  #listeners = new Set<() => void>();

  constructor(readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => {
      for (const record of this.#reader.read(chunk)) this.records.push(record);
      this.#notify();
    });
    socket.on("error", () => {});
    this.closed = new Promise((resolve) => socket.once("close", resolve)).then(() =>
      this.#notify(),
    );
  }

  /** Connects to the server on 127.0.0.1:`port`. */
  static async connect(port: number): Promise<FastCGIClient> {
    const socket = net.connect(port, "127.0.0.1");
    await once(socket, "connect");
    return new FastCGIClient(socket);
  }

  /** Sends raw bytes, and waits until the socket has written them out. */
  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.write(bytes, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Sends one record. */
  send(type: number, requestId: number, content?: Uint8Array): Promise<void> {
    return this.write(encodeRecord(type, requestId, content));
  }

  /** Sends a BEGIN_REQUEST (a responder's, without FCGI_KEEP_CONN, unless told). */
  begin({ requestId = 1, role = Role.RESPONDER, keepConnection = false }: BeginOptions = {}) {
    return this.send(RecordType.BEGIN_REQUEST, requestId, encodeBeginRequest(role, keepConnection));
  }

  /**
   * Sends the PARAMS stream: the pairs in one record, then the empty one.
   * As a list of pairs, a name may come twice, as nginx sends a repeated header.
   */
  async params(env: Params, requestId = 1): Promise<void> {
    const pairs = Array.isArray(env) ? env : Object.entries(env);
    await this.send(RecordType.PARAMS, requestId, encodePairs(pairs));
    await this.send(RecordType.PARAMS, requestId);
  }

  /** Sends the STDIN stream: the body in records of `recordSize` bytes at most, then the empty one. */
  async stdin(body: Uint8Array | string, requestId = 1, recordSize = MAX_CONTENT_LENGTH) {
    const bytes = Buffer.from(body);
    for (let at = 0; at < bytes.byteLength; at += recordSize) {
      await this.send(RecordType.STDIN, requestId, bytes.subarray(at, at + recordSize));
    }
    await this.send(RecordType.STDIN, requestId);
  }

  /** Sends a whole request and waits for its answer. */
  async request(
    env: Params,
    body: Uint8Array | string = "",
    options: BeginOptions = {},
  ): Promise<FastCGIAnswer> {
    const requestId = options.requestId ?? 1;
    const from = this.records.length;
    await this.begin(options);
    await this.params(env, requestId);
    await this.stdin(body, requestId);
    return this.answer(requestId, from);
  }

  /** Waits for the first record (from `from` on) that `matches`; rejects if the connection closes first. */
  waitFor(matches: (record: FastCGIRecord) => boolean, from = 0): Promise<FastCGIRecord> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.records.slice(from).find(matches);
        if (found === undefined && !this.socket.destroyed) return;
        this.#listeners.delete(check);
        if (found === undefined) reject(new Error("the server closed the connection"));
        else resolve(found);
      };
      this.#listeners.add(check);
      check();
    });
  }

  /**
   * Waits for the END_REQUEST of `requestId`, and reads the answer of the
   * records before it, from the record numbered `from` on.
   */
  async answer(requestId = 1, from = 0): Promise<FastCGIAnswer> {
    const isEnd = (record: FastCGIRecord) =>
      record.type === RecordType.END_REQUEST && record.requestId === requestId;
    const endRecord = await this.waitFor(isEnd, from);
    const mine = this.records.slice(from).filter((record) => record.requestId === requestId);
    const upToEnd = mine.slice(0, mine.indexOf(endRecord));
    const stdout = upToEnd.filter((record) => record.type === RecordType.STDOUT);
    const stderr = upToEnd.filter((record) => record.type === RecordType.STDERR);
    const output = Buffer.concat(stdout.map((record) => record.content));
    return {
      stdout: output,
      stderr: Buffer.concat(stderr.map((record) => record.content)).toString(),
      stdoutRecords: stdout.filter((record) => record.content.byteLength > 0).length,
      end: decodeEndRequest(endRecord.content),
      ...readCGIResponse(output),
    };
  }

  /** Closes the connection from this side. */
  close(): void {
    this.socket.destroy();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

/** Splits a CGI response into its status, headers and body. */
export function readCGIResponse(stdout: Buffer): {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
} {
  const blank = stdout.indexOf("\r\n\r\n");
  if (blank === -1) return { status: 0, headers: [], body: stdout };
  const lines = stdout.subarray(0, blank).toString("latin1").split("\r\n");
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  const status = Number(headers.find(([name]) => name === "Status")?.[1].split(" ")[0] ?? 200);
  return { status, headers, body: stdout.subarray(blank + 4) };
}

/** Opens a connection, sends one request, and returns its answer. */
export async function fastcgiRequest(
  port: number,
  env: Params,
  body: Uint8Array | string = "",
): Promise<FastCGIAnswer> {
  const client = await FastCGIClient.connect(port);
  try {
    return await client.request(env, body);
  } finally {
    client.close();
  }
}
