/**
 * What the interactive debugger costs: per throw, and per request.
 *
 * Lesson 10 quotes these numbers. Each is the median of several rounds,
 * measured in this one process (the debugger debugs the process it runs
 * in). The first line runs before any debugger exists, since an
 * inspector session, once open, stays open for the life of the process.
 *
 * - a throw: a throw and catch, three frames deep, with a few locals each;
 * - a paused throw with nothing to keep: `throw 0` has no identity to file a
 *   capture under, so this is the cost of the pause alone;
 * - a captured throw: the pause, plus keeping the locals of each frame of
 *   your code on the stack (the line says how many);
 * - a request: an app that answers, through the test client, with and
 *   without the debugger around it (pausing is switched on and off per request);
 * - a failing request: capture, report and the text page, end to end.
 *
 * @example
 * // node --import tsx bench/debugger-cost.ts
 */
import os from "node:os";
import { encode } from "../gateway/bytes.ts";
import { startCapturing, takeCapture } from "../gateway/debugger/capture.ts";
import { interactiveDebugger } from "../gateway/debugger/index.ts";
import { startPausing } from "../gateway/debugger/session.ts";
import { TestClient } from "../gateway/test-client.ts";
import type { App } from "../gateway/types.ts";

const ROUNDS = 7;

function innermost(size: number): never {
  const detail = { size, tags: ["a", "b"] };
  throw new Error(`failed at ${detail.size}`);
}

function middle(name: string): never {
  const label = `item ${name}`;
  return innermost(label.length);
}

function throwAndCatch(): unknown {
  const started = Date.now();
  try {
    return middle(String(started));
  } catch (error) {
    return error;
  }
}

function throwNothingToKeep(): void {
  try {
    throw 0;
  } catch {}
}

const answers: App = (_environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [encode("ok")];
};

const fails: App = () => middle("request");

/** Microseconds per call of `run`: the median of ROUNDS rounds of `count` calls. */
async function perCall(count: number, run: () => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await run();
    rounds.push(Number(process.hrtime.bigint() - started) / 1000 / count);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? Number.NaN;
}

function show(label: string, microseconds: number): void {
  const value =
    microseconds >= 1000
      ? `${(microseconds / 1000).toFixed(2)} ms`
      : `${microseconds.toFixed(1)} µs`;
  console.log(`${label.padEnd(58)}${value.padStart(10)}`);
}

console.log(
  `Debugger costs, median of ${ROUNDS} rounds; node ${process.version}, ${os.cpus().length} cores`,
);
console.log(
  `load average ${os.loadavg()[0]?.toFixed(2) ?? "n/a"}: other work on the machine makes every number noisier\n`,
);

show("throw, no debugger in the process", await perCall(20_000, throwAndCatch));
const plain = new TestClient(answers, { validate: false });
show("request, no debugger", await perCall(2_000, () => plain.get("/")));

startCapturing();
show("throw, debugger enabled, no request running", await perCall(20_000, throwAndCatch));
const stop = startPausing();
show("throw while pausing, nothing to keep (throw 0)", await perCall(1_000, throwNothingToKeep));
const kept = takeCapture(throwAndCatch())?.frames.filter((frame) => frame.locals !== undefined);
show(
  `throw while pausing, captured (${kept?.length} frames of locals)`,
  await perCall(500, throwAndCatch),
);
stop();

const silent = { print: () => {} };
const debugged = new TestClient(interactiveDebugger({ enabled: true, ...silent })(answers), {
  validate: false,
});
show(
  "request through the debugger (pausing on, then off)",
  await perCall(2_000, () => debugged.get("/")),
);
const failing = new TestClient(interactiveDebugger({ enabled: true, ...silent })(fails), {
  validate: false,
});
show("failing request: capture, report and text page", await perCall(200, () => failing.get("/")));
