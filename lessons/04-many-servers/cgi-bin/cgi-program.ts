/**
 * Lesson 04's app as a CGI program: the web server starts this file once
 * per request, and `runCGI` turns the process's environment and stdin into
 * an environ, runs the app once, and writes its answer to stdout.
 *
 * @example
 * // npm run demo -- 4 cgi, then: curl http://127.0.0.1:8004/cgi-program.ts/some/path
 */
// #region cgi-program
import { runCGI } from "../../../gateway/cgi.ts";
import { app } from "../app.ts";

await runCGI(app);
// #endregion cgi-program
