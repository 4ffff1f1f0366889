/**
 * Named regions of source files, the code that lesson READMEs show.
 *
 * A region is marked in the source by two comment lines, in whatever comment
 * syntax the file uses (`//`, `#`, `<!--`, `/*`, `--`, `;`):
 *
 *     // #region hello
 *     const app: App = ...;
 *     // #endregion hello
 *
 * The markers themselves never appear in the README, not even those of other
 * regions nested inside. Regions are dedented, so a region inside a function
 * reads flush left.
 *
 * @example
 * extractRegion(readFileSync("demo/app.ts", "utf8"), "hello"); // { code: "const app: App = ...;" }
 * extractRegion(source); // the whole file, without region markers
 */

/** A region's code, or why there is none. */
export type RegionResult = { readonly code: string } | { readonly problem: string };

const marker = /^\s*(?:\/\/|#|<!--|\/\*|--|;)\s*#(region|endregion)\b[ \t]*([\w.-]*)/;

/**
 * The code of the named region (or of the whole file when `name` is undefined).
 *
 * @example
 * extractRegion("a\n// #region b\nb()\n// #endregion b\n", "b"); // { code: "b()" }
 */
export function extractRegion(source: string, name?: string): RegionResult {
  const lines = source.split(/\r?\n/);
  if (name === undefined) return { code: finish(withoutMarkers(lines)) };
  const start = lines.findIndex((line) => isMarker(line, "region", name));
  if (start === -1) {
    const known = regionNames(source);
    const regions = known.length === 0 ? "it has none" : `its regions: ${known.join(", ")}`;
    return { problem: `has no region "${name}" (${regions}; mark one with "// #region ${name}")` };
  }
  const end = closingLine(lines, start, name);
  if (end === -1) return { problem: `never closes region "${name}" ("// #endregion ${name}")` };
  return { code: finish(withoutMarkers(lines.slice(start + 1, end))) };
}

/**
 * The names of every region in a source file, in order.
 *
 * @example
 * regionNames("// #region a\n// #endregion a\n"); // ["a"]
 */
export function regionNames(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map((line) => marker.exec(line))
    .flatMap((match) => (match?.[1] === "region" && match[2] ? [match[2]] : []));
}

/** The line of the matching #endregion: named like the region, or unnamed at the same depth. */
function closingLine(lines: string[], start: number, name: string): number {
  let depth = 0;
  for (let index = start + 1; index < lines.length; index++) {
    const match = marker.exec(lines[index] ?? "");
    if (match === null) continue;
    const [, kind, label] = match;
    if (kind === "region") depth++;
    else if (label === name || (label === "" && depth === 0)) return index;
    else depth--;
  }
  return -1;
}

function isMarker(line: string, kind: "region" | "endregion", name: string): boolean {
  const match = marker.exec(line);
  return match?.[1] === kind && match[2] === name;
}

/**
 * Whether a line is a region marker (`// #region NAME`, `// #endregion NAME`),
 * which no reader should see: the home's source pages leave them out too.
 *
 * @example
 * isRegionMarker("  // #endregion hello"); // true
 */
export function isRegionMarker(line: string): boolean {
  return marker.test(line);
}

function withoutMarkers(lines: string[]): string[] {
  return lines.filter((line) => !isRegionMarker(line));
}

/** Dedents and drops the blank lines at both ends. */
function finish(lines: string[]): string {
  const indents = lines
    .filter((line) => line.trim() !== "")
    .map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const cut = Math.min(...indents, Number.POSITIVE_INFINITY);
  const dedented = lines.map((line) => (line.trim() === "" ? "" : line.slice(cut)));
  return dedented.join("\n").replace(/^\n+|\s+$/g, "");
}
