/**
 * The view: what the three renderers (page.ts, text.ts, json.ts) share.
 *
 * A report holds live locals; whether a given answer may show them is the
 * guard's decision, made once per request and carried here as
 * `showLocals`. Renderers read locals only through `localEntries`, which
 * returns nothing when it is false: one place to check that no
 * representation holds a local value without the secret.
 *
 * @example
 * const view: View = { report, showLocals: false, hiddenBecause: "send the secret", scriptName: "", others: [] };
 * localEntries(view, report.frames[0]); // [] without the secret
 */
import path from "node:path";
import type { Frame } from "./frames.ts";
import { preview } from "./preview.ts";
import type { Report } from "./report.ts";

/** Where the debugger's own pages live, under the app's `SCRIPT_NAME`. */
export const DEBUGGER_PATH = "/__debugger__";

/** One answer's worth of a report. */
export interface View {
  readonly report: Report;
  /** The guard allowed locals for this request. */
  readonly showLocals: boolean;
  /** Why locals are hidden, shown in their place. */
  readonly hiddenBecause: string;
  /** Where the app is mounted: the debugger's URLs start with it. */
  readonly scriptName: string;
  /** Other reports still kept, newest first, for links. */
  readonly others: readonly Report[];
}

/**
 * The path of a report's page.
 * @example reportUrl("/app", 3); // "/app/__debugger__/errors/3"
 */
export function reportUrl(scriptName: string, id: number): string {
  return `${scriptName}${DEBUGGER_PATH}/errors/${id}`;
}

/**
 * A frame's locals as `[name, preview]` pairs, `this` first when there is
 * one; none at all unless the view may show locals.
 * @example localEntries(view, frame); // [["this", "Greeter { ... }"], ["name", '"Ada"']]
 */
export function localEntries(view: View, frame: Frame): Array<[name: string, preview: string]> {
  if (!view.showLocals || frame.locals === undefined) return [];
  return Object.entries(frame.locals)
    .filter(([name, value]) => name !== "this" || value !== undefined)
    .map(([name, value]) => [name, preview(value)]);
}

/**
 * A file as a learner would type it: relative to the working folder when inside it.
 * @example displayFile("/home/me/workshop/lessons/10-debugger/app.ts"); // "lessons/10-debugger/app.ts"
 */
export function displayFile(file: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

/**
 * Notes that explain what is missing from a report's frames, and why.
 * @example notes(report); // ["This error was thrown after an await: ..."]
 */
export function notes(report: Report): string[] {
  const said: string[] = [];
  if (!report.captured) {
    said.push(
      "The debugger did not see this error thrown (it was not an object, or no debugged request was " +
        "running), so its frames come from error.stack alone, without locals.",
    );
  }
  if (report.frames.some((frame) => frame.kind === "async")) {
    said.push(
      "This error was thrown after an await. A function waiting at an await has no frame on the " +
        "stack, so only the frames since that await are live, with locals; the callers marked " +
        "'async' are known from error.stack, by file and line only.",
    );
  }
  return said;
}
