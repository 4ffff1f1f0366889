/**
 * Lesson 12's demos as a learner runs them: `npm run demo -- 12 NAME`
 * (test/support/demo-process.ts, with the lesson number put first).
 */
import {
  type FinishedDemo,
  type RunningDemo,
  runDemoToEnd as runToEnd,
  startDemo as start,
} from "../../support/demo-process.ts";

/** Starts `npm run demo -- 12 ...args`, resolving once it printed "Press Ctrl-C to stop.". */
export function startDemo(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningDemo> {
  return start(["12", ...args], env);
}

/** Runs `npm run demo -- 12 ...args`, expected to stop on its own, and what it printed. */
export function runDemoToEnd(args: string[], env: NodeJS.ProcessEnv = {}): Promise<FinishedDemo> {
  return runToEnd(["12", ...args], env);
}
