/**
 * Capture: keeping the frames and locals of an error from the moment it is thrown.
 *
 * By the time an error reaches the debugger middleware, the frames that
 * threw it are gone: the stack unwound on its way up, and `error.stack` is
 * only text. So the debugger asks V8 to pause at every throw (session.ts),
 * and while the throwing code waits, keeps each frame of your code: its
 * position, its `this`, and its scopes. V8 hands a paused frame's scopes
 * over as objects, one property per variable, holding the very values the
 * variables held (live objects, not snapshots). The capture is filed under
 * the thrown error itself, in a `WeakMap`, so the middleware finds it by
 * identity: an error thrown and handled somewhere else (a redirect thrown
 * inside the app, say) never reaches the middleware, and is forgotten when
 * it is garbage. It is filed under the request it was thrown in, too
 * (request-scope.ts): the same error object thrown in another request is
 * captured again, there, and never shown with this one's frames.
 *
 * How the scopes get from V8 to this module: protocol calls return handles
 * (`objectId`s), not objects. So a function is run on the thrown error with
 * the handles as arguments (`Runtime.callFunctionOn`), and V8 passes the
 * objects themselves. That function's source is compiled in the global
 * scope, so it reaches this module through a hook put on `globalThis` for
 * the moment of the capture only.
 *
 * @example
 * startCapturing();
 * try { app(environ, startResponse) } catch (error) { takeCapture(error, environ)?.frames }
 */
import type inspector from "node:inspector";
import { pathToFileURL } from "node:url";
import { currentRequest } from "./request-scope.ts";
import { openSession, post, scriptById } from "./session.ts";

type CallFrame = inspector.Debugger.CallFrame;
type RemoteObject = inspector.Runtime.RemoteObject;

/** Variables by name, as live references. */
export type Locals = Record<string, unknown>;

/**
 * What a captured variable holds when V8 would not give its value: a `let`
 * or `const` the code had not reached yet at the throw (see `readScope`).
 * Previews show it as `<value unavailable>`, as Chrome's DevTools do.
 * @example frame.locals?.total === UNAVAILABLE; // `const total = ...` was below the throw
 */
export const UNAVAILABLE: unique symbol = Symbol("value unavailable");

/** One frame of the stack at the throw, innermost first. */
export interface CapturedFrame {
  readonly functionName: string;
  /** The script V8 ran: for a `.ts` file, tsx's compiled JavaScript. */
  readonly scriptId: string;
  readonly url: string;
  /** Where the frame was, in that script: 0-based, as the protocol counts. */
  readonly line: number;
  readonly column: number;
  /**
   * `this`, then the frame's own variables (arguments, locals, its closure's),
   * innermost first. A `let` or `const` the code had not reached yet holds
   * `UNAVAILABLE` (Node 22 and later) or undefined (Node 20), see `readScope`;
   * in a loop, on every version, it may hold what it held on the previous turn.
   * Undefined for library frames (Node's own code, `node_modules`, `gateway/`): keeping costs.
   */
  readonly locals: Locals | undefined;
  /** The top-level names of the frame's module (imports, constants), for the console. */
  readonly moduleScope: Locals | undefined;
}

/** What was kept of one thrown error. */
export interface Capture {
  readonly frames: readonly CapturedFrame[];
}

/** Scopes that hold a frame's own variables, as V8 names them. */
const LOCAL_SCOPES = new Set(["local", "block", "catch", "closure"]);
const MAX_FRAMES = 30;
const HOOK = "gateway.debugger.capture";
const HOOK_EXPRESSION = `globalThis[Symbol.for(${JSON.stringify(HOOK)})]`;
const gatewayFolder = new URL("../", import.meta.url).href;
/** Captures by thrown error, each with the request it was thrown in (undefined: outside any). */
const captures = new WeakMap<object, { request: object | undefined; capture: Capture }>();

/** What each handle passed to the hook is: the frame it belongs to, and its part in it. */
type Part = [frame: number, role: "this" | "scope" | "module"];

/** What the capture functions, run inside V8's pause, call back into. */
interface Hook {
  seen(thrown: object): boolean;
  keep(thrown: object, parts: Part[], values: unknown[]): void;
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
 * The capture of this error, if the debugger saw it thrown in `request`
 * (by default, the request running now); forgotten once taken.
 * @example const capture = takeCapture(error, environ); // undefined for `throw "text"`
 */
export function takeCapture(
  error: unknown,
  request: object | undefined = currentRequest(),
): Capture | undefined {
  if ((typeof error !== "object" && typeof error !== "function") || error === null)
    return undefined;
  const filed = captures.get(error);
  if (filed === undefined || filed.request !== request) return undefined;
  captures.delete(error);
  return filed.capture;
}

/**
 * Your code: a file outside `node_modules` and outside this toolkit.
 * Takes a URL (`file:///...`) or a path.
 * @example isAppCode("file:///home/me/workshop/lessons/10-debugger/app.ts"); // true
 */
export function isAppCode(location: string): boolean {
  const url = /^(\/|[A-Za-z]:[\\/])/.test(location) ? pathToFileURL(location).href : location;
  const isFile = url.startsWith("file:");
  return isFile && !url.includes("/node_modules/") && !url.startsWith(gatewayFolder);
}

function onPaused({ reason, data, callFrames }: inspector.Debugger.PausedEventDataType): void {
  const thrown = data as RemoteObject | undefined;
  try {
    // A thrown string or number has no identity to match: there is nothing to file it under.
    const isThrow = reason === "exception" || reason === "promiseRejection";
    if (isThrow && thrown?.objectId !== undefined) capture(thrown.objectId, callFrames);
  } finally {
    post("Debugger.resume");
  }
}

function capture(thrownId: string, callFrames: CallFrame[]): void {
  const frames = callFrames.slice(0, MAX_FRAMES);
  const request = currentRequest();
  const hook: Hook = {
    seen: (thrown) => {
      const filed = captures.get(thrown);
      return filed !== undefined && filed.request === request;
    },
    keep: (thrown, parts, values) =>
      captures.set(thrown, { request, capture: assemble(frames, parts, values) }),
  };
  const slot = globalThis as unknown as Record<symbol, Hook | undefined>;
  slot[Symbol.for(HOOK)] = hook;
  try {
    // A rethrow (`catch (e) { throw e }`) pauses again: the first capture in this request, at the origin, is kept.
    const seen = callOnThrown(thrownId, `function () { return ${HOOK_EXPRESSION}.seen(this); }`);
    if (seen.value === true) return;
    const { parts, handles } = handlesToKeep(frames);
    const keep = `function (parts, ...values) { ${HOOK_EXPRESSION}.keep(this, parts, values); }`;
    callOnThrown(thrownId, keep, [{ value: parts }, ...handles]);
  } finally {
    delete slot[Symbol.for(HOOK)];
  }
}

/** The handles of what to keep of each frame of your code; a module's scope once per module. */
function handlesToKeep(frames: CallFrame[]): { parts: Part[]; handles: object[] } {
  const parts: Part[] = [];
  const handles: object[] = [];
  const modules = new Set<string>();
  frames.forEach((frame, index) => {
    const { scriptId } = frame.location;
    if (!isAppCode(scriptById(scriptId)?.url ?? "")) return;
    const { objectId, value } = frame.this;
    parts.push([index, "this"]);
    handles.push(objectId === undefined ? { value } : { objectId });
    for (const { type, object } of frame.scopeChain) {
      const role = roleOf(type, !modules.has(scriptId));
      if (role === undefined || object.objectId === undefined) continue;
      if (role === "module") modules.add(scriptId);
      parts.push([index, role]);
      handles.push({ objectId: object.objectId });
    }
  });
  return { parts, handles };
}

/** What a scope is to the capture: the frame's own variables, its module's names (once), or neither. */
function roleOf(type: string, firstOfItsModule: boolean): "scope" | "module" | undefined {
  if (LOCAL_SCOPES.has(type)) return "scope";
  return type === "module" && firstOfItsModule ? "module" : undefined;
}

/** Puts the values V8 passed back together, frame by frame. */
function assemble(frames: CallFrame[], parts: Part[], values: unknown[]): Capture {
  const locals = new Map<number, Locals>();
  const modules = new Map<string, Locals>();
  parts.forEach(([index, role], i) => {
    const value = values[i];
    if (role === "this") locals.set(index, { this: value });
    // A frame's scopes come after its `this`, innermost first: a name already there hides this one.
    if (role === "scope") addMissing(locals.get(index) ?? {}, readScope(value as object));
    if (role === "module")
      modules.set(frames[index]?.location.scriptId ?? "", readScope(value as object));
  });
  const kept = frames.map((frame, index) => ({
    ...describeFrame(frame),
    locals: locals.get(index),
    moduleScope: locals.has(index) ? modules.get(frame.location.scriptId) : undefined,
  }));
  return { frames: kept };
}

/**
 * A scope's variables, copied into a plain object while the frame is paused.
 * A variable still in its "temporal dead zone" (declared with `let` or
 * `const`, not yet reached) differs by version, checked on each:
 * - Node 20 (V8 11.3) reads it as undefined, like a variable that holds undefined;
 * - Node 22 and 24 (V8 12.4, 13.6) throw `ReferenceError: Cannot access 'x'
 *   from debugger` (V8's AccessedUnavailableVariable) on any read of it, even
 *   of its property descriptor, and `Runtime.getProperties` lists it with no value.
 * Copied all at once (`Object.entries`), one such variable in any frame made
 * the whole capture throw, and the page showed no frames: that was lesson 10
 * on Node 22 and 24. So each variable is read on its own, and one V8 will not
 * give holds `UNAVAILABLE`, keeping its name: an outer variable of the same
 * name, or a module's top-level one in the console, must not show through.
 */
function readScope(scope: object): Locals {
  const copy: Locals = {};
  for (const name of Object.getOwnPropertyNames(scope)) {
    try {
      copy[name] = (scope as Locals)[name];
    } catch {
      copy[name] = UNAVAILABLE;
    }
  }
  return copy;
}

function addMissing(into: Locals, scope: Locals): void {
  for (const [name, value] of Object.entries(scope)) {
    if (!Object.hasOwn(into, name)) into[name] = value;
  }
}

function describeFrame(frame: CallFrame): Omit<CapturedFrame, "locals" | "moduleScope"> {
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

function callOnThrown(thrownId: string, source: string, args: object[] = []): RemoteObject {
  const { result } = post<inspector.Runtime.CallFunctionOnReturnType>("Runtime.callFunctionOn", {
    objectId: thrownId,
    functionDeclaration: source,
    arguments: args,
    returnByValue: true,
    silent: true,
  });
  return result;
}
