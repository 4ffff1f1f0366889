/**
 * `gateway cgi FILE[:EXPORT]`: run an app once, as a CGI program.
 *
 * The web server (Apache, or `gateway cgi-host`) starts this once per
 * request, with the request in environment variables and the body on
 * stdin; the response goes to stdout as a `Status:` line, headers and body
 * (RFC 3875). So nothing else may be printed to stdout here.
 *
 * @example
 * // REQUEST_METHOD=GET ... gateway cgi lessons/04-many-servers/app.ts
 */
import { runCGI } from "../../cgi.ts";
import type { Command } from "../command.ts";
import { parseCommand } from "../command.ts";
import { loadApp } from "../load-app.ts";

/** Answers the one request in the environment, then exits. */
export const cgiCommand: Command = {
  name: "cgi",
  synopsis: "FILE[:EXPORT]",
  summary: "answer one request as a CGI program (environment and stdin in, stdout out)",
  async run(args) {
    const { operand } = parseCommand(args, "FILE[:EXPORT]", {});
    const { app } = await loadApp(operand);
    await runCGI(app);
  },
};
