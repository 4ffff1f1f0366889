/**
 * The CGI handler: runs a gateway app as a CGI program (RFC 3875).
 *
 * A CGI server (Apache's `mod_cgid`, or `cgiHost` in this folder) starts
 * the program once per request. The request arrives as environment
 * variables (the "meta-variables") and the body on stdin; the answer goes
 * to stdout as a `Status:` line, header lines, a blank line and the body;
 * then the program exits. `runCGI` does that for any app, as Python's
 * `wsgiref.handlers.CGIHandler` does for WSGI: it builds the environ from
 * the process environment and runs the app through the same request cycle
 * as every other server, with a sink that writes to stdout.
 *
 * @example
 * // cgi-bin/hello.ts, which the web server starts for each request
 * import { runCGI } from "../../gateway/cgi.ts";
 * import { app } from "./app.ts";
 * await runCGI(app);
 */
import type { Readable, Writable } from "node:stream";
import {
  addGatewayVariables,
  BadRequest,
  encodePath,
  errorStream,
  onceOnly,
  type ServerTraits,
} from "./environ.ts";
import type { ClientWatch } from "./request-signal.ts";
import { refuse, runCycle } from "./response-cycle.ts";
import { ClientGone, type ResponseSink } from "./response-sink.ts";
import { writeChunk } from "./stream-write.ts";
import type { App, Chunk, Environ, ErrorStream, Headers, InputStream } from "./types.ts";

/** Where the request comes from and the answer goes; each defaults to the process's own. */
export interface CGIOptions {
  /** The meta-variables; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The request body; defaults to `process.stdin`. */
  stdin?: Readable;
  /** Where the answer goes; defaults to `process.stdout`. */
  stdout?: Writable;
  /** `gateway.errors`; defaults to stderr, which the web server puts in its error log. */
  errors?: ErrorStream;
}

/** A CGI program answers one request, in a process of its own (PEP 3333, "environ Variables"). */
const TRAITS: ServerTraits = { multithread: false, multiprocess: true, runOnce: true };

/** The meta-variables of RFC 3875 (section 4.1) and two that Apache adds, besides the HTTP_* ones. */
const META_VARIABLES = new Set([
  "AUTH_TYPE",
  "CONTENT_LENGTH",
  "CONTENT_TYPE",
  "GATEWAY_INTERFACE",
  "PATH_INFO",
  "PATH_TRANSLATED",
  "QUERY_STRING",
  "REMOTE_ADDR",
  "REMOTE_HOST",
  "REMOTE_IDENT",
  "REMOTE_USER",
  "REQUEST_METHOD",
  "SCRIPT_NAME",
  "SERVER_NAME",
  "SERVER_PORT",
  "SERVER_PROTOCOL",
  "SERVER_SOFTWARE",
  "HTTPS",
  "REQUEST_URI",
]);

/**
 * Answers the one request in the environment: runs `app` and writes its
 * answer to stdout. Resolves once the last byte was handed to stdout.
 * @example await runCGI(app);
 */
export async function runCGI(app: App, options: CGIOptions = {}): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const errors = options.errors ?? errorStream(process.stderr);
  const ownProcess = stdout === process.stdout;
  const sink = new StdoutSink(stdout, ownProcess);
  try {
    // process.stdin is opened only if the app reads the body.
    const body = (length: number) => stdinInput(() => options.stdin ?? process.stdin, length);
    await runCycle(app, cgiEnviron(options.env ?? process.env, body, errors, TRAITS, sink), sink);
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    errors.write(`Bad CGI request: ${error.message}\n`);
    refuse(sink, error);
  }
  await sink.flushed;
  sink.stopWatching();
  if (!ownProcess) return;
  // The exit status is the only way a CGI program can tell its server that the answer was cut short.
  if (sink.aborted) process.exitCode = 1;
  // Asked to stop, the program ended its answer first; now it stops as asked.
  if (sink.terminated) process.kill(process.pid, "SIGTERM");
}

/**
 * The environ for the request in `env` (PEP 3333, "environ Variables").
 * `body` makes `gateway.input` from the CONTENT_LENGTH (0 when there is
 * none): a CGI program reads exactly that many bytes of stdin, a FastCGI
 * server its STDIN stream to the end. `traits` say how the server runs
 * apps: a CGI program once per process, a FastCGI server many requests in
 * one long-running process. `client` tells `gateway.signal` when the
 * client left. A server that receives the meta-variables one by one
 * (FastCGI's name-value pairs) builds the same environ with the same steps
 * (`startEnviron`, `isRequestVariable` and `setRequestVariable` for each
 * variable, `finishEnviron`), with no `env` object in between.
 * @example
 * const traits = { multithread: false, multiprocess: true, runOnce: true };
 * const body = () => bytesInput(new Uint8Array(0)); // a request with no body
 * const environ = cgiEnviron(process.env, body, errorStream(process.stderr), traits, sink);
 */
export function cgiEnviron(
  env: NodeJS.ProcessEnv,
  body: (contentLength: number) => InputStream,
  errors: ErrorStream,
  traits: ServerTraits,
  client: ClientWatch,
): Environ {
  const environ = startEnviron();
  for (const name in env) {
    if (isRequestVariable(name)) setRequestVariable(environ, name, env[name]);
  }
  return finishEnviron(environ, body, errors, traits, client);
}

/** An environ whose meta-variables are still coming in, by name. */
export type MetaVariables = Record<string, unknown>;

/**
 * The start of an environ: the CGI variables every request has, holding
 * what a program started by hand, outside a web server, gets. Written out
 * as one literal, as nodeEnviron does, and first, so every environ has
 * them in the same order: it stays a fast object (bench/README.md).
 * @example const environ = startEnviron(); // environ.REQUEST_METHOD === "GET"
 */
export function startEnviron(): MetaVariables {
  return {
    REQUEST_METHOD: "GET",
    SCRIPT_NAME: "",
    PATH_INFO: "",
    QUERY_STRING: "",
    // Made from the three before it by `finishEnviron` when the server passes none.
    REQUEST_URI: "",
    SERVER_NAME: "localhost",
    SERVER_PORT: "80",
    SERVER_PROTOCOL: "HTTP/1.0",
  };
}

/** What `startEnviron` puts in, which an empty meta-variable puts back. */
const DEFAULTS: Readonly<MetaVariables> = Object.freeze(startEnviron());

/**
 * Sets one variable of the request (see `isRequestVariable`, which the
 * caller asked already). An empty one counts as unset (RFC 3875,
 * section 4.1): it gets its default value back, or goes.
 * @example if (isRequestVariable(name)) setRequestVariable(environ, name, value);
 */
export function setRequestVariable(
  environ: MetaVariables,
  name: string,
  value: string | undefined,
): void {
  if (value) environ[name] = value;
  else if (name in DEFAULTS) environ[name] = DEFAULTS[name];
  // Only a variable set twice, the second time empty: rare enough for a `delete`.
  else if (name in environ) delete environ[name];
}

/**
 * Completes the environ once all its meta-variables are in: `REQUEST_URI`
 * if the server passed none, `gateway.input` from the CONTENT_LENGTH, and
 * the `gateway.*` keys (see `cgiEnviron` for the arguments). Throws
 * `BadRequest` for a CONTENT_LENGTH that is not a number.
 * @example const environ = finishEnviron(startEnviron(), body, errors, LONG_RUNNING, request);
 */
export function finishEnviron(
  environ: MetaVariables,
  body: (contentLength: number) => InputStream,
  errors: ErrorStream,
  traits: ServerTraits,
  client: ClientWatch,
): Environ {
  if (environ.REQUEST_URI === "") environ.REQUEST_URI = requestURI(environ);
  const input = body(contentLength(environ.CONTENT_LENGTH as string | undefined));
  const scheme = isOn(environ.HTTPS as string | undefined) ? "https" : "http";
  addGatewayVariables(environ, input, errors, scheme, traits, client);
  return environ as unknown as Environ;
}

/**
 * The process's own variables (PATH, HOME, ...) describe the machine, not
 * the request. Some servers (nginx among them) also pass the Content-Type
 * and Content-Length headers as `HTTP_CONTENT_TYPE` and `HTTP_CONTENT_LENGTH`:
 * PEP 3333 allows them only under their CGI names, which they have already.
 * A name with a "." would read as a middleware's namespaced key.
 * @example isRequestVariable("DOCUMENT_ROOT"); // false
 */
export function isRequestVariable(name: string): boolean {
  if (!name.startsWith("HTTP_")) return META_VARIABLES.has(name);
  return name !== "HTTP_CONTENT_TYPE" && name !== "HTTP_CONTENT_LENGTH" && !name.includes(".");
}

/**
 * Rebuilds the raw request target when the server did not pass `REQUEST_URI`:
 * CGI hands over the path decoded, so it is percent-encoded again.
 */
function requestURI({ SCRIPT_NAME, PATH_INFO, QUERY_STRING }: MetaVariables): string {
  const path = encodePath(`${SCRIPT_NAME}${PATH_INFO}`) || "/";
  return QUERY_STRING ? `${path}?${QUERY_STRING}` : path;
}

/** `HTTPS` as Apache and nginx set it: "on" (or "1", "yes") for a request that came over TLS. */
function isOn(https: string | undefined): boolean {
  return https !== undefined && https !== "" && /^(on|1|yes)$/i.test(https);
}

function contentLength(value: string | undefined): number {
  if (value === undefined || value === "") return 0;
  if (!/^\d+$/.test(value))
    throw new BadRequest(`CONTENT_LENGTH "${value}" is not a number of bytes`);
  return Number(value);
}

/**
 * `gateway.input` over stdin: exactly CONTENT_LENGTH bytes. The server need
 * not close stdin after the body (RFC 3875, section 4.2), so waiting for
 * its end could wait forever. Leaving the loop destroys stdin, so it no
 * longer keeps the process alive.
 */
function stdinInput(open: () => Readable, length: number): InputStream {
  return onceOnly(async function* () {
    let missing = length;
    if (missing === 0) return;
    for await (const chunk of open()) {
      const bytes: Uint8Array = chunk.byteLength > missing ? chunk.subarray(0, missing) : chunk;
      missing -= bytes.byteLength;
      yield bytes;
      if (missing === 0) return;
    }
    throw new Error(
      `stdin ended after ${length - missing} of the ${length} bytes in CONTENT_LENGTH`,
    );
  });
}

/**
 * The head of a CGI answer (RFC 3875, section 6): a `Status:` line, the
 * headers and a blank line. Lines end in CRLF, which Apache and every other
 * server accept; headers are latin-1, as in HTTP.
 * @example cgiHead(200, "OK", [["Content-Type", "text/plain"]]); // "Status: 200 OK\r\nContent-Type: ..."
 */
export function cgiHead(code: number, reason: string, headers: Headers): Uint8Array {
  let head = `Status: ${code} ${reason}\r\n`;
  for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
  return Buffer.from(`${head}\r\n`, "latin1");
}

/**
 * Writes the answer to stdout, waiting for it to drain when the server
 * reads slowly, and tells `gateway.signal` when the server gave up on it.
 */
class StdoutSink implements ResponseSink, ClientWatch {
  aborted = false;
  /** Set when the server sent SIGTERM while the app was reading `gateway.signal`. */
  terminated = false;
  /** Settles once the last bytes were handed to the operating system. */
  flushed: Promise<void> = Promise.resolve();
  #onTerm: (() => void) | undefined;

  constructor(
    readonly stdout: Writable,
    /** True when this is the program's own stdout: only then are signals to the process the server's. */
    readonly ownProcess: boolean,
  ) {
    // A server that stops reading makes writes fail (EPIPE). Without a listener
    // that would crash the process; `send` reports it as ClientGone instead.
    stdout.on("error", () => {});
  }

  /**
   * A web server gives up on a CGI program when its client left, or when
   * it stops: it stops reading stdout, or sends SIGTERM (the CGI host and
   * Apache do). SIGTERM would end the process at once; while the app
   * holds the signal, the program ends its answer first, and `runCGI`
   * then stops it as asked.
   */
  watchClient(abort: (reason: ClientGone) => void): void {
    const gone = () => abort(new ClientGone("the web server stopped reading the answer"));
    if (this.stdout.destroyed) gone();
    else this.stdout.once("close", gone);
    if (!this.ownProcess) return;
    this.#onTerm = () => {
      this.terminated = true;
      abort(new ClientGone("the web server asked the program to stop (SIGTERM)"));
    };
    process.once("SIGTERM", this.#onTerm);
  }

  /** The answer is over: SIGTERM ends the process again, as it did before. */
  stopWatching(): void {
    if (this.#onTerm !== undefined) process.off("SIGTERM", this.#onTerm);
  }

  head(code: number, reason: string, headers: Headers): void {
    this.stdout.write(cgiHead(code, reason, headers));
  }

  send(chunk: Chunk): Promise<void> {
    return writeChunk(this.stdout, chunk);
  }

  end(last?: Chunk): void {
    if (this.stdout.destroyed) return;
    this.flushed = new Promise((resolve) =>
      this.stdout.write(last ?? new Uint8Array(0), () => resolve()),
    );
  }

  /** Stops the output: nothing more reaches the server. */
  abort(): void {
    this.aborted = true;
    this.stdout.destroy();
  }
}
