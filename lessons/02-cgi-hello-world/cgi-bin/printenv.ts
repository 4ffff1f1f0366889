/**
 * Shows the meta-variables: every environment variable this CGI program got.
 *
 * This is how a CGI program learns about its request. Compare the list
 * under the workshop's CGI host with the one under Apache: the RFC 3875
 * variables are in both, and each server adds a few of its own.
 *
 * @example
 * // npm run demo -- 2, then: curl "http://127.0.0.1:8002/printenv.ts/extra/path?x=1"
 */

// #region printenv
const lines = Object.entries(process.env)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([name, value]) => `${name}=${value}`);

process.stdout.write("Content-Type: text/plain; charset=utf-8\r\n\r\n"); // no Status: 200 OK is the default
process.stdout.write(`${lines.join("\n")}\n`);
// #endregion printenv
