/**
 * `npm run demo -- 12 apache`: lesson 12's app over FastCGI, behind a private
 * Apache. The app listens on 127.0.0.1:9000, Apache on http://127.0.0.1:8012/app/.
 * `--raw` serves the app without `mountedAt`, to see Apache's SCRIPT_NAME;
 * `--port` and `--fastcgi-port` as for `npm run demo -- 12`.
 * Needs Apache with mod_proxy_fcgi (Linux, macOS).
 */
import { type ApacheInstall, findApache } from "../02-cgi-hello-world/apache/find-apache.ts";
import { startFastCGIProxy } from "./apache/private-apache.ts";
import { runBehind } from "./run-behind.ts";

/** Apache, or `undefined` after saying why not: not installed, or APACHE_BIN names no Apache. */
function apacheOrWhyNot(): ApacheInstall | undefined {
  try {
    const apache = process.platform === "win32" ? undefined : findApache();
    if (apache === undefined) {
      console.error(
        "Lesson 12 demo: no Apache found (looked for apache2 and httpd, and its modules folder).\n" +
          "Install it (Debian/Ubuntu: sudo apt-get install apache2; macOS: brew install httpd), or set\n" +
          "APACHE_BIN and APACHE_MODULES. On Windows, use WSL, or: npm run demo -- 12 express",
      );
    }
    return apache;
  } catch (error) {
    console.error(`Lesson 12 demo: ${(error as Error).message}`);
    return undefined;
  }
}

const apache = apacheOrWhyNot();

if (apache === undefined) {
  process.exitCode = 1;
} else {
  // #region demo
  await runBehind("Apache", (options) => startFastCGIProxy(apache, options));
  // #endregion demo
}
