import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repository = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `npm start`'s own command, and waits until it prints its URL. */
function startWorkshop(args: string[]) {
  const { HOST: _host, PORT: _port, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "workshop/start.ts", ...args], {
    cwd: repository,
    env,
  });
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
