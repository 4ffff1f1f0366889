/**
 * A run as a stream: each event of `runner.run` as it happens, for a `for await` loop.
 *
 * The runner reports through callbacks (an outcome, "the machine is busy");
 * a web page's body and a line-by-line answer are generators. This turns
 * the one into the other, so the progress page, `list` and the runner
 * service can each write a plain loop.
 *
 * @example
 * for await (const event of streamRun(runner, tests)) {
 *   if ("test" in event) console.log(event.test, event.outcome.passed);
 *   if ("busy" in event) console.log("still running (the machine is busy)");
 * }
 */
import { EventEmitter, on } from "node:events";
import type { TraceData } from "../../gateway/trace/events.ts";
import type { ExerciseRunner, TestOutcome } from "./run-test.ts";

/** One event of a run; the stream ends after `done` (or throws the run's error). */
export type RunEvent =
  | { readonly test: string; readonly outcome: TestOutcome }
  | { readonly busy: true }
  | { readonly traces: TraceData[] }
  | { readonly done: true; readonly outcomes: ReadonlyMap<string, TestOutcome> };

/**
 * Runs `tests` and yields each outcome, each busy notice, the traces when
 * `traced` (just before the end), and at last every outcome.
 * Leaving the loop early lets the run finish on its own.
 *
 * @example
 * for await (const event of streamRun(runner, ["test/exercises/01-basics/greet.test.ts"])) {}
 */
export async function* streamRun(
  runner: ExerciseRunner,
  tests: readonly string[],
  traced = false,
): AsyncGenerator<RunEvent> {
  const emitter = new EventEmitter();
  const events = on(emitter, "event", { close: ["end"] });
  const send = (event: RunEvent) => emitter.emit("event", event);
  const run = runner.run(tests, {
    onOutcome: (test, outcome) => send({ test, outcome }),
    onBusy: () => send({ busy: true }),
    ...(traced && { onTraces: (traces: TraceData[]) => send({ traces }) }),
  });
  run.then(
    (outcomes) => {
      send({ done: true, outcomes });
      emitter.emit("end");
    },
    // `on` throws an "error" event out of the loop below (if the loop is still there).
    (error: unknown) => emitter.listenerCount("error") > 0 && emitter.emit("error", error),
  );
  for await (const [event] of events) yield event as RunEvent;
}
