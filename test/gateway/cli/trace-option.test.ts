import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import type { TraceExport } from "../../../gateway/trace/events.ts";
import { fastcgiRequest, params } from "../../support/fastcgi-client.ts";
import { runGateway, serveGateway } from "./run-gateway.ts";

const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running.splice(0)) child.kill();
});

const TRACE_LINE =
  /^Trace: open (http:\/\/127\.0\.0\.1:\d+\/trace) to see each request go through the app$/m;

/** Starts `gateway ARGS` and waits for both its own line and the trace page's. */
async function startTraced(args: string[], announcement?: RegExp) {
  const serving = await serveGateway(
    args,
    {},
    new RegExp(
      `${announcement?.source ?? "^Serving .* on (http://\\S+) \\(Ctrl-C to stop\\)$"}[\\s\\S]*^Trace: open`,
      "m",
    ),
  );
  running.push(serving.child);
  const page = TRACE_LINE.exec(serving.stdout())?.[1] as string;
  const traces = async () => (await (await fetch(`${page}?format=json`)).json()) as TraceExport;
  return { ...serving, page, traces };
}

describe.concurrent("--trace", () => {
  it("gateway serve --trace prints the trace page's address, where each request shows", async () => {
    const { url, page, traces } = await startTraced([
      "serve",
      "apps.ts",
      "--port",
      "0",
      "--trace",
      "--trace-port",
      "0",
    ]);
    expect(page).not.toBe(url);
    expect(await (await fetch(`${url}hello`)).text()).toBe("Hello from /hello\n");
    const [trace] = (await traces()).traces;
    expect(trace?.lanes.map((lane) => lane.name)).toEqual(["server", "app"]);
    expect(trace?.uri).toBe("/hello");
    expect(trace?.events.map((event) => event.kind)).toContain("head");
  });

  it("with --validate, the validator is a lane between the server and the app", async () => {
    const { url, traces } = await startTraced([
      "serve",
      "apps.ts",
      "--port",
      "0",
      "--validate",
      "--trace",
      "--trace-port",
      "0",
    ]);
    await fetch(`${url}hello`);
    const [trace] = (await traces()).traces;
    expect(trace?.lanes.map((lane) => lane.name)).toEqual(["server", "validator", "app"]);
  });

  it("gateway fastcgi --trace serves the trace page over HTTP", async () => {
    const announced = /^FastCGI server for \S+ on 127\.0\.0\.1:(\d+) \(Ctrl-C to stop\)$/m;
    const { url: port, traces } = await startTraced(
      ["fastcgi", "apps.ts", "--port", "0", "--trace", "--trace-port", "0"],
      announced,
    );
    const answer = await fastcgiRequest(Number(port), params({ PATH_INFO: "/hello" }));
    expect(answer.status).toBe(200);
    const [trace] = (await traces()).traces;
    expect(trace?.lanes.map((lane) => lane.name)).toEqual(["server", "app"]);
  });

  it.each(["serve", "fastcgi"])(
    "gateway %s refuses --trace with --workers in one line that says why, with exit code 1",
    async (command) => {
      const { code, stdout, stderr } = await runGateway([
        command,
        "apps.ts",
        "--port",
        "0",
        "--workers",
        "2",
        "--trace",
      ]);
      expect(stderr).toBe(
        "gateway: --trace cannot be used with --workers: the trace page shows the requests of " +
          "the process it runs in, and each worker serves only its share. " +
          "Leave out --workers to trace the app.\n",
      );
      expect(stdout).toBe("");
      expect(code).toBe(1);
    },
  );
});
