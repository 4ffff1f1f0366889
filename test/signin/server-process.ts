/**
 * The real sign-in server as a child process, and a visitor that talks to it
 * over HTTP with `fetch`, for the tests that need a process to kill or restart.
 *
 * The server is started exactly as a learner starts it (`node --import tsx
 * solutions/signin/server.ts`), on port 0, and found by the line it prints:
 * `Sign-in app running at http://127.0.0.1:PORT/`.
 *
 * @example
 * const server = await startServer(dataDir);
 * const visitor = new Visitor(server.url);
 * await visitor.submit("signup", { username: "ada", password: "correct horse" });
 * await server.kill();
 */
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SERVER = path.join(repoRoot, "solutions", "signin", "server.ts");
const READY = /Sign-in app running at (http:\/\/\S+\/)/;

/**
 * A running server process.
 * @example const { url, kill } = await startServer(dataDir);
 */
export interface ServerProcess {
  /** Ends with a slash: `http://127.0.0.1:PORT/`. */
  url: string;
  child: ChildProcess;
  /** SIGKILL (on Windows, TerminateProcess), and waits until it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, as a process manager stops it (a supervisor stops its workers first), and waits. */
  stop(): Promise<void>;
}

/**
 * Starts the server on `dataDir`, resolving once it prints its URL. `env`
 * adds to the environment it inherits.
 * @example const server = await startServer("/tmp/signin-test", { SIGNIN_PASSWORD_COST: "14" });
 */
export function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  { program = SERVER, args = [] }: { program?: string; args?: string[] } = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", program, ...args, "--data", dataDir, "--host", "127.0.0.1", "--port", "0"],
    {
      cwd: repoRoot,
      // The test says which database: none from the shell that runs the tests.
      env: { ...process.env, DATABASE_URL: undefined, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = async (name: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  const kill = () => signal("SIGKILL");
  const stop = () => signal("SIGTERM");
  let output = "";
  return new Promise((resolve, reject) => {
    const collect = (data: Buffer): void => {
      output += data.toString();
      const url = READY.exec(output)?.[1];
      if (url !== undefined) resolve({ url, child, kill, stop });
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.once("exit", (code) =>
      reject(new Error(`the sign-in server exited (code ${code}) before it listened:\n${output}`)),
    );
  });
}

/**
 * One browser's worth of state: its session cookie. It reads a form page
 * first, as a browser does, for the cookie and the form's CSRF token.
 * @example const answer = await new Visitor(url).submit("signin", { username, password });
 */
export class Visitor {
  cookie = "";
  readonly #fetch: typeof fetch;

  /**
   * `newConnections`: each request on a connection of its own, as with
   * workers, where the supervisor hands each new connection to the next one.
   */
  constructor(
    readonly baseUrl: string,
    { newConnections = false } = {},
  ) {
    this.#fetch = newConnections ? fetchOnNewConnection : fetch;
  }

  /** GET a page, keeping the cookie it sets. @example await visitor.get("private") */
  async get(page: string): Promise<Response> {
    return this.#keepCookie(
      await this.#fetch(new URL(page, this.baseUrl), {
        headers: { Cookie: this.cookie },
        redirect: "manual",
      }),
    );
  }

  /**
   * The form page's CSRF token (and a session cookie, if there was none yet).
   * @example const token = await visitor.formToken("signup");
   */
  async formToken(page: string): Promise<string> {
    const text = await (await this.get(page)).text();
    const token = /name="csrf_token" value="([^"]+)"/.exec(text)?.[1];
    if (token === undefined) throw new Error(`no csrf_token field on /${page}:\n${text}`);
    return token;
  }

  /**
   * POSTs `fields` with `token` (from `formToken`) to `page`; not following redirects.
   * @example await visitor.post("signup", token, { username: "ada", password: "correct horse" });
   */
  async post(page: string, token: string, fields: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ csrf_token: token, ...fields });
    const response = await this.#fetch(new URL(page, this.baseUrl), {
      method: "POST",
      headers: { Cookie: this.cookie },
      body,
      redirect: "manual",
    });
    return this.#keepCookie(response);
  }

  /** Reads the form, then sends it. @example await visitor.submit("signin", fields) */
  async submit(page: string, fields: Record<string, string>): Promise<Response> {
    return this.post(page, await this.formToken(page), fields);
  }

  #keepCookie(response: Response): Response {
    const session = response.headers.getSetCookie().find((line) => line.startsWith("session="));
    if (session !== undefined) this.cookie = session.split(";")[0] as string;
    return response;
  }
}

/**
 * `fetch`, for the requests Visitor sends, on a new connection each time
 * (`agent: false`), closed after the answer.
 */
async function fetchOnNewConnection(
  url: URL | RequestInfo,
  init: RequestInit = {},
): Promise<Response> {
  const body = init.body === undefined ? "" : String(init.body);
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.body !== undefined) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers["Content-Length"] = String(Buffer.byteLength(body));
  }
  const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.request(String(url), {
      method: init.method ?? "GET",
      headers,
      agent: false,
    });
    request.on("response", resolve).on("error", reject).end(body);
  });
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    for (const each of [value ?? []].flat()) responseHeaders.append(name, each);
  }
  const empty = answer.statusCode === 204 || answer.statusCode === 304;
  return new Response(empty ? null : Buffer.concat(chunks), {
    status: answer.statusCode,
    headers: responseHeaders,
  });
}
