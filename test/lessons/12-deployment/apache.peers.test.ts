/**
 * Lesson 12's app behind a real Apache (mod_proxy_fcgi, event MPM), started
 * privately on a free loopback port from the lesson's own config, in front
 * of the gateway's FastCGI server; then stopped and cleaned away.
 *
 * Without Apache the test is skipped, unless CI is set: CI installs
 * Apache, so there a missing one is a failure.
 */
import { describe } from "vitest";
import { findApache } from "../../../lessons/02-cgi-hello-world/apache/find-apache.ts";
import { startFastCGIProxy } from "../../../lessons/12-deployment/apache/private-apache.ts";
import {
  itKeepsTheConfigWhenTheServerDoesNotStart,
  itServesTheMountedApp,
  itShowsTheServersOwnSplit,
  type StartProxy,
} from "./deployment.ts";

const apache = findApache();
const skip = apache === undefined && !process.env.CI;
const title = (what: string) =>
  skip
    ? `${what} (skipped: no apache2 or httpd here; install Apache, or set APACHE_BIN and APACHE_MODULES)`
    : what;

/** Apache's starter; under CI a missing Apache fails here, in beforeAll, with the fix named. */
function startApache(): StartProxy {
  if (apache === undefined) {
    throw new Error(
      "CI is set but Apache is missing: install apache2 (.ci/run does) or set APACHE_BIN",
    );
  }
  return (options) => startFastCGIProxy(apache, options);
}

describe.skipIf(skip)(title("lesson 12's app behind Apache, with mountedAt"), () => {
  itKeepsTheConfigWhenTheServerDoesNotStart(startApache);
  itServesTheMountedApp(startApache, /^Apache\//);
});

describe.skipIf(skip)(title("lesson 12's app behind Apache, without mountedAt"), () => {
  itShowsTheServersOwnSplit(
    startApache,
    "gets the whole decoded path in SCRIPT_NAME and no PATH_INFO, so its links go wrong",
    { SCRIPT_NAME: "/app/hello world/x", PATH_INFO: "" },
    "/app/hello world/x/next",
  );
});
