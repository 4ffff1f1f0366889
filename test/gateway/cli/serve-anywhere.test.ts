/**
 * `gateway serve FILE` loads an app file wherever it is: a learner's first
 * app of their own sits in a new folder, with no package.json saying
 * "type": "module" (or none at all), and Node takes a .ts or .js file there
 * for CommonJS.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGateway, serveGateway } from "./run-gateway.ts";

const workshop = fileURLToPath(new URL("../../../", import.meta.url));
let folder: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "first-app-"));
});

afterAll(async () => {
  for (const child of running.splice(0)) child.kill();
  await rm(folder, { recursive: true, force: true });
});

/** The gateway's own modules, as a file in `dir` imports them. */
function gatewayModule(dir: string, name: string): string {
  const relative = path.relative(dir, path.join(workshop, "gateway", name));
  return relative.split(path.sep).join("/");
}

/** An app in TypeScript (types and all) that imports the workshop's `encode`. */
function typeScriptApp(dir: string, greeting: string): string {
  return `import { encode } from "${gatewayModule(dir, "bytes.ts")}";
import type { App } from "${gatewayModule(dir, "types.ts")}";

const greeting: string = "${greeting}";
export const app: App = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [encode(\`\${greeting} from \${environ.PATH_INFO}\\n\`)];
};
`;
}

/** The same app in plain JavaScript modules. */
const JAVASCRIPT_APP = `export const app = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [new TextEncoder().encode(\`plain JavaScript from \${environ.PATH_INFO}\\n\`)];
};
`;

/** Writes `source` as `name` in a folder of its own (a .js beside a .ts would resolve to it). */
async function appFile(name: string, source: (dir: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(folder, "app-"));
  const file = path.join(dir, name);
  await writeFile(file, source(dir));
  return file;
}

async function servedText(file: string): Promise<string> {
  const server = await serveGateway(["serve", file, "--port", "0"]);
  running.push(server.child);
  return (await fetch(`${server.url}there`)).text();
}

describe.concurrent("gateway serve, for an app in a folder without a package.json", () => {
  it("loads a .ts file, with its types and its imports", async () => {
    const file = await appFile("app.ts", (dir) => typeScriptApp(dir, "TypeScript"));
    expect(await servedText(file)).toBe("TypeScript from /there\n");
  });

  it("loads a .mts file", async () => {
    const file = await appFile("app.mts", (dir) => typeScriptApp(dir, "mts"));
    expect(await servedText(file)).toBe("mts from /there\n");
  });

  it("loads a .js file written as an ES module", async () => {
    const file = await appFile("app.js", () => JAVASCRIPT_APP);
    expect(await servedText(file)).toBe("plain JavaScript from /there\n");
  });

  it("loads a .mjs file", async () => {
    const file = await appFile("app.mjs", () => JAVASCRIPT_APP);
    expect(await servedText(file)).toBe("plain JavaScript from /there\n");
  });

  it("says how to allow a top-level await, which only an ES module may use", async () => {
    const file = await appFile(
      "app.ts",
      () => "await Promise.resolve();\nexport const app = () => [];\n",
    );
    const { code, stderr } = await runGateway(["serve", file, "--port", "0"]);
    expect(code).toBe(1);
    expect(stderr).toContain("uses await outside a function, which only an ES module may");
    expect(stderr).toContain(
      'name it .mts (or .mjs), or put a package.json that says {"type": "module"}',
    );
  });
});
