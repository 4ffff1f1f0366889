/**
 * The CGI host: serves a folder of CGI programs, one process per request.
 *
 * This is what Apache's `mod_cgid` does, small enough to read: for each
 * request it finds the program the path names (`/hello.ts/world` runs
 * `hello.ts`), starts it with the request as meta-variables and the body
 * on its stdin, reads the CGI answer from its stdout (`Status:`,
 * `Location:`, headers, a blank line) and streams the body back. The host
 * is itself a gateway app, so any server runs it, and the test client
 * tests it.
 *
 * A program reads exactly CONTENT_LENGTH bytes of its stdin, and the host
 * must set it for any request with a body (RFC 3875, sections 4.1.2 and
 * 4.2). A body sent chunked has no length until it has all arrived, so
 * the host reads such a body first, up to a limit, and passes its length
 * on, as Apache does; a body with a Content-Length streams through as it
 * comes. A client that leaves aborts `gateway.signal`, and the host then
 * stops the program (SIGTERM), even while it has not answered yet.
 *
 * What goes wrong is answered, and the reason logged to `gateway.errors`:
 * no such program 404; a file that is not a program 403; a body of
 * unknown length over the limit 413; a program that cannot run, fails or
 * answers nonsense before its headers 502; one that runs out of time
 * before its headers 504. After the headers, a failing program cuts the
 * response short.
 *
 * @example
 * const server = await serve(cgiHost("lessons/02-cgi-hello-world/cgi-bin"), { port: 8002 });
 * // http://127.0.0.1:8002/hello.ts runs hello.ts
 */
import { dirname, resolve } from "node:path";
import { concat, encode } from "./bytes.ts";
import { CGIProcess } from "./cgi-process.ts";
import { findProgram, type Program, programCommand } from "./cgi-program.ts";
import { BadGateway, type CGIAnswer, parseHead, readHead } from "./cgi-response.ts";
import { metaVariables } from "./cgi-variables.ts";
import { bytesInput, type TargetVariables, targetVariables } from "./environ.ts";
import { pathUnder } from "./mount-paths.ts";
import type { App, Body, Environ, StartResponse } from "./types.ts";

/** How the host runs its programs. */
export interface CGIHostOptions {
  /** Milliseconds a program may run before it is killed; defaults to 30 seconds. */
  timeout?: number;
  /** The host's environment, whose PATH the programs get; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * The most bytes of a body sent without a Content-Length (chunked) that
   * the host reads into memory to learn its length; defaults to 10 MiB.
   * A larger one is answered 413.
   */
  maxUnsizedBody?: number;
}

interface Settings {
  folder: string;
  timeout: number;
  env: NodeJS.ProcessEnv;
  maxUnsizedBody: number;
}

/** A program that redirects locally more often than this is going round in circles. */
const MAX_LOCAL_REDIRECTS = 10;

/**
 * The app that serves the CGI programs in `folder`.
 * @example await serve(cgiHost("cgi-bin", { timeout: 5_000 }), { port: 8002 });
 */
export function cgiHost(folder: string, options: CGIHostOptions = {}): App {
  const settings: Settings = {
    folder: resolve(folder),
    timeout: options.timeout ?? 30_000,
    env: options.env ?? process.env,
    maxUnsizedBody: options.maxUnsizedBody ?? 10 * 1024 * 1024,
  };
  return function cgiHostApp(environ, startResponse) {
    return new HostedRequest(settings, environ, startResponse, 0).answer();
  };
}

/** One request to the host, from finding the program to relaying its answer. */
class HostedRequest {
  constructor(
    readonly settings: Settings,
    readonly environ: Environ,
    readonly startResponse: StartResponse,
    readonly redirects: number,
  ) {}

  async answer(): Promise<Body> {
    const { folder } = this.settings;
    const program = await findProgram(folder, this.environ.PATH_INFO);
    if (program === undefined) {
      const path = JSON.stringify(this.environ.PATH_INFO);
      return this.refuse("404 Not Found", `no CGI program in ${folder} answers to ${path}`);
    }
    const command = await programCommand(program.file);
    if (command === undefined) {
      const hint = "name it .ts, .js or .mjs, or make it executable";
      return this.refuse("403 Forbidden", `${program.file} is not a CGI program: ${hint}`);
    }
    const environ = await sizedBody(this.environ, this.settings.maxUnsizedBody);
    if (environ === undefined) {
      const limit = this.settings.maxUnsizedBody;
      const reason = `a request body sent without a Content-Length is over the ${limit} bytes the host reads`;
      return this.refuse("413 Content Too Large", reason);
    }
    // Should spawn itself throw (it rarely does), the server answers 500 and logs why.
    const run = this.start(program, command, environ);
    try {
      return await this.respond(run, program);
    } catch (error) {
      run.stop();
      throw error;
    }
  }

  /** Starts the program; a client that leaves stops it, even before its headers. */
  start(program: Program, command: string[], environ: Environ): CGIProcess {
    const run = new CGIProcess(command, {
      cwd: dirname(program.file),
      env: metaVariables(environ, program, this.settings.folder, this.settings.env),
      input: environ["gateway.input"],
      errors: environ["gateway.errors"],
      timeout: this.settings.timeout,
    });
    environ["gateway.signal"].addEventListener("abort", () => run.stop());
    return run;
  }

  /** Turns the program's answer into the app's response. */
  async respond(run: CGIProcess, program: Program): Promise<Body> {
    const read = await readAnswer(run);
    if ("failure" in read) {
      run.stop();
      return this.refuse(read.failure, `the CGI program ${program.scriptName} ${read.reason}`);
    }
    const { status, headers, localRedirect } = read.answer;
    if (localRedirect !== undefined) {
      run.stop();
      return this.redirect(localRedirect);
    }
    this.startResponse(status, headers);
    return relay(read.body, run, program);
  }

  /**
   * A local redirect (RFC 3875, section 6.2.2): the answer is the one for
   * the new path, asked with GET and no body, as Apache does.
   */
  redirect(location: string): Promise<Body> | Body {
    let environ: Environ;
    try {
      if (this.redirects === MAX_LOCAL_REDIRECTS) {
        throw new BadGateway(`redirected locally ${MAX_LOCAL_REDIRECTS} times in a row`);
      }
      environ = redirectEnviron(this.environ, location);
    } catch (error) {
      if (!(error instanceof BadGateway)) throw error;
      return this.refuse("502 Bad Gateway", `a CGI program ${error.message}`);
    }
    return new HostedRequest(
      this.settings,
      environ,
      this.startResponse,
      this.redirects + 1,
    ).answer();
  }

  /** Answers with an error status; the reason goes to the log, not to the client. */
  refuse(status: string, reason: string): Body {
    this.environ["gateway.errors"].write(`cgi-host: ${reason}\n`);
    const body = encode(`${status}\nThe reason is in the server's log.\n`);
    this.startResponse(status, [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(body.byteLength)],
    ]);
    return [body];
  }
}

type Read = { answer: CGIAnswer; body: Uint8Array } | { failure: string; reason: string };

/** Reads the head of the program's answer, or says why there is none. */
async function readAnswer(run: CGIProcess): Promise<Read> {
  try {
    const read = await readHead(run.stdout);
    if (read !== undefined) return { answer: parseHead(read.head), body: read.body };
  } catch (error) {
    if (!(error instanceof BadGateway)) throw error;
    return { failure: "502 Bad Gateway", reason: error.message };
  }
  const failure = (await run.exited) ?? "exited";
  if (run.timedOut) return { failure: "504 Gateway Timeout", reason: failure };
  return {
    failure: "502 Bad Gateway",
    reason: `${failure} before the blank line that ends its headers`,
  };
}

/**
 * Streams the rest of the program's output as the body. The `finally`
 * stops the program when the client goes away; a program that fails after
 * its headers makes the server cut the response, so it is not taken whole.
 */
async function* relay(
  first: Uint8Array,
  run: CGIProcess,
  program: Program,
): AsyncGenerator<Uint8Array> {
  try {
    yield first;
    for await (const chunk of run.stdout) yield chunk;
    const failure = await run.exited;
    if (failure !== undefined) {
      throw new Error(`the CGI program ${program.scriptName} ${failure} after its headers`);
    }
  } finally {
    run.stop();
  }
}

/**
 * The environ with a body a program can read: one whose length is not
 * known (sent chunked) is read whole, and gets its CONTENT_LENGTH. None
 * when it is over `limit` bytes; leaving the loop early drops the rest.
 */
async function sizedBody(environ: Environ, limit: number): Promise<Environ | undefined> {
  if (environ.CONTENT_LENGTH) return environ;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of environ["gateway.input"]) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  const input = bytesInput(concat(chunks));
  if (size === 0) return { ...environ, "gateway.input": input };
  return { ...environ, CONTENT_LENGTH: String(size), "gateway.input": input };
}

/**
 * The environ for the path a program redirected to. The path is from the
 * server's root, so only paths under the host's own mount point
 * (`SCRIPT_NAME`) can be answered here.
 */
function redirectEnviron(environ: Environ, location: string): Environ {
  const mount = environ.SCRIPT_NAME;
  let target: TargetVariables;
  try {
    target = targetVariables(location);
  } catch (error) {
    throw new BadGateway(`redirected to a bad path: ${(error as Error).message}`);
  }
  const pathInfo = pathUnder(target.PATH_INFO, mount);
  if (pathInfo === undefined) {
    throw new BadGateway(`redirected to ${location}, outside this host's ${mount || "/"}`);
  }
  const next: Environ = {
    ...environ,
    ...target,
    SCRIPT_NAME: mount,
    PATH_INFO: pathInfo,
    REQUEST_METHOD: "GET",
    "gateway.input": bytesInput(new Uint8Array()),
  };
  delete next.CONTENT_LENGTH;
  delete next.CONTENT_TYPE;
  return next;
}
