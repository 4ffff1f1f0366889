/**
 * The files inside one folder, found safely from a URL path.
 *
 * A lesson's README links to its own files (`demo/app.ts`), and the home
 * shows them; the decks load reveal.js's files the same way (`reveal-files.ts`).
 * The path comes from the request, so it is checked before it touches the
 * disk: a `..`, an empty segment, a backslash, a `:` or a NUL byte is refused
 * (`UnsafePath`, a 400), hidden files are not shown, and after symbolic links
 * are followed the file must still be inside the folder.
 *
 * @example
 * const entry = await findInFolder(lesson.dir, pathSegments("demo/app.ts"));
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";

/** A request path that tries to leave its folder, or that no file could have. */
export class UnsafePath extends Error {}

/** A file or folder inside the folder searched. */
export type FolderEntry =
  | { kind: "file"; path: string }
  | { kind: "folder"; path: string; children: Array<{ name: string; folder: boolean }> };

// "..", "." and "" move around the tree; "\" is a separator on Windows,
// ":" names a drive or a data stream there, and NUL ends a path in C.
const UNSAFE_SEGMENT = /^\.{0,2}$|[\\:\0]/;

/**
 * Splits a path from a URL (the part after `/lessons/NN-slug/`, say) into checked segments.
 * A trailing "/" (a folder's URL) is allowed; anything unsafe throws `UnsafePath`.
 * @example pathSegments("demo/app.ts"); // ["demo", "app.ts"]
 */
export function pathSegments(path: string): string[] {
  const segments = path.replace(/\/$/, "").split("/");
  if (segments.some((segment) => UNSAFE_SEGMENT.test(segment))) {
    throw new UnsafePath('this path may not hold "..", ".", "//", "\\", ":" or a NUL byte');
  }
  return segments;
}

/**
 * The file or folder the segments name inside `folder` (no segments: the
 * folder itself), or undefined when there is none, it is hidden, or it
 * lies outside the folder.
 * @example await findInFolder("lessons/03-gateway-app", ["demo"]); // { kind: "folder", ... }
 */
export async function findInFolder(
  folder: string,
  segments: string[],
): Promise<FolderEntry | undefined> {
  if (segments.some((segment) => segment.startsWith("."))) return undefined;
  const root = await realpath(folder).catch(() => undefined);
  if (root === undefined) return undefined;
  const path = await realpath(join(root, ...segments)).catch(() => undefined);
  if (path === undefined || (segments.length > 0 && !isInside(root, path))) return undefined;
  if ((await stat(path)).isFile()) return { kind: "file", path };
  return { kind: "folder", path, children: await listFolder(path) };
}

function isInside(root: string, path: string): boolean {
  const route = relative(root, path);
  return route !== "" && !isAbsolute(route) && route.split(sep)[0] !== "..";
}

async function listFolder(path: string): Promise<Array<{ name: string; folder: boolean }>> {
  const entries = await readdir(path, { withFileTypes: true });
  return entries
    .filter((entry) => !entry.name.startsWith("."))
    .map((entry) => ({ name: entry.name, folder: entry.isDirectory() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
