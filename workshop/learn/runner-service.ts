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
 *   POST /run      { "tests": [...] } -> one JSON line per event, as it happens:
 *                  {"test", "outcome"} for each file, {"busy": true}, then {"done": true}
 *                  (or {"error": "..."} when the run itself failed)
 *
 * A run must carry the `X-Learn-Runner` header: a web page cannot send one
 * without asking first (CORS), so no page open in the learner's browser can
 * make this service run anything.
 *
 * @example
 * const server = await serve(runnerService(runner, { root, tree }), { port: 0 });
 */
import { collect, decode, encode } from "../../gateway/bytes.ts";
import type { App, Chunk, StartResponse } from "../../gateway/types.ts";
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
 * await serve(runnerService(state), { port: 47123 });
 */
export function runnerService(state: ServiceState): App {
  return async function runnerApp(environ, startResponse) {
    const route = `${environ.REQUEST_METHOD} ${environ.PATH_INFO}`;
    if (route === "GET /runner") return json(startResponse, "200 OK", identity(state));
    if (route !== "POST /run")
      return json(startResponse, "404 Not Found", { error: "no such route" });
    if (environ.HTTP_X_LEARN_RUNNER === undefined) {
      return json(startResponse, "403 Forbidden", { error: `runs need the ${RUN_HEADER} header` });
    }
    const tests = parseTests(decode(await collect(environ["gateway.input"], { limit: 64 * 1024 })));
    if (tests === undefined) {
      return json(startResponse, "400 Bad Request", { error: 'send {"tests": ["test/..."]}' });
    }
    startResponse("200 OK", [["Content-Type", "application/x-ndjson"]]);
    return runLines(state, tests);
  };
}

/**
 * Who this service is.
 *
 * @example
 * identity(state); // { service: "gateway-learn-runner", root, tree, pid: 4242, runs: 3 }
 */
export function identity(state: ServiceState): RunnerIdentity {
  const { root, tree, runs } = state;
  return { service: SERVICE, root, tree, pid: process.pid, runs };
}

/** The run's events as JSON lines, each sent as it happens. */
async function* runLines(state: ServiceState, tests: string[]): AsyncGenerator<Chunk> {
  state.runs++;
  try {
    for await (const event of streamRun(state.runner, tests)) {
      const line: RunLine = "done" in event ? { done: true } : event;
      yield encode(`${JSON.stringify(line)}\n`);
    }
  } catch (error) {
    const line: RunLine = { error: error instanceof Error ? error.message : String(error) };
    yield encode(`${JSON.stringify(line)}\n`);
  }
}

function parseTests(text: string): string[] | undefined {
  try {
    const { tests } = JSON.parse(text) as { tests?: unknown };
    const valid = Array.isArray(tests) && tests.every((test) => typeof test === "string");
    return valid ? (tests as string[]) : undefined;
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
