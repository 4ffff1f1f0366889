/**
 * Capture: keeping the frames and locals of an error from the moment it is thrown.
 *
 * By the time an error reaches the debugger middleware, the frames that
 * threw it are gone: the stack unwound on its way up, and `error.stack` is
 * only text. So the debugger asks V8 to pause at every throw (session.ts),
 * and while the throwing code waits, copies each frame of your code: its
 * position, and its local variables and `this` into a plain object that
 * holds them by reference (live objects, not snapshots). The copy is filed
 * under the thrown error itself, in a `WeakMap`, so the middleware finds it
 * by identity: an error thrown and handled somewhere else (a redirect thrown
 * inside the app, say) never reaches the middleware, and is forgotten when
 * it is garbage.
 *
 * How the copy gets back from V8 to this module: protocol calls return
 * handles (`objectId`s), not objects. So a function is run on the thrown
 * error with the copies as arguments (`Runtime.callFunctionOn`); its source
 * is compiled in the global scope, so it reaches this module through a hook
 * put on `globalThis` for the moment of the capture only.
 *
 * @example
 * startCapturing();
 * try { app(environ, startResponse) } catch (error) { takeCapture(error)?.frames }
 */
import type inspector from "node:inspector";
import { pathToFileURL } from "node:url";
import { openSession, post, scriptById } from "./session.ts";

type CallFrame = inspector.Debugger.CallFrame;
type RemoteObject = inspector.Runtime.RemoteObject;

/** A frame's local variables (and `this`), by name, as live references. */
export type Locals = Record<string, unknown>;

/** One frame of the stack at the throw, innermost first. */
export interface CapturedFrame {
  readonly functionName: string;
  /** The script V8 ran: for a `.ts` file, tsx's compiled JavaScript. */
  readonly scriptId: string;
  readonly url: string;
  /** Where the frame was, in that script: 0-based, as the protocol counts. */
  readonly line: number;
  readonly column: number;
  /** Undefined for library frames (Node's own code, `node_modules`, `gateway/`): copying costs. */
  readonly locals: Locals | undefined;
}

/** What was kept of one thrown error. */
export interface Capture {
  readonly frames: readonly CapturedFrame[];
}

/** Scopes that hold a frame's own variables; module and global scopes are left out. */
const LOCAL_SCOPES = new Set(["local", "block", "catch", "closure"]);
const MAX_FRAMES = 30;
const OBJECT_GROUP = "gateway-debugger";
const HOOK = "gateway.debugger.capture";
const HOOK_EXPRESSION = `globalThis[Symbol.for(${JSON.stringify(HOOK)})]`;
const gatewayFolder = new URL("../", import.meta.url).href;
const captures = new WeakMap<object, Capture>();

/** What the capture functions, run inside V8's pause, call back into. */
interface Hook {
  seen(thrown: object): boolean;
  keep(thrown: object, locals: Array<Locals | undefined>): void;
}

/**
 * Opens the inspector session (once) with the capturing pause handler.
 * Pausing itself is switched on per request: see `startPausing`.
 * @example startCapturing();
 */
export function startCapturing(): void {
  openSession(onPaused);
}

/**
 * The capture of this error, if the debugger saw it thrown; forgotten once
 * taken, so the same error object thrown again is captured again.
 * @example const capture = takeCapture(error); // undefined for `throw "text"`
 */
export function takeCapture(error: unknown): Capture | undefined {
  if ((typeof error !== "object" && typeof error !== "function") || error === null)
    return undefined;
  const capture = captures.get(error);
  captures.delete(error);
  return capture;
}

/**
 * Your code: a file outside `node_modules` and outside this toolkit.
 * Takes a URL (`file:///...`) or a path.
 * @example isAppCode("file:///home/me/workshop/lessons/10-debugger/app.ts"); // true
 */
export function isAppCode(location: string): boolean {
  const url = /^(\/|[A-Za-z]:[\\/])/.test(location) ? pathToFileURL(location).href : location;
  return (
    url.startsWith("file:") && !url.includes("/node_modules/") && !url.startsWith(gatewayFolder)
  );
}

function onPaused({ reason, data, callFrames }: inspector.Debugger.PausedEventDataType): void {
  const thrown = data as RemoteObject | undefined;
  try {
    // A thrown string or number has no identity to match: there is nothing to file it under.
    const isThrow = reason === "exception" || reason === "promiseRejection";
    if (isThrow && thrown?.objectId !== undefined) capture(thrown.objectId, callFrames);
  } finally {
    post("Runtime.releaseObjectGroup", { objectGroup: OBJECT_GROUP });
    post("Debugger.resume");
  }
}

function capture(thrownId: string, callFrames: CallFrame[]): void {
  const frames = callFrames.slice(0, MAX_FRAMES).map(describeFrame);
  const hook: Hook = {
    seen: (thrown) => captures.has(thrown),
    keep: (thrown, locals) => {
      captures.set(thrown, { frames: frames.map((frame, i) => ({ ...frame, locals: locals[i] })) });
    },
  };
  const slot = globalThis as unknown as Record<symbol, Hook | undefined>;
  slot[Symbol.for(HOOK)] = hook;
  try {
    // A rethrow (`catch (e) { throw e }`) pauses again: the first capture, at the origin, is the one to keep.
    if (callOnThrown(thrownId, `function () { return ${HOOK_EXPRESSION}.seen(this); }`).value)
      return;
    const copies = callFrames.slice(0, MAX_FRAMES).map((frame, i) => {
      const objectId = isAppCode(frames[i]?.url ?? "") ? copyLocals(frame) : undefined;
      return objectId === undefined ? {} : { objectId };
    });
    callOnThrown(
      thrownId,
      `function (...locals) { ${HOOK_EXPRESSION}.keep(this, locals); }`,
      copies,
    );
  } finally {
    delete slot[Symbol.for(HOOK)];
  }
}

function describeFrame(frame: CallFrame): Omit<CapturedFrame, "locals"> {
  const { scriptId, lineNumber, columnNumber = 0 } = frame.location;
  const url = scriptById(scriptId)?.url ?? "";
  return {
    functionName: frame.functionName,
    scriptId,
    url,
    line: lineNumber,
    column: columnNumber,
  };
}

/** Copies a frame's variables into a new object, and returns the handle V8 gave it. */
function copyLocals(frame: CallFrame): string | undefined {
  const names = new Set<string>();
  for (const scope of frame.scopeChain) {
    if (!LOCAL_SCOPES.has(scope.type) || scope.object.objectId === undefined) continue;
    const { result } = post<inspector.Runtime.GetPropertiesReturnType>("Runtime.getProperties", {
      objectId: scope.object.objectId,
      ownProperties: true,
    });
    for (const { name } of result) names.add(name);
  }
  const copy = post<inspector.Debugger.EvaluateOnCallFrameReturnType>(
    "Debugger.evaluateOnCallFrame",
    {
      callFrameId: frame.callFrameId,
      expression: copyExpression([...names]),
      objectGroup: OBJECT_GROUP,
      silent: true,
    },
  );
  return copy.result.objectId;
}

/**
 * The expression that, run in the frame, builds the copy. Each name is read
 * on its own: a `let` the frame has not reached yet throws when read (the
 * "temporal dead zone"), and is left out. The copy's own name is odd on
 * purpose, so it cannot hide a variable of yours.
 */
function copyExpression(names: string[]): string {
  const reads = names.map((name) => `try { $copy$[${JSON.stringify(name)}] = ${name}; } catch {}`);
  return `(() => { const $copy$ = { this: this }; ${reads.join(" ")} return $copy$; })()`;
}

function callOnThrown(thrownId: string, source: string, args: object[] = []): RemoteObject {
  const { result } = post<inspector.Runtime.CallFunctionOnReturnType>("Runtime.callFunctionOn", {
    objectId: thrownId,
    functionDeclaration: source,
    arguments: args,
    objectGroup: OBJECT_GROUP,
    returnByValue: true,
    silent: true,
  });
  return result;
}
