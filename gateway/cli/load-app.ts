/**
 * Finding the app a command line names.
 *
 * `gateway serve lessons/03-gateway-app/app.ts:app` names a file and,
 * after the last `:`, the export that holds the app. Like gunicorn's
 * `module:variable`, but a path: Windows paths have a `:` of their own
 * (`C:\work\app.ts`), so the split happens only when what follows the last
 * `:` is a JavaScript identifier. Without one, the export is `app`, then
 * the module's `default`.
 *
 * @example
 * const { app, exportName } = await loadApp("lessons/03-gateway-app/app.ts");
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { App } from "../types.ts";
import { CliError } from "./cli-error.ts";

/** A `FILE[:EXPORT]` operand, split. */
export interface AppTarget {
  file: string;
  /** The export named after the `:`, or undefined to try `app`, then `default`. */
  exportName: string | undefined;
}

/** The app a target named, and where it came from. */
export interface LoadedApp {
  app: App;
  file: string;
  exportName: string;
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;
const DEFAULT_EXPORTS = ["app", "default"];

/**
 * Splits `FILE[:EXPORT]` at the last `:` when an identifier follows it.
 * @example splitTarget("C:\\dir\\app.ts:hello"); // { file: "C:\\dir\\app.ts", exportName: "hello" }
 * @example splitTarget("C:\\app.ts"); // { file: "C:\\app.ts", exportName: undefined }
 */
export function splitTarget(target: string): AppTarget {
  const colon = target.lastIndexOf(":");
  const after = target.slice(colon + 1);
  if (colon > 0 && IDENTIFIER.test(after)) {
    return { file: target.slice(0, colon), exportName: after };
  }
  return { file: target, exportName: undefined };
}

/**
 * Imports the file a target names and returns the app it exports.
 * Throws a `CliError` that says what to fix when the file, the export or
 * the function is missing.
 * @example const { app } = await loadApp("lessons/03-gateway-app/app.ts:app");
 */
export async function loadApp(target: string, cwd: string = process.cwd()): Promise<LoadedApp> {
  const { file, exportName } = splitTarget(target);
  const path = resolve(cwd, file);
  await checkIsFile(file, path);
  const namespace = await importFile(file, path);
  const name = exportName ?? DEFAULT_EXPORTS.find((candidate) => candidate in namespace);
  if (name === undefined || !(name in namespace)) {
    throw new CliError(missingExportMessage(file, exportName, Object.keys(namespace).sort()));
  }
  const app = namespace[name];
  if (typeof app !== "function") {
    throw new CliError(
      `${file}:${name} is ${describe(app)}, not a function: an app is a function of (environ, startResponse).`,
    );
  }
  return { app: app as App, file, exportName: name };
}

/**
 * A .ts or .js file in a folder with no package.json saying "type": "module"
 * is loaded as CommonJS (bin/gateway.js), where `await` at the top level
 * cannot be: the message says how to make it an ES module.
 */
async function importFile(file: string, path: string): Promise<Record<string, unknown>> {
  try {
    return await import(pathToFileURL(path).href);
  } catch (error) {
    if (!String(error).includes("Top-level await is currently not supported")) throw error;
    throw new CliError(
      `${file} uses await outside a function, which only an ES module may: ` +
        `name it .mts (or .mjs), or put a package.json that says {"type": "module"} in its folder.`,
    );
  }
}

async function checkIsFile(file: string, path: string): Promise<void> {
  const stats = await stat(path).catch(() => undefined);
  if (stats === undefined) {
    throw new CliError(`cannot find ${file} (looked in ${path}). Check the path.`);
  }
  if (!stats.isFile()) {
    throw new CliError(`${file} is a folder, not a file: name the file that exports the app.`);
  }
}

function missingExportMessage(file: string, wanted: string | undefined, exports: string[]): string {
  const asked = wanted === undefined ? "neither `app` nor a default" : `no \`${wanted}\``;
  if (exports.length === 0) {
    return `${file} exports nothing: add \`export const app: App = ...\` to it.`;
  }
  const example = `${file}:${exports[0]}`;
  return `${file} exports ${asked} (it exports: ${exports.join(", ")}). Name one, as in ${example}.`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  const type = Array.isArray(value) ? "array" : typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
