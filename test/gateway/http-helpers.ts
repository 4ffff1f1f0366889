/**
 * Helpers for the tests that talk to a real `serve()` over real sockets.
 *
 * `startServer` listens on 127.0.0.1 on a port the OS picks and records
 * what goes to `gateway.errors`; `closeServers` (in `afterEach`) closes
 * every server a test opened. `fetchRaw` is a `node:http` client that
 * gives back the exact status, headers and body bytes; `rawExchange` and
 * `RawClient` speak bytes over a bare `net` socket, for what `node:http`
 * would refuse to send or hide from us.
 *
 * @example
 * afterEach(closeServers);
 * const { url } = await startServer(app);
 * const answer = await fetchRaw(`${url}hello`);
 */
import { once } from "node:events";
import http from "node:http";
import net from "node:net";
import { type RunningServer, type ServeOptions, serve } from "../../gateway/http-server.ts";
import type { App, ErrorStream } from "../../gateway/types.ts";

/** A `gateway.errors` that keeps what was written, for tests to read. */
export class RecordedErrors implements ErrorStream {
  text = "";
  #waiters: Array<() => void> = [];

  write(text: string): void {
    this.text += text;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  flush(): void {}

  /** Resolves once what was written contains `text`. */
  async waitFor(text: string): Promise<void> {
    while (!this.text.includes(text)) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}

const running: RunningServer[] = [];

/** Serves `app` on a free port; the server is closed by `closeServers`. */
export async function startServer(
  app: App,
  options: Pick<ServeOptions, "headersTimeout"> = {},
): Promise<RunningServer & { errors: RecordedErrors }> {
  const errors = new RecordedErrors();
  const server = await serve(app, { ...options, host: "127.0.0.1", port: 0, errors });
  running.push(server);
  return { ...server, errors };
}

/** Closes every server `startServer` opened. Use it in `afterEach`. */
export async function closeServers(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.close()));
}

/** A response as `node:http` received it. */
export interface RawAnswer {
  statusCode: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** What `fetchRaw` may send. */
export interface FetchOptions {
  method?: string;
  headers?: http.OutgoingHttpHeaders | string[];
  body?: string | Uint8Array;
  agent?: http.Agent;
}

/**
 * One request with `node:http`. Rejects when the response is cut short
 * (the server destroyed the connection before the end of the body).
 */
export function fetchRaw(url: string, options: FetchOptions = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const { method = "GET", headers = {}, agent = false } = options;
    const request = http.request(url, { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const { statusCode = 0, statusMessage = "", headers } = response;
        resolve({ statusCode, statusMessage, headers, body: Buffer.concat(chunks) });
      });
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

/** Sends `bytes` on a new connection and resolves with everything received until it closes. */
export async function rawExchange(port: number, bytes: string | Uint8Array): Promise<string> {
  return (await rawClientExchange(port, bytes)).received;
}

/** Like `rawExchange`, but gives the client, to look at its error too. */
export async function rawClientExchange(port: number, bytes: string | Uint8Array) {
  const client = await RawClient.connect(port);
  client.socket.write(bytes);
  await client.closed;
  return client;
}

/** A bare TCP client that keeps every byte it receives, as latin-1 text. */
export class RawClient {
  received = "";
  /** The socket's error, such as ECONNRESET when the server reset the connection. */
  error: (Error & { code?: string }) | undefined;
  readonly closed: Promise<void>;
  #waiters: Array<() => void> = [];

  private constructor(readonly socket: net.Socket) {
    socket.setEncoding("latin1");
    socket.on("data", (text: string) => {
      this.received += text;
      this.#wake();
    });
    this.closed = new Promise((resolve) => socket.on("close", () => resolve()));
    socket.on("close", () => this.#wake());
    socket.on("error", (error) => {
      this.error = error; // a reset is what some tests wait for
    });
  }

  static async connect(port: number): Promise<RawClient> {
    const socket = net.connect(port, "127.0.0.1");
    await once(socket, "connect");
    return new RawClient(socket);
  }

  /** Resolves once the received text contains `text`; throws if the connection closes first. */
  async waitFor(text: string): Promise<void> {
    while (!this.received.includes(text)) {
      if (this.socket.closed) {
        throw new Error(`connection closed before ${JSON.stringify(text)} arrived`);
      }
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

/** Splits a raw HTTP/1.1 response into its head and body. */
export function splitResponse(raw: string): { head: string; body: string } {
  const end = raw.indexOf("\r\n\r\n");
  if (end === -1) return { head: raw, body: "" };
  return { head: raw.slice(0, end), body: raw.slice(end + 4) };
}
