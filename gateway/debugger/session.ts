/**
 * The inspector session: the debugger's one connection to V8's debugger.
 *
 * `node:inspector` lets a process debug itself. A `Session` connected in
 * process speaks the Chrome DevTools Protocol, the same one Chrome's DevTools
 * and VS Code speak, but its calls are answered synchronously: `post` runs
 * the command and its callback before it returns. That is what lets the
 * debugger keep a frame's locals while the frame still exists (capture.ts).
 * All this session relies on behaves the same on Node 20, 22 and 24
 * (checked): `Debugger.paused` comes before the throwing code goes on, with
 * reason `exception`, or `promiseRejection` after an await; frames have no
 * `url`; `Debugger.enable` reports every loaded script before it returns.
 * What differs is in the values a pause hands over (capture.ts, `readScope`)
 * and in `error.stack` (report.ts).
 *
 * The session is opened once per thread, the first time a debugger is
 * enabled, and kept: `Debugger.enable` reports every loaded script again,
 * which is too slow to repeat. Pausing on exceptions is the costly part (each
 * throw, anywhere in the process, stops for the capture), so it is switched
 * on only while a debugged request is running, and off again after.
 *
 * @example
 * openSession((paused) => console.log(paused.reason));
 * const stop = startPausing(); // every throw now pauses...
 * stop(); // ...and now it no longer does
 */
import inspector from "node:inspector";

/** What `Debugger.scriptParsed` told us about a script. */
export interface Script {
  /** Its URL: `file:///...` for a module, `node:...` for Node's own code. */
  readonly url: string;
  /** Its source map's URL, when it has one: tsx and vitest inline theirs as a `data:` URL. */
  readonly sourceMapURL: string | undefined;
}

type PausedHandler = (paused: inspector.Debugger.PausedEventDataType) => void;

let session: inspector.Session | undefined;
/** Call frames name their script by id only (their `url` is empty on Node 20, 22 and 24): this maps it back. */
const scripts = new Map<string, Script>();
let runningRequests = 0;

/**
 * Connects the session (once per thread) and calls `onPaused` on each pause.
 * @example openSession((paused) => capture(paused));
 */
export function openSession(onPaused: PausedHandler): void {
  if (session !== undefined) return;
  session = new inspector.Session();
  session.connect();
  session.on("Debugger.scriptParsed", ({ params }) => {
    // Code from eval or new Function has no URL, nothing to map or show, and may come on every call.
    if (params.url === "") return;
    scripts.set(params.scriptId, {
      url: params.url,
      sourceMapURL: params.sourceMapURL || undefined,
    });
  });
  session.on("Debugger.paused", ({ params }) => onPaused(params));
  post("Debugger.enable");
}

/**
 * Sends one protocol command and returns its result. In process the answer
 * comes before `session.post` returns; if it ever did not, the debugger
 * could not work at all, so that is an error.
 * @example const { result } = post<Runtime.GetPropertiesReturnType>("Runtime.getProperties", { objectId });
 */
export function post<Result = unknown>(method: string, params: object = {}): Result {
  if (session === undefined) throw new Error("the debugger's inspector session is not open");
  let answer: { error: Error | null; result?: object } | undefined;
  session.post(method, params, (error, result) => {
    answer = { error, result };
  });
  if (answer === undefined)
    throw new Error(`${method} was not answered at once: is an inspector attached?`);
  if (answer.error !== null) throw answer.error;
  return answer.result as Result;
}

/**
 * The script with this id, as it was parsed.
 * @example scriptById(frame.location.scriptId)?.url; // "file:///.../app.ts"
 */
export function scriptById(scriptId: string): Script | undefined {
  return scripts.get(scriptId);
}

/**
 * Pauses on every exception until the returned function is called (it runs
 * once however often it is called). Requests overlap, so pausing stays on
 * until the last running one stops it.
 * @example const stop = startPausing(); try { ... } finally { stop(); }
 */
export function startPausing(): () => void {
  runningRequests += 1;
  if (runningRequests === 1) post("Debugger.setPauseOnExceptions", { state: "all" });
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    runningRequests -= 1;
    if (runningRequests === 0) post("Debugger.setPauseOnExceptions", { state: "none" });
  };
}
