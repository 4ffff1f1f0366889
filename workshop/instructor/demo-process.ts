/**
 * An exercise's demo, run from the scratch copy for the class to see.
 *
 * The manifest names each exercise's demo as the npm script a learner
 * would type (`npm run demo -- 5 exercise`). The instructor's mode runs the
 * same program, from the scratch copy: the script's command from the copy's
 * `package.json` (`node --import tsx workshop/demo.ts`), with this Node, the
 * demo's arguments and `--port 0` (any free port: the instructor's own
 * demos may hold the usual ones). Unless the manifest says it has no
 * gateway to trace, it runs with `--trace --trace-port 0` as well, so the class can follow each request through the exercise's app
 * on its trace page (gateway/trace/); the tracer never changes what the app
 * answers. It is spawned without a shell, and the addresses it prints say
 * when it listens. Then the page the manifest names is fetched, to show the
 * class what the exercise answers now.
 *
 * Every demo started here is stopped when its presentation ends, and, should
 * the home exit another way, when the home's process exits.
 *
 * @example
 * const demo = startDemo(scratch.root, exercise.demo);
 * const url = await demo.listening; // "http://127.0.0.1:41234/"
 * const trace = await demo.tracePage; // "http://127.0.0.1:41240/trace"
 * const answer = await fetchSample(new URL(exercise.demo.path, url));
 * await demo.stop();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ExerciseDemo } from "../manifest.ts";

/** A demo that was started. */
export interface DemoProcess {
  /** The npm command a learner would type: "npm run demo -- 5 exercise". */
  readonly command: string;
  /** Resolves with the address the demo printed; rejects when it ended first, with its output. */
  readonly listening: Promise<string>;
  /** Resolves with the address of its trace page (undefined for a demo not traced); rejects when it ended first. */
  readonly tracePage: Promise<string | undefined>;
  /** The last of what it printed. */
  output(): string;
  /** Stops it; resolves once it has exited. */
  stop(): Promise<void>;
}

/** What the demo answered to the page the manifest names. */
export interface Sample {
  readonly url: string;
  readonly status: string;
  readonly headers: ReadonlyArray<[string, string]>;
  readonly body: string;
}

/** How much of the output and of a page is kept. */
const KEEP_OUTPUT = 4_000;
const KEEP_BODY = 3_000;
/** A body that sends nothing for this long is shown as far as it came. */
const QUIET_MS = 10_000;
/** A demo that does not stop within this time is killed. */
const STOP_GRACE_MS = 5_000;
const ADDRESS = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+\/?/;
/** The line gateway/cli/trace-option.ts prints for the trace page. */
const TRACE_ADDRESS = /Trace: open (https?:\/\/\S+)/;

/** Every demo running, so that the home's exit stops them all. */
const running = new Set<ChildProcess>();
let exitHookSet = false;

/**
 * Starts the demo in the copy at `root`.
 * @example const demo = startDemo(scratch.root, { command: ["demo", "5", "exercise"], path: "/" });
 */
export function startDemo(root: string, demo: ExerciseDemo): DemoProcess {
  const [script, ...args] = demo.command;
  const [program, ...start] = scriptCommand(root, script);
  const traced = demo.traced !== false;
  const flags = ["--port", "0", ...(traced ? ["--trace", "--trace-port", "0"] : [])];
  const child = spawn(program, [...start, ...args, ...flags], {
    cwd: root,
    shell: false,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  track(child);
  const watched = watchOutput(child, program);
  return {
    command: commandLine(demo),
    listening: watched.printed(listeningUrl),
    tracePage: traced
      ? watched.printed((text) => TRACE_ADDRESS.exec(text)?.[1])
      : Promise.resolve(undefined),
    output: watched.output,
    stop: () => stopChild(child, watched.exited),
  };
}

/** The demo's address in its output, ending in "/". */
function listeningUrl(text: string): string | undefined {
  const address = ADDRESS.exec(text)?.[0];
  return address === undefined || address.endsWith("/") ? address : `${address}/`;
}

/** What the child prints (the last of it), its exit, and a way to wait for a line. */
interface WatchedOutput {
  output(): string;
  readonly exited: Promise<void>;
  /** Resolves with what `find` finds in the output, as soon as it is there. */
  printed(find: (output: string) => string | undefined): Promise<string>;
}

function watchOutput(child: ChildProcess, program: string): WatchedOutput {
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-KEEP_OUTPUT);
  };
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  child.stdout?.on("data", keep);
  const printed = (find: (output: string) => string | undefined) => {
    const found = new Promise<string>((resolve, reject) => {
      const look = () => {
        const value = find(output);
        if (value !== undefined) resolve(value);
      };
      child.stdout?.on("data", look);
      child.once("error", (error) =>
        reject(new Error(`${program} could not start: ${error.message}`)),
      );
      void exited.then(() => reject(new Error(`the demo ended before it listened:\n${output}`)));
    });
    found.catch(() => {});
    return found;
  };
  return { output: () => output, exited, printed };
}

/**
 * The command a learner types to start the demo.
 * @example commandLine({ command: ["demo", "5", "exercise"], path: "/" }); // "npm run demo -- 5 exercise"
 */
export function commandLine(demo: ExerciseDemo): string {
  const [script, ...args] = demo.command;
  return `npm run ${script}${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`;
}

/**
 * GETs `url` and keeps what a projector can show: the status, the headers and the start of the body.
 * @example const { status, body } = await fetchSample("http://127.0.0.1:41234/05-add-header");
 */
export async function fetchSample(url: string): Promise<Sample> {
  // No deadline for the answer: the demo listens already, and a busy laptop is only slow.
  const response = await fetch(url, { redirect: "manual" });
  const headers = [...response.headers].map(([name, value]): [string, string] => [name, value]);
  const status = `${response.status} ${response.statusText}`;
  return { url, status, headers, body: await startOfBody(response) };
}

/**
 * The body, up to `KEEP_BODY` characters. A demo that streams without end shows what came
 * before it went quiet for a while: the clock only ever shortens the sample.
 */
async function startOfBody(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (reader === undefined) return "";
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < KEEP_BODY) {
      const next = await untilQuiet(reader.read());
      if (next === "quiet") return `${text}\n(… it is still streaming)`;
      if (next.done) break;
      text += decoder.decode(next.value, { stream: true });
    }
  } catch (error) {
    return `${text}(the body broke off: ${error instanceof Error ? error.message : String(error)})`;
  } finally {
    reader.cancel().catch(() => {});
  }
  return text.slice(0, KEEP_BODY);
}

/** What `read` gives, or "quiet" when nothing came for `QUIET_MS`. */
async function untilQuiet<T>(read: Promise<T>): Promise<T | "quiet"> {
  let timer: NodeJS.Timeout | undefined;
  const quiet = new Promise<"quiet">((resolve) => {
    timer = setTimeout(() => resolve("quiet"), QUIET_MS);
  });
  try {
    return await Promise.race([read, quiet]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The npm script's command, from the copy's package.json, as a program and its arguments.
 * Scripts that start programs are `node --import tsx FILE`: node is this Node.
 */
function scriptCommand(root: string, script: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const words = pkg.scripts?.[script]?.split(/\s+/) ?? [];
  if (words[0] !== "node") {
    throw new Error(
      `npm run ${script} is not a node command in package.json: "${words.join(" ")}"`,
    );
  }
  return [process.execPath, ...words.slice(1)];
}

/** Asks the demo to stop (SIGTERM: the demos close their port and exit), then kills it if it lingers. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill();
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  running.delete(child);
}

function track(child: ChildProcess): void {
  running.add(child);
  child.once("close", () => running.delete(child));
  if (exitHookSet) return;
  exitHookSet = true;
  // On the way out there is no time to wait: ask each demo still running to stop.
  process.once("exit", () => {
    for (const each of running) each.kill();
  });
}
