/**
 * Node versions: which ones the workshop is tested on, and one line for a
 * learner whose Node is not one of them.
 *
 * CI runs `npm test` on Node 20, 22 and 24 (the peer tests on 24). `engines` in package.json says
 * which releases of each, from the oldest our tools accept (vitest's vite
 * needs 20.19 or 22.12): it is the one place that says so, and this module
 * reads it. npm only warns about `engines` once, at install, among many
 * other lines; so `npm start` and `npm run learn` say it again, in one line
 * on stderr, when the running Node is outside that range. A warning, not a
 * refusal: a newer Node will most likely work, and the learner decides.
 *
 * @example
 * warnIfUntestedNode(); // on Node 18.20.4, prints:
 * // Node v18.20.4 is not a version this workshop is tested on (20.19+, 22.12+, 24): ...
 */
import { readFileSync } from "node:fs";

/** The version a learner should install: the Active LTS, the one the README names. */
export const PRIMARY_NODE = 24;

/** A Node version, as numbers. */
interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

const CARET = /^\^(\d+)\.(\d+)\.(\d+)$/;
const VERSION = /^v?(\d+)\.(\d+)\.(\d+)/;

/**
 * The oldest release of each tested major version, from an `engines.node` range written as caret
 * ranges joined by `||`, the only form this module reads.
 * @example testedVersions("^20.19.0 || ^24.0.0"); // [{ major: 20, minor: 19, patch: 0 }, { major: 24, ... }]
 */
export function testedVersions(range: string): Version[] {
  return range.split("||").map((part) => {
    const match = CARET.exec(part.trim());
    if (match === null)
      throw new Error(
        `package.json: engines.node "${range}" has "${part.trim()}"; write each tested version as ^MAJOR.MINOR.PATCH, joined by ||`,
      );
    const [, major = "", minor = "", patch = ""] = match;
    return { major: Number(major), minor: Number(minor), patch: Number(patch) };
  });
}

/**
 * The line to print when `version` is outside `range`, or undefined when it is inside.
 * @example untestedNodeLine("v18.20.4", "^20.19.0 || ^24.0.0"); // "Node v18.20.4 is not a version ..."
 */
export function untestedNodeLine(version: string, range: string): string | undefined {
  const tested = testedVersions(range);
  const [, major = "0", minor = "0", patch = "0"] = VERSION.exec(version) ?? [];
  const running = { major: Number(major), minor: Number(minor), patch: Number(patch) };
  if (tested.some((oldest) => isSameMajorAndNotOlder(running, oldest))) return undefined;
  const names = tested.map(({ major, minor, patch }) =>
    minor === 0 && patch === 0 ? `${major}` : `${major}.${minor}${patch === 0 ? "" : `.${patch}`}+`,
  );
  return (
    `Node ${version} is not a version this workshop is tested on (${names.join(", ")}): ` +
    `if something fails, install Node ${PRIMARY_NODE} (LTS, https://nodejs.org/), then run npm install again.`
  );
}

/**
 * Prints the line on stderr when the running Node is outside package.json's `engines`.
 * @example warnIfUntestedNode(); // first thing in workshop/start.ts
 */
export function warnIfUntestedNode(
  version = process.version,
  print = (line: string) => console.error(line),
): void {
  const line = untestedNodeLine(version, enginesRange());
  if (line !== undefined) print(line);
}

/**
 * package.json's `engines.node`.
 * @example enginesRange(); // "^20.19.0 || ^22.12.0 || ^24.0.0"
 */
export function enginesRange(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return (manifest as { engines: { node: string } }).engines.node;
}

function isSameMajorAndNotOlder(running: Version, oldest: Version): boolean {
  if (running.major !== oldest.major) return false;
  return running.minor !== oldest.minor
    ? running.minor > oldest.minor
    : running.patch >= oldest.patch;
}
