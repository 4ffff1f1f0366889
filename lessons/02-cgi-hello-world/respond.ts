/**
 * Running a `respond(env, body)` function as a CGI program.
 *
 * The lesson's exercises are functions from the meta-variables and the
 * request body to the whole CGI output, so a test can call them directly.
 * This turns one into a real program: env and stdin in, stdout out.
 *
 * @example
 * // cgi-bin/exercise-hello.ts
 * await runAsCGI(respond);
 */
import { readBody } from "./read-body.ts";

/** The meta-variables and the decoded body in, the whole CGI output (headers and body) out. */
export type Respond = (env: Record<string, string | undefined>, body: string) => string;

/** Answers the request in this process's environment with `respond`. */
export async function runAsCGI(respond: Respond): Promise<void> {
  const body = await readBody(Number(process.env.CONTENT_LENGTH || 0));
  process.stdout.write(respond(process.env, body));
}
