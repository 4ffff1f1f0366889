/**
 * The files of the workshop home: a lesson's files and folders, and those
 * of `starter/` and `solutions/`, read-only. Source is shown highlighted,
 * Markdown rendered, images as they are.
 *
 * @example
 * [/^\/(starter|solutions)\/(.*)$/, refusingUnsafePaths(showCodeTreePath)] // a route of home.ts
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Body } from "../gateway/types.ts";
import { codeTree, type FileTree } from "./file-trees.ts";
import { type HomeRequest, notFound, ok } from "./home-request.ts";
import { findInFolder, pathSegments } from "./lesson-files.ts";
import { folderPage, markdownPage, sourcePage } from "./pages.ts";
import { redirect, sendBytes } from "./responses.ts";

const IMAGE_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
};

/**
 * A file or folder of `starter/` or `solutions/`.
 * @example [/^\/(starter|solutions)\/(.*)$/, refusingUnsafePaths(showCodeTreePath)]
 */
export async function showCodeTreePath(request: HomeRequest): Promise<Body> {
  const [name, rest] = request.params as ["starter" | "solutions", string];
  const dir = name === "starter" ? request.starterDir : request.solutionsDir;
  return showTreeEntry(request, codeTree(request.root, name, dir), rest);
}

/**
 * `rest` inside `tree`: a file's page, a folder's list ("" is the tree's own), or a 404.
 * @example return showTreeEntry(request, lessonTree(request.root, lesson), "app.ts");
 */
export async function showTreeEntry(
  request: HomeRequest,
  tree: FileTree,
  rest: string,
): Promise<Body> {
  const segments = rest === "" ? [] : pathSegments(rest);
  const entry = await findInFolder(tree.dir, segments);
  const wantsFolder = rest === "" || rest.endsWith("/");
  if (entry === undefined || (entry.kind === "file" && wantsFolder)) return notFound(request);
  if (entry.kind === "file") return showFile(request, tree, segments, entry.path);
  if (!wantsFolder) return redirect(request.startResponse, tree.url([...segments, ""]));
  return ok(request, folderPage(request.root, tree, segments, entry.children));
}

/** Images as they are; Markdown rendered; other text in a `<pre>`; anything else as bytes. */
async function showFile(
  request: HomeRequest,
  tree: FileTree,
  segments: string[],
  path: string,
): Promise<Body> {
  const bytes = await readFile(path);
  const extension = extname(path).toLowerCase();
  const imageType = IMAGE_TYPES[extension];
  const text = imageType === undefined ? utf8(bytes) : undefined;
  if (text === undefined) {
    return sendBytes(request.startResponse, imageType ?? "application/octet-stream", bytes);
  }
  const show = extension === ".md" ? markdownPage : sourcePage;
  return ok(request, show(request.root, tree, segments, text));
}

/** The text in `bytes`, or undefined when they are not UTF-8 (a binary file). */
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
