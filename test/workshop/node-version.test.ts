import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  enginesRange,
  PRIMARY_NODE,
  testedVersions,
  untestedNodeLine,
  warnIfUntestedNode,
} from "../../workshop/node-version.ts";

const repository = fileURLToPath(new URL("../../", import.meta.url));
const range = enginesRange();

/** Runs a workshop command under this Node, made to say it is `version` before anything else loads. */
async function runAs(version: string, args: string[]) {
  const pretend = `data:text/javascript,Object.defineProperty(process,"version",{value:"${version}"})`;
  const run = promisify(execFile)(
    process.execPath,
    ["--import", pretend, "--import", "tsx", ...args],
    {
      cwd: repository,
    },
  );
  // A command that fails still printed what we look for.
  return run.catch((error: { stdout: string; stderr: string }) => error);
}

describe("the Node versions the workshop is tested on", () => {
  it("are 20, 22 and 24, each from the oldest release our tools accept", () => {
    expect(range).toBe("^20.19.0 || ^22.12.0 || ^24.0.0");
    expect(testedVersions(range).map((version) => version.major)).toEqual([20, 22, PRIMARY_NODE]);
  });

  it.each(["v20.19.0", "v20.20.2", "v22.12.0", "v22.23.3", "v24.0.0", "v24.21.0"])(
    "say nothing on %s",
    (version) => {
      expect(untestedNodeLine(version, range)).toBeUndefined();
    },
  );

  it.each(["v18.20.4", "v20.18.1", "v22.11.0", "v23.11.0", "v25.2.1", "v26.0.0"])(
    "give one line on %s, naming it, the tested versions and what to install",
    (version) => {
      expect(untestedNodeLine(version, range)).toBe(
        `Node ${version} is not a version this workshop is tested on (20.19+, 22.12+, 24): ` +
          "if something fails, install Node 24 (LTS, https://nodejs.org/), then run npm install again.",
      );
    },
  );

  it("refuses an engines range it cannot read, naming package.json and the form it reads", () => {
    expect(() => testedVersions(">=20.6")).toThrow(
      'package.json: engines.node ">=20.6" has ">=20.6"; write each tested version as ^MAJOR.MINOR.PATCH, joined by ||',
    );
  });

  it("are printed through the given printer, once, only when untested", () => {
    const printed: string[] = [];
    warnIfUntestedNode("v24.21.0", (line) => printed.push(line));
    expect(printed).toEqual([]);
    warnIfUntestedNode("v18.20.4", (line) => printed.push(line));
    expect(printed).toEqual([untestedNodeLine("v18.20.4", range)]);
  });

  it("are named in the README's first lines, the primary one with how to check it", () => {
    const opening = readFileSync(new URL("README.md", `file://${repository}`), "utf8")
      .split("\n")
      .slice(0, 16)
      .join("\n");
    expect(opening).toContain(`Node.js ${PRIMARY_NODE}`);
    expect(opening).toContain("node --version");
    expect(opening).toContain("20.19");
    expect(opening).toContain("22.12");
  });
});

describe("on a Node outside them", () => {
  it("npm run learn says so in its first line", async () => {
    // An unknown command makes it stop at once, after the line we look for.
    const { stderr } = await runAs("v18.20.4", ["workshop/learn/cli.ts", "no-such-command"]);
    expect(stderr.split("\n")[0]).toBe(untestedNodeLine("v18.20.4", range));
  });

  it("npm start says so before anything else", async () => {
    // A wrong option makes it stop at once, after the line we look for.
    const { stderr } = await runAs("v18.20.4", ["workshop/start.ts", "--no-such-option"]);
    expect(stderr.split("\n")[0]).toBe(untestedNodeLine("v18.20.4", range));
  });
});
