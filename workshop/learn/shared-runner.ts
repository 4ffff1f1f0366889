/**
 * One test runner per checkout, shared by every program that checks exercises.
 *
 * The first program that needs to run a test (the watch mode, `list`,
 * `check`, the workshop home) becomes the host: it starts Vitest and serves
 * it on 127.0.0.1 (runner-service.ts). The others find the host and send it
 * their runs. No lock file says who the host is, since a lock file outlives
 * a crash: the host is whoever holds the checkout's port, and the operating
 * system frees a port the moment its program ends, on Windows, macOS and
 * Linux alike. The port comes from the checkout's path (a few candidates, in
 * case another program holds one), and the host's `GET /runner` says which
 * checkout it serves.
 *
 * When the host leaves (its learner quit the watch mode), the next run of
 * any other program finds the port free and takes over: a run cut short by
 * the host leaving is sent again, for the tests it had not finished.
 *
 * @example
 * const runner = sharedRunner(root, path.join(root, "starter"));
 * const outcomes = await runner.run(["test/exercises/05-function-middleware/add-header.test.ts"]);
 * await runner.close(); // a host finishes the runs under way, then stops
 */
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import path from "node:path";
import { type RunningServer, serve } from "../../gateway/http-server.ts";
import type { ExerciseRunner, RunEvents, RunnerOptions, TestOutcome } from "./run-test.ts";
import { createRunner } from "./run-test.ts";
import {
  RUN_HEADER,
  type RunLine,
  type RunnerIdentity,
  runnerService,
  SERVICE,
  type ServiceState,
} from "./runner-service.ts";

/** A shared runner, which can tell where its runs go. */
export interface SharedRunner extends ExerciseRunner {
  /** Where the runs go: "here" (this program hosts) or the host's identity. */
  host(): Promise<"here" | RunnerIdentity>;
}

/**
 * Where the checkouts' ports lie, and how many candidates each has. Below the ports systems hand
 * out for outgoing connections (Linux from 32768, macOS and Windows from 49152): one of those,
 * in use as a connection's own port, would hold a candidate for as long as it lives.
 */
const FIRST_PORT = 29_100;
const PORTS = 800;
const CANDIDATES = 6;
/**
 * A run cut short is sent again to the same host this many times before the runner gives up.
 * A host that left counts against itself only: several programs checking at once take turns
 * as host, each leaving when its own run is done, and that churn is no reason to give up.
 */
const ATTEMPTS = 4;

/**
 * The runner of `tree` for the checkout at `root`: hosted here or elsewhere, found on first use.
 *
 * @example
 * const runner = sharedRunner("/home/me/workshop", "/home/me/workshop/starter");
 */
export function sharedRunner(
  root: string,
  tree: string,
  options: RunnerOptions = {},
): SharedRunner {
  return new Shared(canonical(root), canonical(tree), options);
}

/** Where this program's runs go right now. */
type Route = { readonly hosting: Hosting } | { readonly url: string; readonly who: RunnerIdentity };

interface Hosting {
  readonly state: ServiceState;
  readonly server: RunningServer | undefined;
}

class Shared implements SharedRunner {
  readonly #root: string;
  readonly #tree: string;
  readonly #options: RunnerOptions;
  #route: Promise<Route> | undefined;
  #closed = false;

  constructor(root: string, tree: string, options: RunnerOptions) {
    this.#root = root;
    this.#tree = tree;
    this.#options = options;
  }

  async run(tests: readonly string[], events: RunEvents = {}): Promise<Map<string, TestOutcome>> {
    if (this.#closed) throw new Error("the runner is closed");
    // A run of nothing (a page listing no exercises) needs no runner: none is found or started.
    if (tests.length === 0) return new Map();
    const outcomes = new Map<string, TestOutcome>();
    const heard: RunEvents = {
      onOutcome: (test, outcome) => {
        outcomes.set(test, outcome);
        events.onOutcome?.(test, outcome);
      },
      ...(events.onBusy && { onBusy: events.onBusy }),
      ...(events.onTraces && { onTraces: events.onTraces }),
    };
    const failures = new Map<number, number>(); // by the host's pid
    for (;;) {
      const left = tests.filter((test) => !outcomes.has(test));
      const route = await this.#findRoute();
      try {
        if ("hosting" in route) await runHere(route.hosting.state, left, heard);
        else await runThere(route.url, left, heard);
        return new Map(tests.map((test) => [test, outcomes.get(test) as TestOutcome]));
      } catch (error) {
        // The host left (or never answered): find the runner again, and send what is left.
        if ("hosting" in route) throw error;
        const failed = (failures.get(route.who.pid) ?? 0) + 1;
        if (failed === ATTEMPTS) throw error;
        failures.set(route.who.pid, failed);
        this.#route = undefined;
      }
    }
  }

  async host(): Promise<"here" | RunnerIdentity> {
    const route = await this.#findRoute();
    return "hosting" in route ? "here" : route.who;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const route = await this.#route?.catch(() => undefined);
    if (route === undefined || !("hosting" in route)) return;
    // Others' runs under way are cut short: they find the port free, and send what is left
    // to a host of their own.
    await route.hosting.server?.close();
    await route.hosting.state.runner.close();
  }

  #findRoute(): Promise<Route> {
    this.#route ??= this.#discover();
    const found = this.#route;
    found.catch(() => {
      if (this.#route === found) this.#route = undefined;
    });
    return found;
  }

  /** The first candidate port that is ours or free decides; all taken by others: host unshared. */
  async #discover(): Promise<Route> {
    for (const port of candidatePorts(this.#root, this.#tree)) {
      for (;;) {
        const found = await whoIsAt(port);
        if (found === "someone else") break;
        if (found !== "nobody") {
          if (found.root === this.#root && found.tree === this.#tree) {
            return { url: `http://127.0.0.1:${port}/`, who: found };
          }
          break;
        }
        const hosting = await this.#hostAt(port);
        if (hosting !== undefined) return { hosting };
        // Another program took the port between our look and our try: look again.
      }
    }
    return { hosting: { state: this.#state(), server: undefined } };
  }

  /** Starts serving a runner on `port`; undefined when the port was taken meanwhile. */
  async #hostAt(port: number): Promise<Hosting | undefined> {
    const state = this.#state();
    try {
      const server = await serve(runnerService(state), { host: "127.0.0.1", port });
      return { state, server };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") return undefined;
      throw error;
    }
  }

  /** A host's state; its Vitest starts with the first run, so taking the port costs nothing. */
  #state(): ServiceState {
    const start = () => createRunner(this.#root, this.#tree, this.#options);
    return { runner: lazyRunner(start), root: this.#root, tree: this.#tree, runs: 0 };
  }
}

/** A runner that starts on its first run; a start that failed is tried again on the next. */
function lazyRunner(start: () => Promise<ExerciseRunner>): ExerciseRunner {
  let started: Promise<ExerciseRunner> | undefined;
  return {
    async run(tests, events) {
      started ??= start();
      const starting = started;
      starting.catch(() => {
        if (started === starting) started = undefined;
      });
      return (await starting).run(tests, events);
    },
    async close() {
      await (await started?.catch(() => undefined))?.close();
    },
  };
}

/** A run of this program's own, on the runner it hosts. */
async function runHere(state: ServiceState, tests: readonly string[], events: RunEvents) {
  state.runs++;
  await state.runner.run(tests, events);
}

/**
 * Sends a run to the host at `url`, passing each line's event on as it comes.
 * Rejects when the answer ends before `done` (the host left).
 */
async function runThere(url: string, tests: readonly string[], events: RunEvents): Promise<void> {
  const response = await fetch(new URL("run", url), {
    method: "POST",
    headers: { "Content-Type": "application/json", [RUN_HEADER]: "1" },
    body: JSON.stringify({ tests, ...(events.onTraces && { trace: true }) }),
  });
  if (!response.ok || response.body === null) {
    throw new Error(`the shared test runner answered ${response.status}`);
  }
  let pending = "";
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (hear(JSON.parse(line) as RunLine, events)) return;
  }
  throw new Error("the shared test runner stopped in the middle of a run");
}

/** Passes one line's event on; true at the end of the run. */
function hear(line: RunLine, events: RunEvents): boolean {
  if ("test" in line) events.onOutcome?.(line.test, line.outcome);
  if ("busy" in line) events.onBusy?.();
  if ("traces" in line) events.onTraces?.(line.traces);
  if ("error" in line) throw new Error(line.error);
  return "done" in line;
}

/** What answers on the port: our runner (its identity), nobody, or someone else. */
async function whoIsAt(port: number): Promise<RunnerIdentity | "nobody" | "someone else"> {
  try {
    // No deadline of ours: a host on a busy machine may take long to answer, and giving up
    // would start a second runner beside it (a 15 s deadline did, at load 25). A stranger that
    // takes the connection and never answers is given up by fetch itself (5 minutes).
    const response = await fetch(`http://127.0.0.1:${port}/runner`);
    const body = (await response.json()) as Partial<RunnerIdentity>;
    return response.ok && body.service === SERVICE ? (body as RunnerIdentity) : "someone else";
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === "ECONNREFUSED" ? "nobody" : "someone else";
  }
}

/**
 * The ports a checkout's host may hold, the same for every program of that checkout.
 *
 * @example
 * candidatePorts("/home/me/workshop", "/home/me/workshop/starter"); // [29847, 29848, ...]
 */
export function candidatePorts(root: string, tree: string): number[] {
  const digest = createHash("sha256").update(`${root}\n${tree}`).digest();
  const first = digest.readUInt32BE(0) % PORTS;
  return Array.from({ length: CANDIDATES }, (_, i) => FIRST_PORT + ((first + i) % PORTS));
}

/** One spelling per folder: symbolic links resolved, and case folded where the system ignores it. */
function canonical(folder: string): string {
  let resolved = path.resolve(folder);
  try {
    resolved = realpathSync.native(resolved);
  } catch {
    // A folder that does not exist yet keeps its spelling; the run says what is missing.
  }
  return process.platform === "win32" ? resolved.toLowerCase() : resolved;
}
