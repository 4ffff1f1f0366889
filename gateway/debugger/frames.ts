/**
 * Frames: what the debugger shows for each level of an error's stack.
 *
 * A frame comes from one of two places. Frames captured at the throw
 * (capture.ts) are "live": their locals were kept, and their position is
 * mapped back to the `.ts` source (source-map.ts). But a frame exists only
 * while its function runs: an `async` function that called `await` has
 * handed its frame back, and is resumed later from the event loop, with a
 * fresh, short stack. So an error thrown after an `await` has live frames
 * only from that `await` on. V8 still names the callers that were waiting
 * in `error.stack` (the `at async ...` lines): the lines of `error.stack`
 * that no live frame accounts for are shown too, as "async" frames,
 * without locals. An error the debugger did not see thrown gets its frames
 * from `error.stack` alone.
 *
 * @example
 * const frames = framesOf(error.stack, takeCapture(error, environ));
 * frames[0]; // { functionName: "showUser", file: ".../app.ts", line: 14, kind: "live", locals: {...}, ... }
 */
import { readFileSync } from "node:fs";
import type { Capture, CapturedFrame, Locals } from "./capture.ts";
import { isAppCode } from "./capture.ts";
import { filePath, originalName, originalPosition } from "./source-map.ts";

/** Where a frame's facts come from: see the module comment. */
export type FrameKind = "live" | "async" | "stack";

/** A few lines of source around a frame's line. */
export interface SourceContext {
  /** The line number of `lines[0]`. */
  readonly firstLine: number;
  readonly lines: readonly string[];
}

/** One frame, ready to show. Lines and columns are 1-based, in the original source. */
export interface Frame {
  readonly functionName: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Your code (shown open) rather than Node's, a package's or the toolkit's (shown folded). */
  readonly app: boolean;
  readonly kind: FrameKind;
  readonly source: SourceContext | undefined;
  /** The live locals; undefined when they were not captured. */
  readonly locals: Locals | undefined;
  /** The module's top-level names, for the console; undefined when not captured. */
  readonly moduleScope: Locals | undefined;
}

/** Lines shown before and after a frame's line. */
const CONTEXT = 4;
const STACK_LINE = /^\s*at (?:async )?(?:(.+?) \()?(.+):(\d+):(\d+)\)?$/;

/**
 * The frames of an error, innermost first, from its stack text and its capture.
 * @example framesOf(error.stack, undefined); // from error.stack only
 */
export function framesOf(errorStack: string, capture: Capture | undefined): Frame[] {
  const stack = stackEntries(errorStack);
  if (capture === undefined) return stack.map((entry) => stackFrame(entry, "stack"));
  const live = capture.frames.map(liveFrame);
  const isLive = new Set(live.map((frame) => `${frame.file}:${frame.line}`));
  const waiting = stack.filter((entry) => !isLive.has(`${entry.file}:${entry.line}`));
  // A function resumed after an await runs on Node's task queue, whose own frames
  // (runNextTicks, processTicksAndRejections) sit at the bottom of the live stack. They
  // started the resumed code, not the functions awaiting it: they go below those.
  const queue = live.length - trailingNodeFrames(live);
  return [
    ...live.slice(0, queue),
    ...waiting.map((entry) => stackFrame(entry, "async")),
    ...live.slice(queue),
  ];
}

/** How many frames at the bottom of `frames` are Node's own code. */
function trailingNodeFrames(frames: readonly Frame[]): number {
  let count = 0;
  while (count < frames.length && frames[frames.length - 1 - count]?.file.startsWith("node:")) {
    count++;
  }
  return count;
}

function liveFrame(frame: CapturedFrame): Frame {
  const position = originalPosition(frame.scriptId, frame.url, frame.line, frame.column);
  return {
    functionName: frame.functionName || "(anonymous)",
    file: position.file,
    line: position.line,
    column: position.column,
    app: isAppCode(frame.url),
    kind: "live",
    source: sourceContext(position.text ?? readSource(position.file), position.line),
    locals: frame.locals && withOriginalNames(frame.scriptId, frame.locals),
    moduleScope: frame.moduleScope,
  };
}

/** The same values, under the names the `.ts` source gives them (see `originalName`). */
function withOriginalNames(scriptId: string, locals: Locals): Locals {
  const renamed: Locals = {};
  for (const [name, value] of Object.entries(locals)) {
    const original = originalName(scriptId, name);
    renamed[original in locals ? name : original] = value;
  }
  return renamed;
}

/** One `at ...` line of `error.stack`; tsx and vitest already map these to `.ts` lines. */
interface StackEntry {
  readonly functionName: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

function stackEntries(stack: string): StackEntry[] {
  return stack.split("\n").flatMap((text) => {
    const match = STACK_LINE.exec(text);
    if (match === null) return [];
    const [, functionName = "(anonymous)", location = "", line = "0", column = "0"] = match;
    return [{ functionName, file: filePath(location), line: Number(line), column: Number(column) }];
  });
}

function stackFrame(entry: StackEntry, kind: FrameKind): Frame {
  return {
    functionName: entry.functionName,
    file: entry.file,
    line: entry.line,
    column: entry.column,
    app: isAppCode(entry.file),
    kind,
    source: sourceContext(readSource(entry.file), entry.line),
    locals: undefined,
    moduleScope: undefined,
  };
}

function readSource(file: string): string | undefined {
  if (file.startsWith("node:") || file === "") return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function sourceContext(text: string | undefined, line: number): SourceContext | undefined {
  if (text === undefined) return undefined;
  const all = text.split(/\r?\n/);
  const first = Math.max(1, line - CONTEXT);
  const lines = all.slice(first - 1, line + CONTEXT);
  return lines.length === 0 ? undefined : { firstLine: first, lines };
}
