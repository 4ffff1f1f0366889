/**
 * A private nginx in front of a server's workers, over HTTP: for lesson
 * 13's nginx demo, its fault tests and the benchmark. It is started like lesson 12's (the same
 * launcher, lesson 02's `private-server.ts`), from `nginx.conf.template`
 * here, and stopped with its run folder.
 *
 * @example
 * const nginx = await startHttpProxy(findNginx()!.bin, { port: 8013, workers: "127.0.0.1:9013" });
 * // http://127.0.0.1:8013/ reaches the workers
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

const TEMPLATE = fileURLToPath(new URL("nginx.conf.template", import.meta.url));

/** Where nginx listens, and where the workers do (`host:port`). */
export interface HttpProxyOptions {
  port: number;
  workers: string;
}

/**
 * Starts nginx (the program `bin`) on 127.0.0.1:`port`, passing every
 * request to `workers`; resolves once it listens.
 * @example const nginx = await startHttpProxy("/usr/sbin/nginx", { port: 8013, workers: "127.0.0.1:9013" });
 */
export async function startHttpProxy(
  bin: string,
  options: HttpProxyOptions,
): Promise<PrivateServer> {
  const runDir = await makeRunDir("lesson-13-nginx-");
  const config = await writeConfig(TEMPLATE, runDir, "nginx.conf", {
    RUN_DIR: runDir,
    PORT: String(options.port),
    WORKERS: options.workers,
  });
  const errorLog = path.join(runDir, "error.log");
  const command = [bin, "-p", runDir, "-c", config, "-e", errorLog];
  return launch({ name: "nginx", command, runDir, port: options.port, errorLog: "error.log" });
}
