/**
 * `npm run demo -- 12`: lesson 12's app over FastCGI, behind a private nginx.
 * The app listens on 127.0.0.1:9000, nginx on http://127.0.0.1:8012/app/. `--port` moves
 * nginx, `--fastcgi-port` the FastCGI server, `--raw` drops `mountedAt`.
 * Needs nginx (Linux, macOS); Ctrl-C stops both and removes nginx's folder.
 */
import { findNginx, NGINX_MISSING, type NginxInstall } from "./nginx/find-nginx.ts";
import { startFastCGIProxy } from "./nginx/private-nginx.ts";
import { runBehind } from "./run-behind.ts";

/** nginx, or `undefined` after saying why not: not installed, or NGINX_BIN names no file. */
function nginxOrWhyNot(): NginxInstall | undefined {
  try {
    const nginx = process.platform === "win32" ? undefined : findNginx();
    if (nginx === undefined) {
      console.error(
        `Lesson 12 demo: ${NGINX_MISSING}.\n` +
          "On Windows, use WSL, or the demos that need no web server: npm run demo -- 12 express",
      );
    }
    return nginx;
  } catch (error) {
    console.error(`Lesson 12 demo: ${(error as Error).message}`);
    return undefined;
  }
}

const nginx = nginxOrWhyNot();

if (nginx === undefined) {
  process.exitCode = 1;
} else {
  // #region demo
  await runBehind("nginx", (options) => startFastCGIProxy(nginx, options));
  // #endregion demo
}
