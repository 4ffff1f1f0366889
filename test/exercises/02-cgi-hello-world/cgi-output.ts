/**
 * Reading an exercise's CGI output the way the CGI host reads a program's
 * stdout (gateway/cgi-response.ts), so a learner gets the host's own
 * reasons when the output is not a valid CGI response.
 */
import { parseHead, readHead } from "../../../gateway/cgi-response.ts";
import { findHeader } from "../../../gateway/response-checks.ts";
import type { Headers } from "../../../gateway/types.ts";
import type { LessonSection } from "../load-exercise.ts";

/** The meta-variables and the body in, the whole CGI output out. */
export type Respond = (env: Record<string, string | undefined>, body: string) => string;

/** A CGI answer, as the host sees it. */
export interface CGIOutput {
  /** "200 OK": from the Status header, or the default. */
  status: string;
  headers: Headers;
  header(name: string): string | undefined;
  body: string;
  /** The body's length in bytes, as Content-Length must count it. */
  bodyBytes: number;
}

/** The meta-variables of a request, as a server sets them; `extra` adds or changes some. */
export function metaVariables(extra: Record<string, string>): Record<string, string> {
  return {
    GATEWAY_INTERFACE: "CGI/1.1",
    REQUEST_METHOD: "GET",
    SCRIPT_NAME: "/exercise.ts",
    PATH_INFO: "",
    QUERY_STRING: "",
    SERVER_NAME: "127.0.0.1",
    SERVER_PORT: "8002",
    SERVER_PROTOCOL: "HTTP/1.1",
    ...extra,
  };
}

/** Parses `output` as the host would; throws a learner-facing error where the host would answer 502. */
export async function parseCGI(output: unknown, section: LessonSection): Promise<CGIOutput> {
  if (typeof output !== "string") {
    throw new Error(
      `respond must return the whole output as one string, not ${typeof output}; ${section.see}`,
    );
  }
  const read = await readHead(
    (async function* () {
      yield Buffer.from(output, "utf8");
    })(),
  );
  if (read === undefined) {
    throw new Error(
      `the output has no empty line after its headers, so the server cannot tell headers from body: end the headers with "\\r\\n\\r\\n"; ${section.see}`,
    );
  }
  let answer: ReturnType<typeof parseHead>;
  try {
    answer = parseHead(read.head);
  } catch (error) {
    throw new Error(
      `the server would answer 502 Bad Gateway: the program ${(error as Error).message}; ${section.see}`,
    );
  }
  const body = Buffer.from(read.body);
  return {
    status: answer.status,
    headers: answer.headers,
    header: (name) => findHeader(answer.headers, name),
    body: body.toString("utf8"),
    bodyBytes: body.byteLength,
  };
}
