/**
 * The request log: one line per request, in Apache's "combined" format
 * (Paste's `paste.translogger.TransLogger`; Werkzeug's development server
 * writes much the same line).
 *
 * The line is the one Apache's `%h %l %u %t "%r" %>s %b "%{Referer}i"
 * "%{User-agent}i" %D` writes, so every log tool can read it:
 *
 *   127.0.0.1 - - [24/Nov/2026:21:35:55 +0100] "GET /notes?page=2 HTTP/1.1" 200 5120 "-" "curl/8.5.0" 1834
 *
 * the client's address; two dashes (the identity and the user, which
 * nothing here knows); the time the request came, in local time; the
 * request line as it came (`REQUEST_URI`, undecoded); the status; the bytes
 * of the body actually sent ("-" for none); the `Referer` and `User-Agent`
 * headers; and, last, the time taken in microseconds (Apache's `%D`).
 *
 * The line is written when the body is over, since only then are the bytes
 * and the time known: at its end, when it fails, or when the server
 * abandons it because the client left. (A body given as a list is whole
 * when the app returns it: its line is written then.) A chunk counts as
 * sent once the server asks for the next one (it waits until the socket
 * took each chunk before asking); a HEAD answer sends no body, so its
 * bytes are "-". An error that ends the answer before any byte went out is
 * logged as 500: that is what the server answers.
 *
 * Where the middleware sits decides what it sees: outside `compression()`
 * it counts the compressed bytes that crossed the network; inside, the
 * bytes the app made. Lesson 09 stacks it outside.
 *
 * @example
 * const app = requestLog()(site);                         // to gateway.errors
 * const toFile = requestLog({ to: fs.createWriteStream("access.log", { flags: "a" }) })(site);
 */
import type { Body, Chunk, Environ, Middleware, StartResponse } from "../types.ts";

/**
 * Where lines go: a function given each line, or anything with `write(text)`, like a file stream.
 * @example const toConsole: LogTarget = (line) => process.stdout.write(line);
 */
export type LogTarget = ((line: string) => void) | { write(text: string): unknown };

/**
 * Where the log goes.
 * @example requestLog({ to: process.stdout })
 */
export interface RequestLogOptions {
  /** Default: the request's `gateway.errors`, the server's log. */
  to?: LogTarget;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Makes the middleware. A `to` that cannot take lines is refused here.
 * @example requestLog({ to: (line) => lines.push(line) })(app)
 */
export function requestLog(options: RequestLogOptions = {}): Middleware {
  const target = checkTarget(options.to);
  return (app) =>
    async function logged(environ, startResponse) {
      const entry = new LogEntry(environ, target);
      let body: Body;
      try {
        body = await app(environ, entry.wrap(startResponse));
      } catch (error) {
        entry.failed = true;
        entry.write();
        throw error;
      }
      if (!Array.isArray(body)) return entry.follow(body);
      // A list is sent as it is (so the server can still count it), and logged now.
      for (const chunk of body) entry.count(chunk);
      entry.write();
      return body;
    };
}

/** One request's line, filled in as the answer goes by. */
class LogEntry {
  failed = false;
  #code = "-";
  #bytes = 0;
  readonly #arrived = new Date();
  readonly #start = process.hrtime.bigint();

  constructor(
    readonly environ: Environ,
    readonly target: LogTarget | undefined,
  ) {}

  /** The status is noted once the server accepted it (with excInfo after the headers went out, it rethrows). */
  wrap(startResponse: StartResponse): StartResponse {
    return (status, headers, excInfo) => {
      const write = startResponse(status, headers, excInfo);
      this.#code = status.slice(0, 3);
      return async (chunk) => {
        await write(chunk);
        this.count(chunk);
      };
    };
  }

  count(chunk: Chunk): void {
    if (this.environ.REQUEST_METHOD !== "HEAD") this.#bytes += chunk.byteLength;
  }

  /** The body, unchanged; each chunk counted once the server comes back for more. */
  async *follow(body: Body): AsyncGenerator<Chunk> {
    try {
      for await (const chunk of body) {
        yield chunk;
        this.count(chunk);
      }
    } catch (error) {
      this.failed = true;
      throw error;
    } finally {
      this.write();
    }
  }

  write(): void {
    const line = `${this.#line()}\n`;
    if (this.target === undefined) {
      this.environ["gateway.errors"].write(line);
      this.environ["gateway.errors"].flush();
    } else if (typeof this.target === "function") {
      this.target(line);
    } else {
      this.target.write(line);
    }
  }

  #line(): string {
    const { environ } = this;
    const code = this.failed && this.#bytes === 0 ? "500" : this.#code;
    const request = `${environ.REQUEST_METHOD} ${environ.REQUEST_URI} ${environ.SERVER_PROTOCOL}`;
    const micros = (process.hrtime.bigint() - this.#start) / 1000n;
    return [
      environ.REMOTE_ADDR || "-",
      "-",
      "-",
      `[${apacheTime(this.#arrived)}]`,
      quoted(request),
      code,
      this.#bytes === 0 ? "-" : String(this.#bytes),
      quoted(environ.HTTP_REFERER ?? "-"),
      quoted(environ.HTTP_USER_AGENT ?? "-"),
      String(micros),
    ].join(" ");
  }
}

/** "10/Oct/2000:13:55:36 -0700": local time and its offset from UTC, as Apache's `%t`. */
function apacheTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const zone = `${offset < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
  const day = `${pad(date.getDate())}/${MONTHS[date.getMonth()]}/${date.getFullYear()}`;
  return `${day}:${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${zone}`;
}

/**
 * Text from the request, in quotes. A quote or a newline in a header must
 * not let a client forge a second log line, so, as Apache does, `"` and `\`
 * get a backslash and anything not printable ASCII becomes `\xhh`.
 */
function quoted(text: string): string {
  const escaped = text.replace(/[\\"]|[^\x20-\x7e]/g, (char) =>
    char === "\\" || char === '"'
      ? `\\${char}`
      : `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  return `"${escaped}"`;
}

function checkTarget(to: LogTarget | undefined): LogTarget | undefined {
  const usable =
    to === undefined ||
    typeof to === "function" ||
    (typeof to === "object" && to !== null && typeof to.write === "function");
  if (!usable) {
    throw new TypeError(
      "requestLog: `to` takes the lines: a function (line) => ..., or a stream with write(), " +
        "like fs.createWriteStream('access.log', { flags: 'a' }); leave it out to log to gateway.errors",
    );
  }
  return to;
}
