import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../../gateway/cli/main.ts";
import { fixtures } from "./run-gateway.ts";

// main() reports on the console and through process.exitCode; catch both.
let printed: { out: string; err: string };

beforeEach(() => {
  printed = { out: "", err: "" };
  vi.spyOn(console, "log").mockImplementation((text: string) => {
    printed.out += `${text}\n`;
  });
  vi.spyOn(console, "error").mockImplementation((text: string) => {
    printed.err += `${text}\n`;
  });
  vi.spyOn(process, "cwd").mockReturnValue(fixtures);
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe("main", () => {
  it("prints a file it cannot find as one line, with exit code 1", async () => {
    await main(["serve", "lessons/03/app.ts"]);
    expect(printed.err).toMatch(
      /^gateway: cannot find lessons\/03\/app\.ts \(looked in .+\)\. Check the path\.\n$/,
    );
    expect(printed.out).toBe("");
    expect(process.exitCode).toBe(1);
  });

  it("prints a missing export as one line, listing the exports, with exit code 1", async () => {
    await main(["serve", "apps.ts:nope"]);
    expect(printed.err).toBe(
      "gateway: apps.ts exports no `nope` (it exports: app, echo, notAnApp, untyped). Name one, as in apps.ts:app.\n",
    );
    expect(process.exitCode).toBe(1);
  });

  it("prints an export that is not a function as one line, with exit code 1", async () => {
    await main(["cgi", "apps.ts:notAnApp"]);
    expect(printed.err).toMatch(/^gateway: apps\.ts:notAnApp is an object, not a function.*\n$/);
    expect(process.exitCode).toBe(1);
  });

  it("prints the usage with exit code 2 for an unknown command", async () => {
    await main(["serv", "apps.ts"]);
    expect(printed.err).toMatch(/^gateway: unknown command "serv"\.\n\nUsage:\n {2}gateway serve /);
    expect(process.exitCode).toBe(2);
  });

  it("prints the usage with exit code 2 for an unknown option", async () => {
    await main(["serve", "apps.ts", "--verbose"]);
    expect(printed.err).toMatch(/^gateway: .*'--verbose'.*\n\nUsage:/);
    expect(process.exitCode).toBe(2);
  });

  it("prints the usage with exit code 2 for a bad port", async () => {
    await main(["serve", "apps.ts", "--port", "http"]);
    expect(printed.err).toMatch(
      /^gateway: --port must be a port number from 0 to 65535, not "http"\./,
    );
    expect(process.exitCode).toBe(2);
  });

  it("prints the usage with exit code 2 when no command is given", async () => {
    await main([]);
    expect(printed.err).toContain("gateway: name a command.");
    expect(process.exitCode).toBe(2);
  });

  it("prints the usage on stdout for --help, and succeeds", async () => {
    await main(["serve", "--help"]);
    expect(printed.out).toContain(
      "gateway serve FILE[:EXPORT] [--host HOST] [--port PORT] [--validate]",
    );
    expect(printed.out).toContain("gateway cgi FILE[:EXPORT]");
    expect(printed.out).toContain("gateway cgi-host DIR [--host HOST] [--port PORT]");
    expect(printed.err).toBe("");
    expect(process.exitCode).toBeUndefined();
  });

  it("says where it looked for a folder cgi-host cannot find", async () => {
    await main(["cgi-host", "no-such-folder"]);
    expect(printed.err).toMatch(
      /^gateway: cannot find no-such-folder \(looked in .+\)\. Check the path\.\n$/,
    );
    expect(process.exitCode).toBe(1);
  });

  it("says that cgi-host serves a folder, not a file", async () => {
    await main(["cgi-host", "apps.ts"]);
    expect(printed.err).toBe(
      "gateway: apps.ts is a file: cgi-host serves a folder of CGI programs.\n",
    );
    expect(process.exitCode).toBe(1);
  });

  it("leaves an error that is not a user's mistake to Node, whole", async () => {
    await expect(main(["cgi", "broken.ts"])).rejects.toThrow(/broken on purpose/);
  });
});
