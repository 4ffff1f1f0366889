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
 * as every other server, with a sink that writes to stdout. The environ
 * itself is built in cgi-environ.ts, which the FastCGI server shares.
 *
 * @example
 * // lessons/04-many-servers/cgi-bin/cgi-program.ts, which the web server starts for each request
 * import { runCGI } from "../../../gateway/cgi.ts";
 * import { app } from "../app.ts";
 * await runCGI(app);
 */
import type { Readable, Writable } from "node:stream";
import { cgiEnviron } from "./cgi-environ.ts";
import { BadRequest, errorStream, onceOnly, type ServerTraits } from "./environ.ts";
import type { ClientWatch } from "./request-signal.ts";
import { refuse, runCycle } from "./response-cycle.ts";
import { ClientGone, type ResponseSink } from "./response-sink.ts";
import { writeChunk } from "./stream-write.ts";
import type { App, Chunk, ErrorStream, Headers, InputStream } from "./types.ts";

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
