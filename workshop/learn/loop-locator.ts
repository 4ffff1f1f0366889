/**
 * Where a test's thread is stuck: the line of the learner's file that loops.
 *
 * When the watchdog finds a test thread silent, saying "look in your file for
 * a loop" is a start; saying "greet, line 2 of starter/01-basics/greet.ts" is
 * better. JavaScript cannot look into a thread that never yields, but V8's
 * inspector can: it interrupts the loop and reports the stack. This module
 * opens an inspector session in this process, attaches to the test's worker
 * thread (the `NodeWorker` domain), pauses it, and maps the top frame that
 * lies in the learner's tree back to the TypeScript line through the source
 * map Vitest attached to the compiled code. The thread is ended right after,
 * so pausing it costs nothing.
 *
 * Any failure (an inspector already in use, a thread that is gone, a frame
 * without a source map) gives `undefined`: the verdict then names the file
 * without a line. There is no deadline: every step ends with an event (an
 * answer, a pause, or the thread detaching). A 3 s deadline once gave up
 * on Node 24 on a machine at load 25, where attaching and enabling the
 * debugger (which announces every script the thread has loaded) took longer.
 *
 * Versions: the protocol is the same on Node 20, 22 and 24 (a worker's
 * `Debugger.pause` interrupts even a loop that never yields; scripts come
 * with their inline source map URL); only the worker's title differs (see
 * `attach`). On every version `NodeWorker.enable` announces the workers
 * already running before it answers.
 *
 * @example
 * const place = await locateLoop(thread, (file) => file.startsWith(tree));
 * // { file: "/home/me/workshop/starter/01-basics/greet.ts", line: 2, name: "greet" }
 */
import { Session } from "node:inspector";
import { SourceMap, type SourceMapPayload } from "node:module";
import { fileURLToPath } from "node:url";

/** A place in a source file. */
export interface LoopPlace {
  /** Absolute path of the TypeScript file. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** The function the loop is in ("" at a module's top level). */
  readonly name: string;
}

interface Frame {
  readonly functionName: string;
  readonly location: { scriptId: string; lineNumber: number; columnNumber: number };
}

interface Script {
  readonly url: string;
  readonly sourceMapURL: string;
}

/** A message from the worker's inspector: an answer (with id) or an event. */
interface WorkerMessage {
  readonly id?: number;
  readonly method?: string;
  readonly params?: {
    scriptId?: string;
    url?: string;
    sourceMapURL?: string;
    callFrames?: Frame[];
  };
}

/**
 * Pauses the worker thread `thread` and finds the innermost frame in a file `isLearnerFile` accepts.
 *
 * @example
 * const place = await locateLoop(4, (file) => file.includes("/starter/"));
 */
export async function locateLoop(
  thread: number,
  isLearnerFile: (file: string) => boolean,
): Promise<LoopPlace | undefined> {
  const session = new Session();
  try {
    session.connect();
    return learnerPlace(await pausedFrames(session, thread), isLearnerFile);
  } catch {
    return undefined;
  } finally {
    session.disconnect();
  }
}

/** Attaches to the worker, enables its debugger (learning every script), pauses it. */
async function pausedFrames(
  session: Session,
  thread: number,
): Promise<{ frames: Frame[]; scripts: Map<string, Script> }> {
  const sessionId = await attach(session, thread);
  const scripts = new Map<string, Script>();
  const paused = new Promise<Frame[]>((resolve) => {
    session.on("NodeWorker.receivedMessageFromWorker", ({ params }) => {
      if (params.sessionId !== sessionId) return;
      const message = JSON.parse(params.message) as WorkerMessage;
      const { scriptId, url = "", sourceMapURL = "", callFrames } = message.params ?? {};
      if (message.method === "Debugger.scriptParsed" && scriptId !== undefined) {
        scripts.set(scriptId, { url, sourceMapURL });
      } else if (message.method === "Debugger.paused") {
        resolve(callFrames ?? []);
      }
    });
    // The thread ended before it paused: no frames.
    session.on("NodeWorker.detachedFromWorker", ({ params }) => {
      if (params.sessionId === sessionId) resolve([]);
    });
  });
  const send = (id: number, method: string) =>
    post(session, "NodeWorker.sendMessageToWorker", {
      sessionId,
      message: JSON.stringify({ id, method }),
    });
  await send(1, "Debugger.enable");
  await send(2, "Debugger.pause");
  const frames = await paused;
  // Let the thread go on: it is ended next, and a paused thread cannot be.
  await send(3, "Debugger.disable");
  return { frames, scripts };
}

/** The inspector session id of the worker whose thread id is `thread`; throws when it is not running. */
async function attach(session: Session, thread: number): Promise<string> {
  let attached: string | undefined;
  session.on("NodeWorker.attachedToWorker", ({ params }) => {
    // The inspector numbers workers its own way; the title carries the thread id:
    // "[worker 7]" on Node 20 and 22, "[worker 7] WorkerThread" on Node 24.
    if (params.workerInfo.title.startsWith(`[worker ${thread}]`)) attached = params.sessionId;
  });
  // The workers already running are announced before this answer comes.
  await post(session, "NodeWorker.enable", { waitForDebuggerOnStart: false });
  if (attached === undefined) throw new Error(`thread ${thread} is not running`);
  return attached;
}

function post(session: Session, method: string, params: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function learnerPlace(
  { frames, scripts }: { frames: Frame[]; scripts: Map<string, Script> },
  isLearnerFile: (file: string) => boolean,
): LoopPlace | undefined {
  for (const frame of frames) {
    const script = scripts.get(frame.location.scriptId);
    const place = script && originalPlace(script, frame);
    if (place && isLearnerFile(place.file)) return place;
  }
  return undefined;
}

/** The TypeScript file and line of a frame in compiled code, through its inline source map. */
function originalPlace(script: Script, frame: Frame): LoopPlace | undefined {
  const map = inlineSourceMap(script.sourceMapURL);
  const { lineNumber, columnNumber } = frame.location;
  const entry = map?.findEntry(lineNumber, columnNumber);
  if (entry === undefined || !("originalSource" in entry) || !script.url.startsWith("file:")) {
    return undefined;
  }
  // The map names its source relative to the compiled script.
  const file = fileURLToPath(new URL(entry.originalSource, script.url));
  return { file, line: entry.originalLine + 1, name: frame.functionName };
}

function inlineSourceMap(url: string): SourceMap | undefined {
  const data = /^data:application\/json[^,]*;base64,(.*)$/.exec(url)?.[1];
  if (data === undefined) return undefined;
  const payload = JSON.parse(Buffer.from(data, "base64").toString("utf8")) as SourceMapPayload;
  return new SourceMap(payload);
}
