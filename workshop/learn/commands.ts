/**
 * The commands of `npm run learn`: watch (the default), `list`, `check`, and the learner's
 * operations `hint`, `solution`, `reset`, `catch-up` and `restore` (operation-commands.ts).
 *
 * Streams and the repository are parameters, so tests run every command
 * without a terminal, against a fixture repository. Only the watch mode
 * reads input: every other command works in scripts and CI, and never asks
 * a question (`solution ID 2` shows step 2; nothing waits for a key). The
 * watch mode needs keys, so with no terminal it explains what to run
 * instead and exits (never hangs). Tests run on the checkout's shared
 * runner (shared-runner.ts): a second `learn`, or the workshop home, uses
 * the first one's.
 *
 * @example
 * const code = await learn(["check", "05-add-header"], {
 *   input: process.stdin, output: process.stdout, errors: process.stderr, env: process.env });
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Exercise } from "../manifest.ts";
import { loadManifest } from "../manifest-check.ts";
import type { Context, LearnIO } from "./command-context.ts";
import { busyNotice, exerciseOf, say, sayingBusy, withRunner } from "./command-context.ts";
import {
  catchUpTo,
  resetFile,
  restoreBackup,
  showHint,
  showSolution,
} from "./operation-commands.ts";
import { OperationError } from "./operation-error.ts";
import { checkExercises, checkInOrder } from "./progress.ts";
import { createPaint, renderCheck, renderListEnd, renderRow } from "./render.ts";
import type { ExerciseRunner } from "./run-test.ts";
import { watchExercises } from "./watch.ts";

export type { LearnIO } from "./command-context.ts";

/** The workshop's root: this file sits in `<root>/workshop/learn/`. */
const workshopRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The help text, printed on `--help` and after a usage mistake.
 *
 * @example
 * process.stdout.write(usage);
 */
export const usage = `Usage: npm run learn [-- COMMAND] [--root DIR] [--tree DIR]

Commands:
  (none)           watch starter/: show the current exercise, rerun its test on every save
  list             every exercise with its status, and your progress
  check ID         check one exercise (exit code 0 when solved, 1 when not)
  hint ID [N]      hint N of the exercise's ladder (the first when N is left out)
  solution ID [N]  the steps of the reference solution; with N, step N: the lines to change
  reset ID         put the exercise's file back as shipped (yours is kept in data/learn-backups/)
  catch-up ID      give every earlier exercise that does not pass its reference solution
                   (solved ones are left alone, yours are kept): join the class at ID
  restore BACKUP   put back the files a reset or a catch-up kept (it prints the BACKUP name)
  watch            the watch mode even without a terminal (keys are read from stdin)

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

/** A command: how many arguments it takes after its name, and what it does with them. */
interface Command {
  readonly takes: readonly [min: number, max: number];
  readonly run: (context: Context, args: readonly string[]) => Promise<number>;
}

const commands: Record<string, Command> = {
  "": { takes: [0, 0], run: (context) => watchIfTerminal(context) },
  watch: {
    takes: [0, 0],
    run: (context) => withRunner(context, (runner) => watch(runner, context)),
  },
  list: { takes: [0, 0], run: (context) => withRunner(context, (runner) => list(runner, context)) },
  check: { takes: [1, 1], run: (context, [id]) => check(context, exerciseOf(context, id)) },
  hint: { takes: [1, 2], run: (context, [id, n]) => showHint(context, exerciseOf(context, id), n) },
  solution: {
    takes: [1, 2],
    run: (context, [id, n]) => showSolution(context, exerciseOf(context, id), n),
  },
  reset: { takes: [1, 1], run: (context, [id]) => resetFile(context, exerciseOf(context, id)) },
  "catch-up": {
    takes: [1, 1],
    run: (context, [id]) => catchUpTo(context, exerciseOf(context, id)),
  },
  restore: { takes: [1, 1], run: (context, [id]) => restoreBackup(context, id as string) },
};

/**
 * Runs one `npm run learn` command and returns the process exit code
 * (0 done or solved, 1 not solved or not possible, 2 a usage mistake).
 *
 * @example
 * process.exitCode = await learn(process.argv.slice(2), { ...streams, env: process.env });
 */
export async function learn(args: readonly string[], io: LearnIO): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (error) {
    return say(io.errors, `${messageOf(error)}\n\n${usage}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) return say(io.output, usage, 0);
  const [name = "", ...rest] = positionals;
  const command = commands[name];
  if (command === undefined) return say(io.errors, `Unknown command "${name}".\n\n${usage}`, 2);
  const [min, max] = command.takes;
  if (rest.length < min) return say(io.errors, `${missingArgument(name)}\n`, 2);
  if (rest.length > max) return say(io.errors, `Too many arguments.\n\n${usage}`, 2);
  const root = path.resolve(values.root ?? workshopRoot);
  let exercises: readonly Exercise[];
  try {
    exercises = await loadManifest(root);
  } catch (error) {
    return say(io.errors, `Cannot read the exercise list of ${root}: ${messageOf(error)}\n`, 2);
  }
  if (exercises.length === 0) {
    return say(io.output, "No exercises yet: workshop/manifest.ts lists none.\n", 0);
  }
  const paint = createPaint(io.output.isTTY === true && !io.env.NO_COLOR);
  const tree = path.resolve(root, values.tree ?? "starter");
  return runCommand(command, rest, { io, root, tree, exercises, paint }, name);
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

/** Runs the command; a refusal (unknown id, no git, no solutions/) is one sentence, never a stack. */
async function runCommand(
  command: Command,
  args: readonly string[],
  context: Context,
  name: string,
): Promise<number> {
  try {
    return await command.run(context, args);
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    const code = error.reason === "no-such-exercise" ? 2 : 1;
    return say(context.io.errors, `npm run learn -- ${name}: ${error.message}\n`, code);
  }
}

function watchIfTerminal(context: Context): Promise<number> {
  if (context.io.input.isTTY !== true)
    return Promise.resolve(say(context.io.output, noTerminal, 0));
  return withRunner(context, (runner) => watch(runner, context));
}

/** Prints the rows as their tests finish, in order, then the progress. */
async function list(runner: ExerciseRunner, context: Context): Promise<number> {
  const { exercises, io, paint } = context;
  const results = new Map();
  let current: string | undefined;
  for await (const checked of checkInOrder(runner, exercises)) {
    if ("busy" in checked) {
      io.errors.write(busyNotice);
      continue;
    }
    const { exercise, outcome } = checked;
    results.set(exercise.id, outcome);
    if (!outcome.passed) current ??= exercise.id;
    io.output.write(renderRow(exercise, outcome, { paint, current, width: idWidth(exercises) }));
  }
  io.output.write(renderListEnd(exercises, results, paint));
  return 0;
}

function check(context: Context, exercise: Exercise): Promise<number> {
  const { io, paint } = context;
  return withRunner(context, async (runner) => {
    const outcomes = await checkExercises(sayingBusy(runner, io), [exercise]);
    const outcome = outcomes.get(exercise.id);
    if (outcome === undefined) throw new Error(`the test of ${exercise.id} did not run`);
    io.output.write(renderCheck(exercise, outcome, paint));
    return outcome.passed ? 0 : 1;
  });
}

async function watch(runner: ExerciseRunner, context: Context): Promise<number> {
  const { io, root, tree, exercises, paint } = context;
  const interrupted = new AbortController();
  const onInterrupt = () => interrupted.abort();
  io.interrupts?.once("SIGINT", onInterrupt);
  try {
    await watchExercises({
      root,
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

function idWidth(list: readonly Exercise[]): number {
  return Math.max(0, ...list.map((exercise) => exercise.id.length));
}

function missingArgument(command: string): string {
  return command === "restore"
    ? "restore needs the name of a backup (reset and catch-up print it): " +
        "npm run learn -- restore 2026-12-07T10-15-30.123Z"
    : `${command} needs an exercise id: npm run learn -- ${command} 05-add-header`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
