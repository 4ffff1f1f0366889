import { spawn } from "node:child_process";
import { once } from "node:events";
import { type AddressInfo, createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repository = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `npm start`'s own command, with no HOST or PORT from this environment. */
function spawnStart(args: string[]) {
  const { HOST: _host, PORT: _port, ...env } = process.env;
  return spawn(process.execPath, ["--import", "tsx", "workshop/start.ts", ...args], {
    cwd: repository,
    env,
  });
}

/** Runs `npm start`'s own command, and waits until it prints its URL. */
function startWorkshop(args: string[]) {
  const child = spawnStart(args);
  let output = "";
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const found = /^Workshop running at (http:\/\/\S+)$/m.exec(output)?.[1];
      if (found !== undefined) resolve(found);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("close", () => reject(new Error(`npm start ended early:\n${output}`)));
  });
  return { child, url };
}

describe("npm start", () => {
  it("says in one line how to pass another port through npm when its port is in use", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const child = spawnStart(["--port", String(port)]);
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      const [code] = await once(child, "close");
      expect(code).toBe(1);
      expect(stderr).toBe(
        `npm start: port ${port} is in use: stop the other server or pass --port (npm start -- --port 8080; 0 picks a free one)\n`,
      );
    } finally {
      taken.close();
    }
  });

  it("serves the workshop home and prints where", async () => {
    const { child, url } = startWorkshop(["--port", "0"]);
    try {
      const address = await url;
      expect(address).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/$/);
      const response = await fetch(address);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<h1>The Gateway Interface workshop</h1>");
    } finally {
      child.kill();
    }
  });
});
