/**
 * Repeated request headers behind a real nginx: nginx passes each header
 * line as a FastCGI parameter of its own, so a header sent twice reaches
 * the FastCGI server as the same `HTTP_*` name twice. The app must see
 * what it sees under `node:http`: a list joined, Cookie with "; ", and a
 * header that holds one value refused with the gateway's 400.
 *
 * Without nginx the test is skipped, unless CI is set: CI installs nginx,
 * so there a missing one is a failure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import type { App } from "../../../gateway/types.ts";
import { findNginx, NGINX_MISSING } from "../../../lessons/12-deployment/nginx/find-nginx.ts";
import { startFastCGIProxy } from "../../../lessons/12-deployment/nginx/private-nginx.ts";
import { type Deployment, deploy, MOUNT } from "../../lessons/12-deployment/deployment.ts";
import { RawClient, splitResponse } from "../http-helpers.ts";

const nginx = findNginx();
const skip = nginx === undefined && !process.env.CI;
const title = (what: string) => (skip ? `${what} (skipped: ${NGINX_MISSING})` : what);

/** Answers with the two list headers the tests send, as JSON. */
const showHeaders: App = (environ, startResponse) => {
  const { HTTP_COOKIE, HTTP_X_FORWARDED_FOR } = environ;
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [encode(JSON.stringify({ HTTP_COOKIE, HTTP_X_FORWARDED_FOR }))];
};

describe.skipIf(skip)(title("repeated request headers through a real nginx"), () => {
  let deployment: Deployment;

  beforeAll(async () => {
    if (nginx === undefined)
      throw new Error(`CI is set but ${NGINX_MISSING} (.ci/run installs it)`);
    deployment = await deploy(showHeaders, (options) => startFastCGIProxy(nginx, options));
  });

  afterAll(() => deployment?.stop());

  /** Sends a GET with these header lines, and reads the whole answer. */
  async function answerTo(lines: string[]) {
    const client = await RawClient.connect(Number(new URL(deployment.url).port));
    const head = [`GET ${MOUNT}/ HTTP/1.1`, "Host: localhost", ...lines, "Connection: close"];
    // The socket stays open for writing: nginx drops a request whose client half-closed.
    client.socket.write(`${head.join("\r\n")}\r\n\r\n`);
    await client.closed;
    return splitResponse(client.received);
  }

  it("joins two Cookie lines with a semicolon, as node:http does", async () => {
    const { body } = await answerTo(["Cookie: a=1", "Cookie: b=2"]);
    expect(JSON.parse(body)).toMatchObject({ HTTP_COOKIE: "a=1; b=2" });
  });

  it("keeps a whole X-Forwarded-For chain sent on two lines", async () => {
    const { body } = await answerTo(["X-Forwarded-For: 10.0.0.1", "X-Forwarded-For: 10.0.0.2"]);
    expect(JSON.parse(body)).toMatchObject({ HTTP_X_FORWARDED_FOR: "10.0.0.1, 10.0.0.2" });
  });

  it("answers the gateway's 400 to a second line of a header that holds one value", async () => {
    for (const name of ["User-Agent", "Content-Type", "Referer"]) {
      const { head, body } = await answerTo([`${name}: a`, `${name}: b`]);
      expect(head, name).toMatch(/^HTTP\/1\.1 400 /);
      expect(body).toBe(
        `Bad Request: the request has more than one ${name.toLowerCase()} header, which holds a single value\n`,
      );
    }
  });
});
