/**
 * A private Apache in front of a FastCGI server, started and stopped from
 * Node: for lesson 12's test and demo.
 *
 * Lesson 02's `startPrivateApache` does the work (a run folder, the config
 * filled in from a template, Apache in the foreground, stopped with its
 * folder); this file adds lesson 12's template, which proxies one path
 * prefix to the FastCGI server with `mod_proxy_fcgi`, and the modules it
 * needs. Apache runs on Linux and macOS.
 *
 * @example
 * const fastcgi = await serveFastCGI(mounted, { port: 9000 });
 * const apache = await startFastCGIProxy(findApache()!, { port: 8012, fastcgi: fastcgi.address, mount: "/app" });
 * // http://127.0.0.1:8012/app/ reaches the app
 * await apache.stop();
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ApacheInstall } from "../../02-cgi-hello-world/apache/find-apache.ts";
import { startPrivateApache } from "../../02-cgi-hello-world/apache/private-apache.ts";
import type { PrivateServer } from "../../02-cgi-hello-world/apache/private-server.ts";

/**
 * Where Apache listens, where the FastCGI server is, and the prefix the app is mounted at.
 * @example { port: 8012, fastcgi: "127.0.0.1:9000", mount: "/app" }
 */
export interface ProxyOptions {
  port: number;
  /** The FastCGI server's "host:port", as `RunningFastCGI.address` gives it. */
  fastcgi: string;
  /** The path prefix: a leading "/", no "/" at the end. */
  mount: string;
}

const TEMPLATE = fileURLToPath(new URL("httpd.conf.template", import.meta.url));
const MODULES = ["mpm_event", "authz_core", "alias", "proxy", "proxy_fcgi", "log_config"];

/**
 * Starts Apache on 127.0.0.1:`port`, passing `mount`/... to the FastCGI
 * server; resolves once it listens. Its logs are `error.log` and
 * `access.log` in `runDir`.
 * @example const apache = await startFastCGIProxy(apache, { port: 8012, fastcgi: "127.0.0.1:9000", mount: "/app" });
 */
export async function startFastCGIProxy(
  apache: ApacheInstall,
  options: ProxyOptions,
): Promise<PrivateServer> {
  if (!existsSync(path.join(apache.modules, "mod_proxy_fcgi.so"))) {
    throw new Error(
      `Apache's mod_proxy_fcgi.so is not in ${apache.modules}: install it with Apache's ` +
        "proxy modules, or set APACHE_MODULES to the folder that holds it",
    );
  }
  return startPrivateApache(apache, {
    template: TEMPLATE,
    modules: MODULES,
    port: options.port,
    name: "lesson-12-apache-",
    fields: { FASTCGI: options.fastcgi, MOUNT: options.mount },
  });
}
