/**
 * The test client: requests to an app, in-process, with no socket.
 *
 * Like Werkzeug's `Client` or WebTest's `TestApp`, it builds the environ a
 * server would, runs the app through the same request cycle as the real
 * servers (so the same response rules apply), and wraps it in the validator
 * unless told not to, so a test fails loudly when an app breaks the
 * interface. It keeps cookies between requests, as a browser would. With
 * tracing on (gateway/trace/), the app and the validator show as lanes of
 * each request's trace.
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
  addHeader,
  bytesInput,
  gatewayVariables,
  LONG_RUNNING,
  targetVariables,
} from "./environ.ts";
import { findHeader } from "./response-checks.ts";
import { type ResponseSink, runCycle } from "./response-cycle.ts";
import { tracedApp } from "./trace/stack.ts";
import type { App, Chunk, Environ, Headers } from "./types.ts";
import { checkFinished, validator } from "./validator/index.ts";
import { ValidationError } from "./validator/validation-error.ts";

/**
 * What a test may say about a request.
 * @example await client.post("/sign-in", { form: { user: "ada" }, headers: { Origin: "x" } });
 */
export interface RequestOptions {
  headers?: Record<string, string>;
  /** The raw body. */
  body?: string | Uint8Array;
  /** A form, sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** A value sent as JSON. */
  json?: unknown;
  /** Environ keys to set or override (`REMOTE_ADDR`, `gateway.url_scheme`, ...). */
  environ?: Partial<Environ>;
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
    /** True when the response was cut short (an error after the headers went out). */
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
    const environ = this.environ(method, path, options, errors);
    const sink = new CollectingSink();
    const error = await runCycle(this.app, environ, sink);
    if (error instanceof ValidationError) throw error;
    if (this.#validate) checkFinished(environ);
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
   * to `gateway.errors` is pushed to `errors`.
   */
  environ(method: string, path: string, options: RequestOptions, errors: string[] = []): Environ {
    const { body, contentType } = requestBody(options);
    const environ: Record<string, unknown> = {
      REQUEST_METHOD: method,
      ...targetVariables(path),
      SERVER_NAME: "localhost",
      SERVER_PORT: "80",
      SERVER_PROTOCOL: "HTTP/1.1",
      REMOTE_ADDR: "127.0.0.1",
      ...gatewayVariables(
        bytesInput(body),
        { write: (text) => void errors.push(text), flush: () => {} },
        "http",
        LONG_RUNNING,
      ),
    };
    const headers = this.#requestHeaders(body, contentType, options.headers);
    for (const [name, value] of Object.entries(headers)) addHeader(environ, name, value);
    return { ...environ, ...options.environ } as Environ;
  }

  /** The headers a browser would send, then the test's own, which replace them by name. */
  #requestHeaders(
    body: Uint8Array,
    contentType: string | undefined,
    given: Record<string, string> = {},
  ): Record<string, string> {
    const headers: Record<string, string> = { host: "localhost" };
    const cookie = this.cookies?.header();
    if (cookie) headers.cookie = cookie;
    if (contentType !== undefined) headers["content-type"] = contentType;
    if (body.byteLength > 0) headers["content-length"] = String(body.byteLength);
    for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value;
    return headers;
  }
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
 * would: an app may reuse a chunk's memory once it was sent.
 */
class CollectingSink implements ResponseSink {
  status = "";
  headers: Headers = [];
  chunks: Chunk[] = [];
  aborted = false;

  head(code: number, reason: string, headers: Headers): void {
    this.status = `${code} ${reason}`;
    this.headers = headers;
  }

  async send(chunk: Chunk): Promise<void> {
    this.chunks.push(chunk.slice());
  }

  end(last?: Chunk): void {
    if (last !== undefined) this.chunks.push(last.slice());
  }

  abort(): void {
    this.aborted = true;
  }
}
