/**
 * Source maps: from the JavaScript V8 ran back to the TypeScript you wrote.
 *
 * Node does not run `.ts` files: tsx (and vitest, in tests) compile each one
 * to JavaScript first, and V8 only ever sees that output. A paused frame's
 * position is in it (tsx puts a whole module on one line, so every frame is
 * "line 1"). Each compiled module ends with a comment holding its source
 * map inline, as a `data:` URL; V8 hands us that URL when it parses the
 * script (session.ts). Decoded with `node:module`'s `SourceMap`, it says
 * which line and column of which `.ts` file each piece came from, and it
 * carries the `.ts` text itself, exactly as it was when it ran. tsx's output
 * and its maps are the same on Node 20, 22 and 24 (checked: same positions).
 *
 * @example
 * const { file, line, text } = originalPosition(frame.scriptId, frame.url, frame.line, frame.column);
 * // file "/home/me/workshop/lessons/10-debugger/app.ts", line 14 (1-based)
 */
import { SourceMap, type SourceMapPayload, type SourceMapping } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { post, scriptById } from "./session.ts";

/** A position in a source file, 1-based as editors count. */
export interface Position {
  /** A file path, or the script's URL when it is not a file (`node:internal/...`). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The file's text as it ran, when the source map carries it. */
  readonly text: string | undefined;
}

/** Decoded maps by script id; `null` for a script without one. Decoding is the slow part. */
const maps = new Map<string, SourceMap | null>();

/**
 * The original position of a 0-based position in a parsed script; the
 * position itself (made 1-based) when the script has no inline source map.
 * @example originalPosition("184", "file:///app.ts", 0, 944); // { file: "/app.ts", line: 22, column: 3, text: "..." }
 */
export function originalPosition(
  scriptId: string,
  url: string,
  line: number,
  column: number,
): Position {
  const map = sourceMapOf(scriptId);
  const entry = map?.findEntry(line, column);
  if (map === undefined || map === null || entry === undefined || !("originalSource" in entry)) {
    return { file: filePath(url), line: line + 1, column: column + 1, text: undefined };
  }
  return {
    file: filePath(sourceUrl(entry.originalSource, url)),
    line: entry.originalLine + 1,
    column: entry.originalColumn + 1,
    text: sourceText(map.payload, entry),
  };
}

/**
 * The name a variable has in the `.ts` source. esbuild (inside tsx and
 * vitest) renames a local that would hide a top-level name of its module,
 * so `order` runs as `order2`, and the source map records the old name
 * where the new one is used. Only names ending in a digit are looked up.
 * @example originalName(frame.scriptId, "order2"); // "order"
 */
export function originalName(scriptId: string, name: string): string {
  const map = /\d$/.test(name) ? sourceMapOf(scriptId) : undefined;
  if (map === undefined || map === null) return name;
  const { scriptSource } = post<{ scriptSource: string }>("Debugger.getScriptSource", { scriptId });
  const use = new RegExp(`(?<![\\w$.])${name.replaceAll("$", "\\$")}(?![\\w$])`).exec(scriptSource);
  if (use === null) return name;
  const before = scriptSource.slice(0, use.index).split("\n");
  const entry = map.findEntry(before.length - 1, before.at(-1)?.length ?? 0) as { name?: unknown };
  return typeof entry.name === "string" && entry.name !== "" ? entry.name : name;
}

/**
 * A path for a `file:` URL; any other URL as it is.
 * @example filePath("file:///home/me/app.ts"); // "/home/me/app.ts"
 */
export function filePath(url: string): string {
  return url.startsWith("file:") ? fileURLToPath(url) : url;
}

/** tsx names sources by absolute path, vitest by URL; a relative name is relative to the script. */
function sourceUrl(source: string, scriptUrl: string): string {
  if (path.isAbsolute(source)) return pathToFileURL(source).href;
  return URL.canParse(source, scriptUrl) ? new URL(source, scriptUrl).href : source;
}

function sourceMapOf(scriptId: string): SourceMap | null | undefined {
  if (!maps.has(scriptId)) maps.set(scriptId, decode(scriptById(scriptId)?.sourceMapURL));
  return maps.get(scriptId);
}

/** Only inline maps are read: a map in a file of its own would mean reading the disk mid-request. */
function decode(sourceMapURL: string | undefined): SourceMap | null {
  const match = sourceMapURL?.match(/^data:application\/json[^,]*?(;base64)?,(.*)$/s);
  if (match === undefined || match === null) return null;
  const [, base64, data = ""] = match;
  const json = base64 ? Buffer.from(data, "base64").toString("utf8") : decodeURIComponent(data);
  try {
    return new SourceMap(JSON.parse(json) as SourceMapPayload);
  } catch {
    return null;
  }
}

function sourceText(payload: SourceMapPayload, entry: SourceMapping): string | undefined {
  const index = payload.sources.indexOf(entry.originalSource);
  return payload.sourcesContent?.[index] ?? undefined;
}
