/**
 * `npm run signin` (workshop/signin.ts): starts the learner's copy of the
 * sign-in app, or the reference with `--solution`, and says which; with
 * `--trace`, its trace page beside it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { TraceExport } from "../../gateway/trace/events.ts";
import { steps } from "../gateway/trace/trace-steps.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const children: ChildProcess[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Starts the runner with `args`, and resolves with what it printed once it printed `until`. */
function start(args: string[], until = "Press Ctrl-C to stop."): Promise<string> {
  const data = mkdtempSync(path.join(tmpdir(), "signin-runner-"));
  folders.push(data);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "workshop/signin.ts", ...args, "--port", "0", "--data", data],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(until)) resolve(output);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.on("exit", (code) =>
      reject(new Error(`exited with ${code} before listening:\n${output}`)),
    );
  });
}

describe("npm run signin", () => {
  it("runs starter/signin by default, and solutions/signin with --solution", async () => {
    const [starter, solution] = await Promise.all([start([]), start(["--", "--solution"])]);
    expect(starter).toMatch(/^Sign-in app running at http:\/\/127\.0\.0\.1:\d+\/\n/);
    expect(starter).toContain("Serving starter/signin/");
    expect(solution).toContain("Serving solutions/signin/");
    const url = /running at (\S+)/.exec(solution)?.[1] ?? "";
    const home = await fetch(url);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Sign-in workshop");
  });

  it("with --trace, serves the trace page, where a request shows every lane, the server's side too", async () => {
    const output = await start(
      ["--solution", "--trace", "--trace-port", "0"],
      "to see each request go through the app",
    );
    const url = /running at (\S+)/.exec(output)?.[1] ?? "";
    const page = /Trace: open (\S+)/.exec(output)?.[1] ?? "";
    const home = await fetch(url);
    expect(home.status).toBe(200);
    await home.text();
    const [trace] = ((await (await fetch(`${page}?format=json`)).json()) as TraceExport).traces;
    expect(trace?.lanes.map((lane) => lane.name)).toEqual([
      "server",
      "mapped",
      "withSecurityHeaders",
      "httpErrorPages 2", // a second layer made by the same function is numbered
      "withSession",
      "httpErrorPages",
      "checkCsrf",
      "withUser",
      "routed",
    ]);
    const shown = steps(trace as NonNullable<typeof trace>);
    expect(shown[0]).toBe("call server→mapped");
    expect(shown).toContain("head server→client 200 OK");
  });

  it("refuses --trace with --workers, saying why", async () => {
    const output = await start(["--trace", "--workers", "2"], "Leave out --workers");
    expect(output).toContain("npm run signin: --trace cannot be used with --workers");
  });
});
