/**
 * One echo app under every server (`node:http`, the CGI host, nginx over
 * FastCGI, Express, the Fetch bridge, the test client), the same requests
 * to each, and every difference from `node:http` checked against the
 * table in lesson 12, "One app under every server: what still differs":
 * a difference the table does not list fails, and so does a row that no
 * longer differs.
 *
 * It starts nginx: without it the test is skipped, unless CI is set (CI
 * installs nginx, so there a missing one is a failure).
 */
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expressHandler } from "../../../gateway/bridges/express.ts";
import { fetchApp } from "../../../gateway/bridges/fetch-app.ts";
import { fetchHandler } from "../../../gateway/bridges/fetch-handler.ts";
import { cgiHost } from "../../../gateway/cgi-host.ts";
import { serve } from "../../../gateway/http-server.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { ErrorStream } from "../../../gateway/types.ts";
import { findNginx, NGINX_MISSING } from "../../../lessons/12-deployment/nginx/find-nginx.ts";
import { startFastCGIProxy } from "../../../lessons/12-deployment/nginx/private-nginx.ts";
import { echo } from "../../fixtures/one-app/echo.ts";
import { rawExchange, splitResponse } from "../../gateway/http-helpers.ts";
import { deploy, MOUNT } from "./deployment.ts";

const nginx = findNginx();
const skip = nginx === undefined && !process.env.CI;
const title = (what: string) => (skip ? `${what} (skipped: ${NGINX_MISSING})` : what);

const README = new URL("../../../lessons/12-deployment/README.md", import.meta.url);
const PROGRAMS = fileURLToPath(new URL("../../fixtures/one-app/cgi-bin", import.meta.url));
const quiet: ErrorStream = { write() {}, flush() {} };

/** What the echo app answered, or the status when it was not 200. */
type Seen = Record<string, unknown>;

/** A server under test: its name as the table spells it, and how to ask it. */
interface Server {
  name: string;
  ask(path: string, version: string): Promise<Seen>;
}

/** The request's header lines, the same for every server. */
const HEADERS: Array<[string, string]> = [
  ["Cookie", "a=1"],
  ["Cookie", "b=2"],
  ["X-Forwarded-For", "10.0.0.1"],
  ["X-Forwarded-For", "10.0.0.2"],
  ["Accept", "text/plain"],
  ["Connection", "close"],
];

/** The requests: a path, a path with `..`, and HTTP/1.0. */
const REQUESTS: Array<[path: string, version: string]> = [
  ["/a%20b/c?x=1", "1.1"],
  ["/a/../b", "1.1"],
  ["/x", "1.0"],
];

/**
 * Asks a server on `port`, with the app mounted at `mount`, over a raw
 * socket. Its own port becomes "PORT", and the mount leaves REQUEST_URI,
 * so that servers on different ports and mounts compare.
 */
async function overSocket(port: number, mount: string, path: string, version: string) {
  const lines = [`GET ${mount}${path} HTTP/${version}`, `Host: 127.0.0.1:${port}`];
  for (const [name, value] of HEADERS) lines.push(`${name}: ${value}`);
  const { head, body } = splitResponse(await rawExchange(port, `${lines.join("\r\n")}\r\n\r\n`));
  const status = Number(head.slice(9, 12));
  if (status !== 200) return { "the status": status };
  const seen = JSON.parse(body) as Seen;
  for (const key of ["SERVER_PORT", "HTTP_HOST"]) {
    if (typeof seen[key] === "string")
      seen[key] = (seen[key] as string).replace(String(port), "PORT");
  }
  if (typeof seen.REQUEST_URI === "string") seen.REQUEST_URI = seen.REQUEST_URI.slice(mount.length);
  return seen;
}

/** The keys whose values differ between two answers; only the status, when one is not 200. */
function differences(seen: Seen, reference: Seen): string[] {
  if ("the status" in seen || "the status" in reference) return ["the status"];
  const keys = new Set([...Object.keys(seen), ...Object.keys(reference)]);
  return [...keys].filter((key) => JSON.stringify(seen[key]) !== JSON.stringify(reference[key]));
}

/** The table's rows, as "server: key" pairs: the keys in backticks (or "the status"), under each server named. */
async function tableDifferences(): Promise<Set<string>> {
  const text = await readFile(README, "utf8");
  const section = text.split("## One app under every server: what still differs")[1] ?? "";
  const table = section.split("\n\n").find((block) => block.startsWith("|")) ?? "";
  const rows = table.split("\n").slice(2);
  const pairs = new Set<string>();
  for (const row of rows) {
    const [what = "", under = ""] = row.split("|").slice(1, 3);
    const keys =
      what.trim() === "the status"
        ? ["the status"]
        : [...what.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    for (const server of under.split(",").map((name) => name.trim())) {
      for (const key of keys) pairs.add(`${server}: ${key}`);
    }
  }
  return pairs;
}

describe.skipIf(skip)(title("one echo app under every server"), () => {
  const servers: Server[] = [];
  const stops: Array<() => Promise<void> | void> = [];
  /** Every answer, by server name, then by request. */
  const answers = new Map<string, Seen[]>();

  beforeAll(async () => {
    if (nginx === undefined)
      throw new Error(`CI is set but ${NGINX_MISSING} (.ci/run installs it)`);
    const node = await serve(echo, { port: 0, errors: quiet });
    const cgi = await serve(cgiHost(PROGRAMS), { port: 0, errors: quiet });
    const site = express();
    site.use(MOUNT, expressHandler(echo, { errors: quiet }));
    const inExpress = site.listen(0, "127.0.0.1");
    await once(inExpress, "listening");
    const handler = fetchHandler(echo, { scriptName: MOUNT, errors: quiet });
    const fetched = await serve(fetchApp(handler), { port: 0, errors: quiet });
    const behindNginx = await deploy(echo, (options) => startFastCGIProxy(nginx, options));
    stops.push(
      () => node.close(),
      () => cgi.close(),
      () => {
        inExpress.closeAllConnections();
        inExpress.close();
      },
      () => fetched.close(),
      () => behindNginx.stop(),
    );
    const socketServer = (name: string, port: number, mount: string): Server => ({
      name,
      ask: (path, version) => overSocket(port, mount, path, version),
    });
    servers.push(
      socketServer("node:http", node.port, ""),
      socketServer("CGI host", cgi.port, "/echo.ts"),
      socketServer("nginx (FastCGI)", Number(new URL(behindNginx.url).port), MOUNT),
      socketServer("Express", (inExpress.address() as AddressInfo).port, MOUNT),
      socketServer("Fetch bridge", fetched.port, MOUNT),
      {
        name: "test client",
        async ask(path) {
          // The Host the others were sent, with its port already made "PORT".
          const headers: Array<[string, string]> = [["Host", "127.0.0.1:PORT"], ...HEADERS];
          return (await new TestClient(echo).get(path, { headers })).json() as Seen;
        },
      },
    );
    for (const server of servers) {
      answers.set(server.name, []);
      for (const [path, version] of REQUESTS) {
        answers.get(server.name)?.push(await server.ask(path, version));
      }
    }
  });

  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it("differs from node:http in exactly what lesson 12's table lists", async () => {
    expect((await tableDifferences()).size, "the table is found and read").toBeGreaterThan(10);
    const reference = answers.get("node:http") ?? [];
    const found = new Set<string>();
    for (const [name, seen] of answers) {
      seen.forEach((answer, i) => {
        for (const key of differences(answer, reference[i] ?? {})) found.add(`${name}: ${key}`);
      });
    }
    expect([...found].sort()).toEqual([...(await tableDifferences())].sort());
  });

  it("shows the values the table gives", () => {
    const [plain, dots, old] = [0, 1, 2];
    const of = (name: string, i: number) => answers.get(name)?.[i] ?? {};
    expect(of("Fetch bridge", dots).PATH_INFO).toBe("/b");
    expect(of("nginx (FastCGI)", dots).PATH_INFO).toBe("/b");
    expect(of("node:http", dots).PATH_INFO).toBe("/a/../b");
    expect(of("CGI host", dots)["the status"]).toBe(404);
    expect(of("Fetch bridge", old).SERVER_PROTOCOL).toBe("HTTP/1.1");
    expect(of("node:http", old).SERVER_PROTOCOL).toBe("HTTP/1.0");
    expect(of("nginx (FastCGI)", plain).HTTP_HOST).toBe("127.0.0.1");
    expect(of("CGI host", plain)).toMatchObject({
      SCRIPT_NAME: "/echo.ts",
      "gateway.multiprocess": true,
      "gateway.run_once": true,
    });
    expect(of("test client", plain)).toMatchObject({ SERVER_NAME: "localhost", SERVER_PORT: "80" });
    for (const name of [
      "node:http",
      "CGI host",
      "nginx (FastCGI)",
      "Express",
      "Fetch bridge",
      "test client",
    ]) {
      expect(of(name, plain), name).toMatchObject({
        PATH_INFO: "/a b/c",
        QUERY_STRING: "x=1",
        REQUEST_URI: "/a%20b/c?x=1",
        REMOTE_ADDR: "127.0.0.1",
        HTTP_COOKIE: "a=1; b=2",
        HTTP_X_FORWARDED_FOR: "10.0.0.1, 10.0.0.2",
      });
    }
  });
});
