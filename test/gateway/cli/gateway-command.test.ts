import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGateway, type Serving, serveGateway } from "./run-gateway.ts";

// Each test starts its own `gateway` process (about a second, mostly loading
// tsx), so the tests run side by side; every process still running is ended
// after the file.
const running: ChildProcess[] = [];

async function serving(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Serving> {
  const server = await serveGateway(args, env);
  running.push(server.child);
  return server;
}

afterAll(() => {
  for (const child of running.splice(0)) child.kill();
});

describe("gateway serve FILE", () => {
  let server: Serving;

  beforeAll(async () => {
    server = await serving(["serve", "apps.ts", "--port", "0"]);
  });

  it("prints the URL with the port the system picked", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/$/);
    expect(server.stdout()).toContain(`Serving apps.ts:app on ${server.url} (Ctrl-C to stop)`);
  });

  it("serves the app", async () => {
    const response = await fetch(`${server.url}hello`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("Hello from /hello\n");
  });

  // Last, as it stops the server. Windows has no way to send a signal to
  // another process: kill() ends it outright.
  it.runIf(process.platform !== "win32")(
    "closes the server and exits on Ctrl-C (SIGINT)",
    async () => {
      const closed = once(server.child, "close");
      server.child.kill("SIGINT");
      const [code] = await closed;
      expect(code).toBe(0);
      expect(server.stdout()).toContain("Stopping (SIGINT)...");
    },
  );
});

describe.concurrent("the gateway command, one process per test", () => {
  describe("gateway serve", () => {
    it("takes HOST and PORT from the environment, and falls back to the default export", async () => {
      const env = { HOST: "127.0.0.1", PORT: "0" };
      const { url, stdout } = await serving(["serve", "default-export.ts"], env);
      expect(stdout()).toContain(`Serving default-export.ts:default on ${url}`);
      expect(await (await fetch(url)).text()).toBe("Hello from the default export\n");
    });

    it("checks the app against PEP 3333 only with --validate", async () => {
      const [plain, checked] = await Promise.all([
        serving(["serve", "apps.ts:untyped", "--port", "0"]),
        serving(["serve", "apps.ts:untyped", "--port", "0", "--validate"]),
      ]);
      expect((await fetch(plain.url)).status).toBe(200);
      expect((await fetch(checked.url)).status).toBe(500);
    });

    it("says when the port is in use, in one line on stderr, with exit code 1", async () => {
      const taken: Server = createServer();
      taken.listen(0, "127.0.0.1");
      await once(taken, "listening");
      const { port } = taken.address() as AddressInfo;
      try {
        const { code, stdout, stderr } = await runGateway([
          "serve",
          "apps.ts",
          "--port",
          String(port),
        ]);
        expect(stderr).toBe(
          `gateway: port ${port} is in use: stop the other server or pass --port\n`,
        );
        expect(stdout).toBe("");
        expect(code).toBe(1);
      } finally {
        taken.close();
      }
    });
  });

  describe("gateway cgi", () => {
    it("answers the request in its environment with a Status line, headers and the body", async () => {
      const env = {
        GATEWAY_INTERFACE: "CGI/1.1",
        REQUEST_METHOD: "POST",
        SCRIPT_NAME: "/cgi-bin/echo",
        PATH_INFO: "/greet",
        QUERY_STRING: "lang=en",
        CONTENT_TYPE: "text/plain",
        CONTENT_LENGTH: "5",
        SERVER_NAME: "localhost",
        SERVER_PORT: "8002",
        SERVER_PROTOCOL: "HTTP/1.1",
        REMOTE_ADDR: "127.0.0.1",
      };
      const { code, stdout, stderr } = await runGateway(["cgi", "apps.ts:echo"], {
        env,
        input: "hello",
      });
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const [head = "", body] = stdout.split(/\r?\n\r?\n/);
      const lines = head.split(/\r?\n/);
      expect(lines[0]).toBe("Status: 201 Created");
      expect(lines).toContain("Content-Type: text/plain; charset=utf-8");
      expect(lines).toContain("X-Method: POST");
      expect(body).toBe("/greet?lang=en hello");
    });
  });

  describe("gateway cgi-host", () => {
    it("serves the CGI programs in a folder", async () => {
      const { url, stdout } = await serving(["cgi-host", "cgi-bin", "--port", "0"]);
      expect(stdout()).toContain(`Serving the CGI programs in cgi-bin on ${url} (Ctrl-C to stop)`);
      const response = await fetch(`${url}hello.ts/Ada`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("Hello Ada!\n");
    });
  });
});
