/**
 * The commands of `npm run learn`: watch (the default), `list` and `check ID`.
 *
 * Streams and the repository are parameters, so tests run every command
 * without a terminal, against a fixture repository. `list` and `check` never
 * read input, so they work in scripts and CI; the watch mode needs keys, so
 * with no terminal it explains what to run instead and exits (never hangs).
 *
 * @example
 * const code = await learn(["check", "05-add-header"], {
 *   input: process.stdin, output: process.stdout, errors: process.stderr, env: process.env });
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Exercise } from "../manifest.ts";
import { findExercise } from "../manifest.ts";
import { loadManifest } from "../manifest-check.ts";
import { checkExercises } from "./progress.ts";
import type { Paint } from "./render.ts";
import { createPaint, renderCheck, renderList } from "./render.ts";
import type { ExerciseRunner } from "./run-test.ts";
import { createRunner } from "./run-test.ts";
import type { KeyInput } from "./watch.ts";
import { watchExercises } from "./watch.ts";

/** The workshop's root: this file sits in `<root>/workshop/learn/`. */
const workshopRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where `learn` reads and writes; `process` in the CLI, streams in tests. */
export interface LearnIO {
  readonly input: KeyInput;
  readonly output: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly errors: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where SIGINT comes from in the watch mode (the CLI passes `process`). */
  readonly interrupts?: {
    once(event: "SIGINT", listener: () => void): unknown;
    off(event: "SIGINT", listener: () => void): unknown;
  };
}

/**
 * The help text, printed on `--help` and after a usage mistake.
 *
 * @example
 * process.stdout.write(usage);
 */
export const usage = `Usage: npm run learn [-- COMMAND] [--root DIR] [--tree DIR]

Commands:
  (none)     watch starter/: show the current exercise, rerun its test on every save
  list       every exercise with its status, and your progress
  check ID   check one exercise without watching (exit code 0 when solved, 1 when not)
  watch      the watch mode even without a terminal (keys are read from stdin)

Options:
  --root DIR  the workshop to use (default: this one)
  --tree DIR  the tree to check, from the root (default: starter)
  --help      this text
`;

const noTerminal = `npm run learn watches your files and reads single keys, so it needs a terminal.
Without one, use:
  npm run learn -- list        every exercise with its status
  npm run learn -- check ID    check one exercise (exit code 0 when solved)
`;

interface Context {
  readonly io: LearnIO;
  readonly root: string;
  readonly tree: string;
  readonly exercises: readonly Exercise[];
  readonly paint: Paint;
}

/**
 * Runs one `npm run learn` command and returns the process exit code
 * (0 done or solved, 1 not solved, 2 a usage mistake).
 *
 * @example
 * process.exitCode = await learn(process.argv.slice(2), { ...streams, env: process.env });
 */
export async function learn(args: readonly string[], io: LearnIO): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (error) {
    io.errors.write(`${error instanceof Error ? error.message : error}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return say(io.output, usage, 0);
  const root = path.resolve(values.root ?? workshopRoot);
  let exercises: readonly Exercise[];
  try {
    exercises = await loadManifest(root);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return say(io.errors, `Cannot read the exercise list of ${root}: ${reason}\n`, 2);
  }
  if (exercises.length === 0) {
    return say(io.output, "No exercises yet: workshop/manifest.ts lists none.\n", 0);
  }
  const paint = createPaint(io.output.isTTY === true && !io.env.NO_COLOR);
  const tree = path.resolve(root, values.tree ?? "starter");
  const context: Context = { io, root, tree, exercises, paint };
  const [command = "", id, ...extra] = positionals;
  if (extra.length > 0 || (id !== undefined && command !== "check")) {
    return say(io.errors, `Too many arguments.\n\n${usage}`, 2);
  }
  return dispatch(command, id, context);
}

function parseCommandLine(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      root: { type: "string" },
      tree: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function dispatch(command: string, id: string | undefined, context: Context): Promise<number> {
  switch (command) {
    case "list":
      return withRunner(context, (runner) => list(runner, context));
    case "check":
      return check(id, context);
    case "watch":
      return withRunner(context, (runner) => watch(runner, context));
    case "":
      if (context.io.input.isTTY !== true) {
        return Promise.resolve(say(context.io.output, noTerminal, 0));
      }
      return withRunner(context, (runner) => watch(runner, context));
    default:
      return Promise.resolve(
        say(context.io.errors, `Unknown command "${command}".\n\n${usage}`, 2),
      );
  }
}

async function list(runner: ExerciseRunner, context: Context): Promise<number> {
  const { exercises, io, paint } = context;
  const results = await checkExercises(runner, exercises);
  const current = exercises.find((exercise) => results.get(exercise.id)?.passed !== true);
  io.output.write(
    renderList(exercises, results, { paint, ...(current && { current: current.id }) }),
  );
  return 0;
}

async function check(id: string | undefined, context: Context): Promise<number> {
  const { exercises, io, paint } = context;
  if (id === undefined) {
    return say(io.errors, "check needs an exercise id: npm run learn -- check 05-add-header\n", 2);
  }
  const exercise = findExercise(id, exercises);
  if (exercise === undefined) {
    return say(
      io.errors,
      `There is no exercise "${id}". npm run learn -- list shows them all.\n`,
      2,
    );
  }
  return withRunner(context, async (runner) => {
    const outcome = (await checkExercises(runner, [exercise])).get(exercise.id);
    if (outcome === undefined) throw new Error(`the test of ${exercise.id} did not run`);
    io.output.write(renderCheck(exercise, outcome, paint));
    return outcome.passed ? 0 : 1;
  });
}

async function watch(runner: ExerciseRunner, context: Context): Promise<number> {
  const { io, tree, exercises, paint } = context;
  const interrupted = new AbortController();
  const onInterrupt = () => interrupted.abort();
  io.interrupts?.once("SIGINT", onInterrupt);
  try {
    await watchExercises({
      exercises,
      runner,
      tree,
      input: io.input,
      output: io.output,
      paint,
      clearScreen: io.output.isTTY === true,
      signal: interrupted.signal,
    });
  } finally {
    io.interrupts?.off("SIGINT", onInterrupt);
  }
  return 0;
}

async function withRunner(
  context: Context,
  use: (runner: ExerciseRunner) => Promise<number>,
): Promise<number> {
  const runner = await createRunner(context.root, context.tree);
  try {
    return await use(runner);
  } finally {
    await runner.close();
  }
}

function say(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(text);
  return code;
}
