/**
 * The gateway interface: the one contract between servers and apps.
 *
 * Everything in this workshop (servers, middleware, the test client, the
 * sign-in app) speaks these few types. Each is the TypeScript form of a rule
 * in PEP 3333; the doc comment names the section.
 *
 * @example
 * import type { App } from "./types.ts";
 * export const app: App = (environ, startResponse) => {
 *   startResponse("200 OK", [["Content-Type", "text/plain"]]);
 *   return [new TextEncoder().encode("Hello World!\n")];
 * };
 */
import type { EnvironExtensions } from "./environ-keys.ts";

/** Bodies are bytes, never strings (PEP 3333, "Unicode Issues"). */
export type Chunk = Uint8Array;

/** The response body: any iterable of byte chunks (PEP 3333, "The Application/Framework Side"). */
export type Body = Iterable<Chunk> | AsyncIterable<Chunk>;

/** Response headers as `[name, value]` pairs, in order (PEP 3333, "The start_response() Callable"). */
export type Headers = Array<[name: string, value: string]>;

/**
 * The legacy imperative write (PEP 3333, "The write() Callable").
 * Resolves when the socket has taken the bytes: await it to keep back-pressure.
 */
export type Write = (chunk: Chunk) => Promise<void>;

/** Begins the response: a status line, headers, and `excInfo` when recovering from an error (PEP 3333, "The start_response() Callable"). */
export type StartResponse = (status: string, headers: Headers, excInfo?: unknown) => Write;

/** An application: a function of the request environ and `startResponse` (PEP 3333, "The Application/Framework Side"). */
export type App = (environ: Environ, startResponse: StartResponse) => Body | Promise<Body>;

/** Middleware takes an app and returns an app; options curry first (PEP 3333, "Middleware: Components that Play Both Sides"). */
export type Middleware = (app: App) => App;

/** `gateway.input`: the request body, read once by iterating (PEP 3333, "Input and Error Streams"). */
export type InputStream = AsyncIterable<Uint8Array>;

/** `gateway.errors`: where an app writes diagnostics as text (PEP 3333, "Input and Error Streams"). */
export interface ErrorStream {
  write(text: string): void;
  flush(): void;
}

/** The CGI variables a server must provide (PEP 3333, "environ Variables"; RFC 3875 section 4.1). */
export interface CGIVariables {
  REQUEST_METHOD: string;
  /** Where the app is mounted: "" or a path starting with "/", never "/" itself. */
  SCRIPT_NAME: string;
  /** The rest of the path, percent-decoded as UTF-8 ("%2F" becomes "/"). */
  PATH_INFO: string;
  /** The raw request target (path and query), not decoded. A gateway extra, as in Apache. */
  REQUEST_URI: string;
  /** The raw query string, without the "?", not decoded. */
  QUERY_STRING: string;
  CONTENT_TYPE?: string;
  CONTENT_LENGTH?: string;
  SERVER_NAME: string;
  SERVER_PORT: string;
  SERVER_PROTOCOL: string;
  REMOTE_ADDR?: string;
  /** One key per request header: `HTTP_` and the name upper-cased, with `-` as `_`. */
  [header: `HTTP_${string}`]: string | undefined;
}

/**
 * The `gateway.*` keys every server sets (PEP 3333, "environ Variables": the
 * `wsgi.*` keys), and `gateway.signal`, which PEP 3333 does not have: a
 * Python server cannot interrupt an app that waits, a JavaScript one can.
 */
export interface GatewayVariables {
  "gateway.version": readonly [1, 0];
  "gateway.url_scheme": "http" | "https";
  "gateway.input": InputStream;
  "gateway.errors": ErrorStream;
  "gateway.multithread": boolean;
  "gateway.multiprocess": boolean;
  "gateway.run_once": boolean;
  /** Aborts when the client goes away or the server stops; made when first read (request-signal.ts). */
  "gateway.signal": AbortSignal;
}

/**
 * The request environ (PEP 3333, "environ Variables"): CGI variables, the
 * `gateway.*` keys, and namespaced keys that middleware adds. The typed
 * middleware keys are listed in `environ-keys.ts`; any other namespaced key
 * (`"myapp.thing"`) is allowed and typed `unknown`.
 */
export interface Environ extends CGIVariables, GatewayVariables, EnvironExtensions {
  [namespaced: `${string}.${string}`]: unknown;
}
