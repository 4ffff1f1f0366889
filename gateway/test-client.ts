/**
 * The test client: requests to an app, in-process, with no socket.
 *
 * Like Werkzeug's `Client` or WebTest's `TestApp`, it builds the environ a
 * server would, runs the app through the same request cycle as the real
 * servers (so the same response rules apply), and wraps it in the validator
 * unless told not to, so a test fails loudly when an app breaks the
 * interface. It keeps cookies between requests, as a browser would. It
 * refuses what a real server refuses, with a 400 and the reason (a path
 * with a raw space, a second `Host`, ...), so what passes here passes over
 * a socket too. With tracing on (gateway/trace/), the app and the validator
 * show as lanes of each request's trace.
 *
 * @example
 * const client = new TestClient(app);
 * const response = await client.get("/hello?name=Ada");
 * expect(response.statusCode).toBe(200);
 * expect(response.text).toContain("Ada");
 */
import { concat, decode, encode } from "./bytes.ts";
import { CookieJar } from "./cookie-jar.ts";
import {
  addGatewayVariables,
  BadRequest,
  bytesInput,
  LONG_RUNNING,
  targetHost,
  targetVariables,
} from "./environ.ts";
import { addHeader } from "./request-headers.ts";
import { type ClientWatch, watchSignal } from "./request-signal.ts";
import { findHeader } from "./response-checks.ts";
import { refuse, runCycle } from "./response-cycle.ts";
import { ClientGone, type ResponseSink } from "./response-sink.ts";
import { tracedApp } from "./trace/stack.ts";
import type { App, Chunk, Environ, Headers } from "./types.ts";
import { checkFinished, validator } from "./validator/index.ts";
import { ValidationError } from "./validator/validation-error.ts";

/**
 * What a test may say about a request.
 * @example await client.post("/sign-in", { form: { user: "ada" }, headers: { Origin: "x" } });
 * @example await client.get("/", { headers: [["Cookie", "a=1"], ["Cookie", "b=2"]] });
 */
export interface RequestOptions {
  /** By name, or as `[name, value]` lines, which may repeat a name as a client may. */
  headers?: Record<string, string> | Array<[name: string, value: string]>;
  /** The raw body. */
  body?: string | Uint8Array;
  /** A form, sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** A value sent as JSON. */
  json?: unknown;
  /** Environ keys to set or override (`REMOTE_ADDR`, `gateway.url_scheme`, ...). */
  environ?: Partial<Environ>;
  /** Abort it to play a client that leaves: `gateway.signal` aborts, and sending fails. */
  signal?: AbortSignal;
}

/**
 * How the client runs the app.
 * @example new TestClient(app, { validate: false, cookies: false });
 */
export interface ClientOptions {
  /** Wrap the app in the validator (default true). */
  validate?: boolean;
  /** Keep cookies between requests (default true). */
  cookies?: boolean;
}

/**
 * The answer, with the body as bytes and as text.
 * @example expect(response.header("Content-Type")).toBe("text/html; charset=utf-8");
 */
export class TestResponse {
  constructor(
    readonly status: string,
    readonly headers: Headers,
    readonly body: Uint8Array,
    /** What the app and the server wrote to `gateway.errors`. */
    readonly errors: string,
    /** True when the response was cut short (an error after the headers went out, or the test's client left). */
    readonly aborted: boolean,
  ) {}

  get statusCode(): number {
    return Number(this.status.slice(0, 3));
  }

  get text(): string {
    return decode(this.body);
  }

  /** The first header of that name (any case). */
  header(name: string): string | undefined {
    return findHeader(this.headers, name);
  }

  /** Every header of that name, such as each `Set-Cookie`. */
  headerAll(name: string): string[] {
    const wanted = name.toLowerCase();
    return this.headers.filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value);
  }

  json(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * Sends requests to an app in-process.
 * @example const response = await new TestClient(app).request("HEAD", "/");
 */
export class TestClient {
  readonly app: App;
  readonly cookies: CookieJar | undefined;

  readonly #validate: boolean;

  constructor(app: App, options: ClientOptions = {}) {
    this.#validate = options.validate !== false;
    const own = tracedApp(app);
    this.app = tracedApp(this.#validate ? validator(own) : own, "validator");
    this.cookies = options.cookies === false ? undefined : new CookieJar();
  }

  get(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request("GET", path, options);
  }

  post(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request("POST", path, options);
  }

  /**
   * Sends one request and collects the whole response. A `ValidationError`
   * is thrown to the test; any other error is answered as a server would
   * (500, or a cut response) and can be read in `response.errors`.
   */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const errors: string[] = [];
    const sink = new CollectingSink(options.signal);
    let environ: Environ | undefined;
    try {
      environ = this.environ(method, path, options, errors);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      refuse(sink, error);
    }
    if (environ !== undefined) {
      const error = await runCycle(this.app, environ, sink);
      if (error instanceof ValidationError) throw error;
      if (this.#validate) checkFinished(environ);
    }
    const body = concat(sink.chunks);
    const response = new TestResponse(
      sink.status,
      sink.headers,
      body,
      errors.join(""),
      sink.aborted,
    );
    this.cookies?.store(response.headerAll("Set-Cookie"));
    return response;
  }

  /**
   * The environ a server would build for this request; what the app writes
   * to `gateway.errors` is pushed to `errors`. Throws `BadRequest` for a
   * request a server would refuse.
   */
  environ(method: string, path: string, options: RequestOptions, errors: string[] = []): Environ {
    checkOnTheWire(path);
    const { body, contentType } = requestBody(options);
    const environ: Record<string, unknown> = {
      REQUEST_METHOD: method,
      ...targetVariables(path, method),
      SERVER_NAME: "localhost",
      SERVER_PORT: "80",
      SERVER_PROTOCOL: "HTTP/1.1",
      REMOTE_ADDR: "127.0.0.1",
    };
    const log = { write: (text: string) => void errors.push(text), flush: () => {} };
    const client = options.signal ? watchSignal(options.signal, LEFT) : STAYS;
    addGatewayVariables(environ, bytesInput(body), log, "http", LONG_RUNNING, client);
    for (const [name, value] of this.#requestHeaders(body, contentType, options.headers)) {
      addHeader(environ, name, value);
    }
    // A full URL names the host, and the Host header is ignored, as a server does.
    const host = targetHost(path);
    if (host !== undefined) environ.HTTP_HOST = host;
    // Assigned, not spread: a spread would read gateway.signal, and make it.
    return Object.assign(environ, options.environ) as Environ;
  }

  /** The headers a browser would send, then the test's own, which replace them by name. */
  #requestHeaders(
    body: Uint8Array,
    contentType: string | undefined,
    given: RequestOptions["headers"] = {},
  ): Array<[string, string]> {
    const lines = Array.isArray(given) ? given : Object.entries(given);
    const named = new Set(lines.map(([name]) => name.toLowerCase()));
    const browser: Array<[string, string]> = [["host", "localhost"]];
    const cookie = this.cookies?.header();
    if (cookie) browser.push(["cookie", cookie]);
    if (contentType !== undefined) browser.push(["content-type", contentType]);
    if (body.byteLength > 0) browser.push(["content-length", String(body.byteLength)]);
    return [...browser.filter(([name]) => !named.has(name)), ...lines];
  }
}

const LEFT = "the test's client left";

/** The client of a test that gave no signal never leaves. */
const STAYS: ClientWatch = { watchClient() {} };

/**
 * A client sends a path as bytes in the request line, where a space ends
 * it, and every server here refuses a control character or a byte
 * outside ASCII: such characters go percent-encoded.
 */
function checkOnTheWire(path: string): void {
  if (/^[\x21-\x7e]+$/.test(path)) return;
  throw new BadRequest(
    `the path ${JSON.stringify(path)} holds a space, a control character or a character outside ASCII, ` +
      `which a client sends percent-encoded (encodeURI("/a b") is "/a%20b")`,
  );
}

function requestBody(options: RequestOptions): { body: Uint8Array; contentType?: string } {
  if (options.form !== undefined) {
    const form = new URLSearchParams(options.form).toString();
    return { body: encode(form), contentType: "application/x-www-form-urlencoded" };
  }
  if (options.json !== undefined) {
    return { body: encode(JSON.stringify(options.json)), contentType: "application/json" };
  }
  const body = options.body ?? new Uint8Array();
  return { body: typeof body === "string" ? encode(body) : body };
}

/**
 * A sink that keeps everything in memory. It copies each chunk, as a socket
 * would: an app may reuse a chunk's memory once it was sent. Once the
 * test's `signal` aborted, nothing more arrives, as on a closed socket.
 */
class CollectingSink implements ResponseSink {
  status = "";
  headers: Headers = [];
  chunks: Chunk[] = [];
  aborted = false;

  constructor(readonly clientSignal: AbortSignal | undefined) {}

  head(code: number, reason: string, headers: Headers): void {
    this.status = `${code} ${reason}`;
    this.headers = headers;
  }

  async send(chunk: Chunk): Promise<void> {
    if (this.#clientLeft()) throw new ClientGone(LEFT);
    this.chunks.push(chunk.slice());
  }

  end(last?: Chunk): void {
    if (!this.#clientLeft() && last !== undefined) this.chunks.push(last.slice());
  }

  /** True once the test's client left; the response is then cut short. */
  #clientLeft(): boolean {
    if (this.clientSignal?.aborted) this.aborted = true;
    return this.aborted;
  }

  abort(): void {
    this.aborted = true;
  }
}
