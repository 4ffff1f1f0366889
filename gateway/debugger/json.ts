/**
 * The debugger's JSON answer, on `Accept: application/json`.
 *
 * The page's script reads it to fill in the locals once you give the
 * secret, and tools can read it too. `locals` is an object of previews
 * (text, never the values themselves) for a frame whose locals were
 * captured and may be shown, and `null` otherwise; `localsHidden` says why
 * they are not shown.
 *
 * @example
 * // curl -H "Accept: application/json" -H "X-Debugger-Secret: <secret>" \
 * //   http://127.0.0.1:8010/__debugger__/errors/1
 * // { "id": 1, "name": "TypeError", ..., "frames": [{ "function": "showUser", "locals": { "id": "\"7\"" } }] }
 */
import type { Frame } from "./frames.ts";
import { displayFile, localEntries, notes, reportUrl, type View } from "./view.ts";

/**
 * The report as a JSON-ready object.
 * @example JSON.stringify(renderJson(view));
 */
export function renderJson(view: View): object {
  const { report } = view;
  return {
    id: report.id,
    url: reportUrl(view.scriptName, report.id),
    time: report.time.toISOString(),
    name: report.name,
    message: report.message,
    stack: report.stack,
    request: report.request,
    notes: notes(report),
    localsHidden: view.showLocals ? null : view.hiddenBecause,
    frames: report.frames.map((frame) => frameJson(view, frame)),
  };
}

function frameJson(view: View, frame: Frame): object {
  const shown = view.showLocals && frame.locals !== undefined;
  return {
    function: frame.functionName,
    file: displayFile(frame.file),
    line: frame.line,
    column: frame.column,
    app: frame.app,
    kind: frame.kind,
    source: frame.source ?? null,
    locals: shown ? Object.fromEntries(localEntries(view, frame)) : null,
  };
}
