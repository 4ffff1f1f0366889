/**
 * Finding the CGI program a request names, and the command that starts it.
 *
 * A CGI host maps the start of the URL path to a file in its folder and
 * passes the rest on: for `/hello.ts/world`, the program is `hello.ts`,
 * its `SCRIPT_NAME` is `/hello.ts` and its `PATH_INFO` is `/world` (RFC
 * 3875, section 3.3). The path comes from the client, so it must never
 * reach outside the folder: `..` segments, backslashes (a separator on
 * Windows) and NUL bytes are refused before any file is looked at, and
 * colons (drives and streams on Windows) in the part that names the file.
 *
 * Programs are started without a shell and without relying on a `#!` line,
 * so the same folder works on Windows: TypeScript through Node and the tsx
 * loader, JavaScript through Node, anything else only if it is executable.
 *
 * @example
 * const program = await findProgram(folder, "/hello.ts/world");
 * // { file: ".../hello.ts", scriptName: "/hello.ts", pathInfo: "/world" }
 * const command = program && (await programCommand(program.file)); // undefined: no such program
 * // [process.execPath, "--import", "file:///.../tsx/dist/loader.mjs", ".../hello.ts"]
 */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** The program a path names, and how the path splits around it. */
export interface Program {
  file: string;
  /** The part of the path that named the program: "/hello.ts". */
  scriptName: string;
  /** The rest of the path, for the program: "/world", or "". */
  pathInfo: string;
}

const TYPESCRIPT = new Set([".ts", ".mts", ".cts"]);
const JAVASCRIPT = new Set([".js", ".mjs", ".cjs"]);

/**
 * The tsx loader, found from this file rather than from the program's
 * folder, so TypeScript programs run wherever they are. A file URL, since
 * `--import` takes a URL, and a Windows path would read as one ("C:").
 */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/**
 * The program that `pathInfo` names in `folder`: the first file met walking
 * down the path. `undefined` when there is none, or the path is unsafe.
 * @example await findProgram("/srv/cgi-bin", "/../etc/passwd"); // undefined
 */
export async function findProgram(folder: string, pathInfo: string): Promise<Program | undefined> {
  if (!isSafePath(pathInfo)) return undefined;
  const segments = pathInfo.split("/").slice(1);
  let file = folder;
  for (const [index, segment] of segments.entries()) {
    // A colon names a drive or a data stream on Windows; an empty segment, nothing.
    if (segment === "" || segment.includes(":")) return undefined;
    file = join(file, segment);
    const stats = await stat(file).catch(() => undefined);
    if (stats?.isFile()) return split(file, segments, index + 1);
    if (!stats?.isDirectory()) return undefined;
  }
  return undefined;
}

function isSafePath(pathInfo: string): boolean {
  if (!pathInfo.startsWith("/") || /[\\\0]/.test(pathInfo)) return false;
  return pathInfo.split("/").every((segment) => segment !== "." && segment !== "..");
}

function split(file: string, segments: string[], taken: number): Program {
  const rest = segments.slice(taken);
  return {
    file,
    scriptName: `/${segments.slice(0, taken).join("/")}`,
    pathInfo: rest.length === 0 ? "" : `/${rest.join("/")}`,
  };
}

/**
 * The command line that runs `file`: Node with the tsx loader for
 * TypeScript, Node for JavaScript, the file itself when it is executable.
 * `undefined` when the file is none of these (a text file, say).
 * @example await programCommand("/srv/cgi-bin/hello.mjs"); // [process.execPath, "/srv/cgi-bin/hello.mjs"]
 */
export async function programCommand(file: string): Promise<string[] | undefined> {
  const extension = extname(file).toLowerCase();
  if (TYPESCRIPT.has(extension)) return [process.execPath, "--import", TSX_LOADER, file];
  if (JAVASCRIPT.has(extension)) return [process.execPath, file];
  return (await isExecutable(file)) ? [file] : undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  // Windows has no run bit, and without a shell it starts only .exe and .com files.
  if (process.platform === "win32") return /\.(exe|com)$/i.test(file);
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
