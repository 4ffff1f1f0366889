/**
 * The web servers in front of the FastCGI rows: a private nginx (with and
 * without connections kept open to the FastCGI server) and a private
 * Apache, each started from Node, on a free port, and stopped again.
 *
 * They reuse the launchers of the lessons: lesson 02's `private-server.ts`
 * (run folder, config from a template, the server as our child) and
 * `find-*.ts`, and lesson 12's Apache proxy as it is. nginx gets a config
 * of its own (`nginx.conf.template` here): lesson 12's allows 64
 * connections, fewer than the load tool's and the upstream's together.
 *
 * @example
 * const front = await startFront("nginx-keepalive", "127.0.0.1:9000");
 * // front.url: "http://127.0.0.1:40125/app/"
 * await front.stop();
 */

import { fileURLToPath } from "node:url";
import { findApache } from "../../lessons/02-cgi-hello-world/apache/find-apache.ts";
import {
  launch,
  makeRunDir,
  type PrivateServer,
  writeConfig,
} from "../../lessons/02-cgi-hello-world/apache/private-server.ts";
import { startFastCGIProxy } from "../../lessons/12-deployment/apache/private-apache.ts";
import { findNginx } from "../../lessons/12-deployment/nginx/find-nginx.ts";
import { freePort } from "../../test/support/free-port.ts";

/** The web servers a FastCGI row can put in front. */
export type FrontName = "nginx" | "nginx-keepalive" | "apache";

/** Where the app is mounted, as in lesson 12. */
const MOUNT = "/app";

const TEMPLATE = fileURLToPath(new URL("nginx.conf.template", import.meta.url));

/**
 * Why `front` cannot run on this machine, or `undefined` when it can.
 * @example whyNot("apache") // "no Apache found ..." or undefined
 */
export function whyNot(front: FrontName): string | undefined {
  if (front === "apache")
    return findApache() === undefined ? "no Apache found (apache2, httpd)" : undefined;
  return findNginx() === undefined ? "no nginx found" : undefined;
}

/**
 * Starts `front` on a free port of 127.0.0.1, passing /app/ to the FastCGI
 * server at `fastcgi` ("host:port"); `url` is the app's root.
 * @example const { url, stop } = await startFront("apache", "127.0.0.1:9000");
 */
export async function startFront(front: FrontName, fastcgi: string): Promise<PrivateServer> {
  const port = await freePort();
  const started =
    front === "apache"
      ? await startFastCGIProxy(required(findApache(), front), { port, fastcgi, mount: MOUNT })
      : await startNginx(fastcgi, port, front === "nginx-keepalive");
  return { ...started, url: `${started.url}${MOUNT.slice(1)}/` };
}

async function startNginx(fastcgi: string, port: number, keepAlive: boolean) {
  const nginx = required(findNginx(), "nginx");
  const runDir = await makeRunDir("bench-nginx-");
  const config = await writeConfig(TEMPLATE, runDir, "nginx.conf", {
    RUN_DIR: runDir,
    PORT: String(port),
    FASTCGI: fastcgi,
    MOUNT,
    FASTCGI_PARAMS: nginx.fastcgiParams,
    // Up to 64 idle connections to the FastCGI server wait for the next request.
    KEEPALIVE: keepAlive ? "keepalive 64;" : "",
    KEEP_CONN: keepAlive ? "fastcgi_keep_conn on;" : "",
  });
  const command = [nginx.bin, "-p", runDir, "-c", config, "-e", `${runDir}/error.log`];
  return launch({ name: "nginx", command, runDir, port, errorLog: "error.log" });
}

function required<T>(found: T | undefined, name: string): T {
  if (found === undefined) throw new Error(`${name} is not installed`);
  return found;
}
