/**
 * Lesson 12's app behind a real nginx (fastcgi_pass), started privately on
 * a free loopback port from the lesson's own config, in front of the
 * gateway's FastCGI server; then stopped and cleaned away.
 *
 * Without nginx the test is skipped, unless CI is set: CI installs nginx,
 * so there a missing one is a failure.
 */
import { describe } from "vitest";
import { findNginx, NGINX_MISSING } from "../../../lessons/12-deployment/nginx/find-nginx.ts";
import { startFastCGIProxy } from "../../../lessons/12-deployment/nginx/private-nginx.ts";
import {
  itKeepsTheConfigWhenTheServerDoesNotStart,
  itServesTheMountedApp,
  itShowsTheServersOwnSplit,
  type StartProxy,
} from "./deployment.ts";

const nginx = findNginx();
const skip = nginx === undefined && !process.env.CI;
const title = (what: string) => (skip ? `${what} (skipped: ${NGINX_MISSING})` : what);

/** nginx's starter; under CI a missing nginx fails here, in beforeAll, with the fix named. */
function startNginx(): StartProxy {
  if (nginx === undefined) throw new Error(`CI is set but ${NGINX_MISSING} (.ci/run installs it)`);
  return (options) => startFastCGIProxy(nginx, options);
}

describe.skipIf(skip)(title("lesson 12's app behind nginx, with mountedAt"), () => {
  itKeepsTheConfigWhenTheServerDoesNotStart(startNginx);
  itServesTheMountedApp(startNginx, /^nginx\//);
});

describe.skipIf(skip)(title("lesson 12's app behind nginx, without mountedAt"), () => {
  itShowsTheServersOwnSplit(
    startNginx,
    "gets the prefix in SCRIPT_NAME and the rest in PATH_INFO already: the config splits the path",
    { SCRIPT_NAME: "/app", PATH_INFO: "/hello world/x" },
    "/app/next",
  );
});
