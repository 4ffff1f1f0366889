/**
 * A test runner served to the other programs of the same checkout.
 *
 * A learner often has `npm run learn` in one terminal and the workshop home
 * (`npm start`) in another. Each starting its own Vitest would put two fleets
 * of test threads on a laptop that has two cores; so the first program that
 * needs a runner serves it, and the others send it their runs
 * (shared-runner.ts decides who). It is a gateway app like any other in
 * this workshop, served on 127.0.0.1 only:
 *
 *   GET  /runner   who this is: { service, root, tree, pid, runs }
 *   POST /run      { "tests": [...], "trace"?: true } -> one JSON line per event, as it happens:
 *                  {"test", "outcome"} for each file, {"busy": true}, {"traces": [...]}
 *                  when asked (the gateway's traces of the run), then {"done": true}
 *                  (or {"error": "..."} when the run itself failed)
 *
 * Only this machine's programs may run tests here. A run must carry the
 * `X-Learn-Runner` header, which a web page cannot send without asking
 * first (CORS), and name this address in `Host` (a page on another site
 * that points its own name at 127.0.0.1 sends that name); so no page open
 * in the learner's browser can make this service run anything. And it runs
 * only the checkout's own test files (`.test.ts` files under `test/`), never
 * a file put somewhere else.
 *
 * @example
 * const server = await serve(runnerService({ runner, root, tree, runs: 0 }), { port: 0 });
 */
import path from "node:path";
import { collect, decode, encode } from "../../gateway/bytes.ts";
import type { TraceData } from "../../gateway/trace/events.ts";
import type { App, Chunk, Environ, StartResponse } from "../../gateway/types.ts";
import { isInside } from "./outcome.ts";
import { streamRun } from "./run-stream.ts";
import type { ExerciseRunner, TestOutcome } from "./run-test.ts";

/** What `GET /runner` answers: enough to tell our runner from anything else on the port. */
export interface RunnerIdentity {
  readonly service: typeof SERVICE;
  readonly root: string;
  readonly tree: string;
  readonly pid: number;
  /** How many runs it has served, its own and others'. */
  readonly runs: number;
}

/** One line of a run's answer. */
export type RunLine =
  | { readonly test: string; readonly outcome: TestOutcome }
  | { readonly busy: true }
  | { readonly traces: TraceData[] }
  | { readonly done: true }
  | { readonly error: string };

/** The name in every identity; the header a run must carry. */
export const SERVICE = "gateway-learn-runner";
export const RUN_HEADER = "X-Learn-Runner";

/** The service's state: its runner, whose it is, and how many runs it has served. */
export interface ServiceState {
  readonly runner: ExerciseRunner;
  readonly root: string;
  readonly tree: string;
  runs: number;
}

/**
 * The gateway app that serves `state.runner`.
 *
 * @example
 * const state = { runner, root, tree, runs: 0 };
 * await serve(runnerService(state), { port: 29123 });
 */
export function runnerService(state: ServiceState): App {
  return async function runnerApp(environ, startResponse) {
    const route = `${environ.REQUEST_METHOD} ${environ.PATH_INFO}`;
    if (route === "GET /runner") return json(startResponse, "200 OK", identity(state));
    if (route !== "POST /run")
      return json(startResponse, "404 Not Found", { error: "no such route" });
    if (environ.HTTP_X_LEARN_RUNNER === undefined || !fromThisMachine(environ)) {
      const error = `runs need the ${RUN_HEADER} header, sent to 127.0.0.1`;
      return json(startResponse, "403 Forbidden", { error });
    }
    const request = parseRun(decode(await collect(environ["gateway.input"], { limit: 64 * 1024 })));
    const tests = request?.tests;
    if (tests === undefined || !tests.every((test) => isTestOf(state.root, test))) {
      const error =
        'send {"tests": [...], "trace"?: true}, test files of this checkout: "test/....test.ts"';
      return json(startResponse, "400 Bad Request", { error });
    }
    startResponse("200 OK", [["Content-Type", "application/x-ndjson"]]);
    return runLines(state, tests, request?.trace === true);
  };
}

/** Who this service is: { service: "gateway-learn-runner", root, tree, pid, runs }. */
function identity(state: ServiceState): RunnerIdentity {
  const { root, tree, runs } = state;
  return { service: SERVICE, root, tree, pid: process.pid, runs };
}

/** The run's events as JSON lines, each sent as it happens. */
async function* runLines(
  state: ServiceState,
  tests: string[],
  traced: boolean,
): AsyncGenerator<Chunk> {
  state.runs++;
  try {
    for await (const event of streamRun(state.runner, tests, traced)) {
      const line: RunLine = "done" in event ? { done: true } : event;
      yield encode(`${JSON.stringify(line)}\n`);
    }
  } catch (error) {
    const line: RunLine = { error: error instanceof Error ? error.message : String(error) };
    yield encode(`${JSON.stringify(line)}\n`);
  }
}

/** True when the request names this address: a browser sends the name of the site it thinks it is on. */
function fromThisMachine(environ: Environ): boolean {
  return environ.HTTP_HOST === `127.0.0.1:${environ.SERVER_PORT}`;
}

/** True for a test file inside the checkout's `test/` folder. */
function isTestOf(root: string, test: string): boolean {
  return test.endsWith(".test.ts") && isInside(path.join(root, "test"), path.resolve(root, test));
}

/** The run asked for: its tests, and whether to trace it. */
function parseRun(text: string): { tests: string[]; trace: boolean } | undefined {
  try {
    const { tests, trace } = JSON.parse(text) as { tests?: unknown; trace?: unknown };
    const valid = Array.isArray(tests) && tests.every((test) => typeof test === "string");
    return valid ? { tests: tests as string[], trace: trace === true } : undefined;
  } catch {
    return undefined;
  }
}

function json(startResponse: StartResponse, status: string, value: unknown): Chunk[] {
  const body = encode(`${JSON.stringify(value)}\n`);
  startResponse(status, [
    ["Content-Type", "application/json"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
}
