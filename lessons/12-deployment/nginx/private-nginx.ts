/**
 * A private nginx in front of a FastCGI server, started and stopped from
 * Node: for lesson 12's test and demo.
 *
 * It is started as `nginx -p RUN_DIR -c RUN_DIR/nginx.conf -e RUN_DIR/error.log`:
 * `-p` makes the run folder nginx's prefix, `-c` names the config made from
 * `nginx.conf.template`, and `-e` sends even the errors of starting up to
 * the folder's log, before the config is read. `daemon off` in the config
 * keeps nginx our child, so stopping it is a signal to that process; then
 * the folder goes (lesson 02's `private-server.ts` does both).
 *
 * @example
 * const fastcgi = await serveFastCGI(mounted, { port: 9000 });
 * const nginx = await startFastCGIProxy(findNginx()!, { port: 8012, fastcgi: fastcgi.address, mount: "/app" });
 * // http://127.0.0.1:8012/app/ reaches the app
 * await nginx.stop();
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  launch,
  makeRunDir,
  type PrivateServer,
  writeConfig,
} from "../../02-cgi-hello-world/apache/private-server.ts";
import type { ProxyOptions } from "../apache/private-apache.ts";
import type { NginxInstall } from "./find-nginx.ts";

const TEMPLATE = fileURLToPath(new URL("nginx.conf.template", import.meta.url));

/**
 * Starts nginx on 127.0.0.1:`port`, passing `mount`/... to the FastCGI
 * server; resolves once it listens. Its logs are `error.log` and
 * `access.log` in `runDir`.
 * @example const nginx = await startFastCGIProxy(nginx, { port: 8012, fastcgi: "127.0.0.1:9000", mount: "/app" });
 */
export async function startFastCGIProxy(
  nginx: NginxInstall,
  options: ProxyOptions,
): Promise<PrivateServer> {
  const runDir = await makeRunDir("lesson-12-nginx-");
  const config = await writeConfig(TEMPLATE, runDir, "nginx.conf", {
    RUN_DIR: runDir,
    PORT: String(options.port),
    FASTCGI: options.fastcgi,
    MOUNT: options.mount,
    FASTCGI_PARAMS: nginx.fastcgiParams,
  });
  const errorLog = path.join(runDir, "error.log");
  const command = [nginx.bin, "-p", runDir, "-c", config, "-e", errorLog];
  return launch({ name: "nginx", command, runDir, port: options.port, errorLog: "error.log" });
}
