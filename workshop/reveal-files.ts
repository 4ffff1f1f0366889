/**
 * reveal.js's own files (its script, style sheets and plugins), served by
 * the home so the decks work offline, with nothing from a CDN.
 *
 * They live in `node_modules/reveal.js/dist/`. The path comes from the
 * request, so it goes through the same checks as a lesson's files
 * (`lesson-files.ts`): no `..`, no hidden file, nothing outside the folder
 * even through a symbolic link. Each file is sent with its type, which the
 * browser needs to run a script or apply a style sheet.
 *
 * @example
 * const file = await findRevealFile("theme/white.css"); // { path, type: "text/css; charset=utf-8" }
 */
import { createRequire } from "node:module";
import { dirname, extname } from "node:path";
import { findInFolder, pathSegments } from "./lesson-files.ts";

/** A file of reveal.js's, and the `Content-Type` to send it with. */
export interface RevealFile {
  path: string;
  type: string;
}

// Found the way Node finds the package, wherever npm put it.
const REVEAL_DIST = dirname(createRequire(import.meta.url).resolve("reveal.js/reveal.css"));

// dist/ holds style sheets and scripts (and .d.ts files, which no page loads);
// the themes' fonts are inlined in their style sheets.
const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
};

/**
 * The file at `path` (as in the URL, after `/slides/reveal/`) inside
 * reveal.js's `dist/` folder, or undefined when there is no such file or
 * it is not one a page loads (the folder itself, "", included). Throws
 * `UnsafePath` for a path that tries to leave.
 * @example await findRevealFile("plugin/markdown.js");
 */
export async function findRevealFile(
  path: string,
  distDir = REVEAL_DIST,
): Promise<RevealFile | undefined> {
  if (path === "") return undefined;
  const entry = await findInFolder(distDir, pathSegments(path));
  if (entry?.kind !== "file") return undefined;
  const type = TYPES[extname(entry.path).toLowerCase()];
  return type === undefined ? undefined : { path: entry.path, type };
}
