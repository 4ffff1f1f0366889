/**
 * The debugger's plain-text answer: for `curl`, and for the server's log.
 *
 * The same report as the page, as lines of text: the error, then each
 * frame with its source (the failing line marked `>`) and, when the request
 * carried the secret, its locals. Library frames get one line each.
 * Control characters are written as `\u001b` escapes: a message or a path
 * comes from a request, and must not send commands to the terminal that
 * shows it (an escape sequence can retitle it, or write to the clipboard).
 *
 * @example
 * // curl http://127.0.0.1:8010/broken
 * // curl -H "X-Debugger-Secret: <secret>" http://127.0.0.1:8010/__debugger__/errors/1
 */
import type { Frame } from "./frames.ts";
import { displayFile, localEntries, notes, reportUrl, type View } from "./view.ts";

/**
 * The report as text.
 * @example renderText(view).split("\n")[0]; // "TypeError: Cannot read properties of undefined (reading 'name')"
 */
export function renderText(view: View): string {
  const { report } = view;
  const head = [
    `${report.name}: ${report.message}`,
    `${report.request.method} ${report.request.path} (error ${report.id}: ${reportUrl(view.scriptName, report.id)})`,
    "",
    view.showLocals ? "Locals are shown." : `Locals are hidden: ${view.hiddenBecause}.`,
    ...notes(report),
    "",
  ];
  const frames = report.frames.flatMap((frame, index) => frameLines(view, frame, index));
  return printable(`${[...head, ...frames].join("\n")}\n`);
}

/** Unicode's control characters (category Cc: C0, DEL and C1), but for tab and newline. */
const CONTROL = /(?![\t\n])\p{Cc}/gu;

/**
 * Text made safe to print on a terminal.
 * @example printable("a\u001b[2Jb"); // "a\\u001b[2Jb"
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function frameLines(view: View, frame: Frame, index: number): string[] {
  const tag = frame.kind === "async" ? " (async: waiting at an await, no locals)" : "";
  const title = `#${index} ${frame.functionName}  ${displayFile(frame.file)}:${frame.line}:${frame.column}${tag}`;
  if (!frame.app) return [title];
  const locals = localEntries(view, frame).map(([name, value]) => `      ${name} = ${value}`);
  return [
    title,
    ...sourceLines(frame),
    ...(locals.length > 0 ? ["    locals:", ...locals] : []),
    "",
  ];
}

function sourceLines(frame: Frame): string[] {
  if (frame.source === undefined) return [];
  const { firstLine, lines } = frame.source;
  const width = String(firstLine + lines.length).length;
  return lines.map((text, i) => {
    const number = firstLine + i;
    return `  ${number === frame.line ? ">" : " "} ${String(number).padStart(width)} | ${text}`;
  });
}
