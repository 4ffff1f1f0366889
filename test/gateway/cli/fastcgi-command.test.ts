import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { type AddressInfo, createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { fastcgiRequest, params } from "../../support/fastcgi-client.ts";
import { runGateway, type Serving, serveGateway } from "./run-gateway.ts";

const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running.splice(0)) child.kill();
});

const ANNOUNCED = /^FastCGI server for (\S+) on (127\.0\.0\.1:(\d+)) \(Ctrl-C to stop\)$/m;

/** Starts `gateway fastcgi ARGS` and waits for the line that names its address. */
async function startFastCGI(args: string[]): Promise<Serving> {
  // A server that failed to start has exited already: only a running one needs stopping.
  const serving = await serveGateway(["fastcgi", ...args], {}, ANNOUNCED);
  running.push(serving.child);
  return serving;
}

describe.concurrent("gateway fastcgi FILE", () => {
  it("serves the app over FastCGI, and says what a web server must point at", async () => {
    const { child, stdout } = await startFastCGI(["apps.ts", "--port", "0"]);
    const [, target, address, port] = ANNOUNCED.exec(stdout()) ?? [];
    expect(target).toBe("apps.ts:app");
    expect(stdout()).toContain(`fastcgi_pass ${address};`);
    expect(stdout()).toContain(`fcgi://${address}/`);
    const answer = await fastcgiRequest(Number(port), params({ PATH_INFO: "/hello" }));
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe("Hello from /hello\n");
    if (process.platform !== "win32") {
      const closed = once(child, "close");
      child.kill("SIGINT");
      const [code] = await closed;
      expect(code).toBe(0);
    }
  });

  it("checks the app against PEP 3333 with --validate", async () => {
    const { stdout } = await startFastCGI(["apps.ts:untyped", "--port", "0", "--validate"]);
    const port = Number(ANNOUNCED.exec(stdout())?.[3]);
    const answer = await fastcgiRequest(port, params());
    expect(answer.status).toBe(500);
    expect(answer.stderr).toContain("Content-Type");
  });

  it("says in one line when the port is in use, with exit code 1", async () => {
    const taken = createServer();
    taken.listen(0, "127.0.0.1");
    await once(taken, "listening");
    const { port } = taken.address() as AddressInfo;
    try {
      const { code, stderr } = await runGateway(["fastcgi", "apps.ts", "--port", String(port)]);
      expect(stderr).toBe(
        `gateway: port ${port} is in use: stop the other server or pass --port\n`,
      );
      expect(code).toBe(1);
    } finally {
      taken.close();
    }
  });

  it("says in one line when the file is missing, with exit code 1", async () => {
    const { code, stdout, stderr } = await runGateway(["fastcgi", "no-such-app.ts"]);
    expect(stderr).toMatch(
      /^gateway: cannot find no-such-app\.ts \(looked in .+\)\. Check the path\.\n$/,
    );
    expect(stdout).toBe("");
    expect(code).toBe(1);
  });
});
