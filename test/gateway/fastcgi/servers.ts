/**
 * FastCGI servers for the tests: each listens on 127.0.0.1 on a port the
 * system picks, records its log, and is closed by `closeFastCGIServers`
 * (in `afterEach`).
 */
import {
  type FastCGIOptions,
  type RunningFastCGI,
  serveFastCGI,
} from "../../../gateway/fastcgi/server.ts";
import type { App } from "../../../gateway/types.ts";
import { RecordedErrors } from "../http-helpers.ts";

const running: RunningFastCGI[] = [];

/** What a test may set: the log to record into, and the idle timeout. */
export type TestOptions = Pick<FastCGIOptions, "idleTimeout"> & { errors?: RecordedErrors };

/** Serves `app` over FastCGI on a free port, with its log kept in `errors`. */
export async function startFastCGI(
  app: App,
  { errors = new RecordedErrors(), ...options }: TestOptions = {},
): Promise<RunningFastCGI & { errors: RecordedErrors }> {
  const server = await serveFastCGI(app, { ...options, host: "127.0.0.1", port: 0, errors });
  running.push(server);
  return { ...server, errors };
}

/** Closes every server `startFastCGI` opened. */
export async function closeFastCGIServers(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.close()));
}
