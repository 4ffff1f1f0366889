/**
 * `npm run demo -- 13 nginx`: lesson 13's demo with nginx in front, on
 * http://127.0.0.1:8013/, the workers on a free port behind it
 * (nginx/nginx.conf.template). Needs nginx (Linux, macOS; on Windows, WSL).
 */

import { isSupervisedWorker } from "../../gateway/workers/worker.ts";
import { findNginx, NGINX_MISSING } from "../12-deployment/nginx/find-nginx.ts";
import { serveCounter } from "./serve-counter.ts";

/** nginx's program, or undefined after saying why there is none (or NGINX_BIN names no file). */
function nginxOrWhyNot(): string | undefined {
  try {
    const nginx = findNginx();
    if (nginx === undefined) console.error(`Lesson 13 demo: ${NGINX_MISSING}.`);
    return nginx?.bin;
  } catch (error) {
    console.error(`Lesson 13 demo: ${(error as Error).message}`);
    return undefined;
  }
}

// Workers serve the app only: nginx is the supervisor's to start.
if (isSupervisedWorker()) {
  await serveCounter(process.argv.slice(2));
} else {
  const nginx = nginxOrWhyNot();
  if (nginx === undefined) process.exitCode = 1;
  else await serveCounter(process.argv.slice(2), nginx);
}
