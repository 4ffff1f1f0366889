/**
 * What a `gateway` command is, and how it reads its arguments.
 *
 * Each command (`serve`, `cgi`, `cgi-host`, ...) lives in its own file under
 * `commands/` and is listed once in `commands.ts`. A command takes exactly
 * one operand (a file or a folder) and some `--options`, which it reads
 * with `node:util`'s `parseArgs` through `parseCommand` below.
 *
 * @example
 * const { operand, values } = parseCommand(["app.ts", "--port", "8003"], "FILE", listenOptions);
 * // operand "app.ts", values.port "8003"
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./cli-error.ts";

/** One word after `gateway`, and what it does. */
export interface Command {
  name: string;
  /** The arguments after the name, as the usage shows them. */
  synopsis: string;
  /** One line saying what the command does. */
  summary: string;
  /** Runs the command with the arguments after its name. */
  run(args: string[]): Promise<void>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Reads one operand and the given options; anything else is a `UsageError`.
 * `operand` names it in messages ("FILE[:EXPORT] is missing.").
 * @example parseCommand(["app.ts:hello", "--validate"], "FILE", { validate: { type: "boolean" } });
 */
export function parseCommand<T extends Options>(args: string[], operand: string, options: T) {
  const { values, positionals } = readArgs(args, options);
  const [first, ...extra] = positionals;
  if (first === undefined) throw new UsageError(`${operand} is missing.`);
  if (extra.length > 0) throw new UsageError(`one ${operand} only, but "${extra[0]}" follows it.`);
  return { operand: first, values };
}

/**
 * `parseArgs` with positionals allowed, its errors turned into `UsageError`s.
 * @example readArgs(["--port", "8080"], listenOptions).values.port; // "8080"
 */
export function readArgs<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true });
  } catch (error) {
    // parseArgs reports unknown options and missing values as TypeErrors
    // with a code; they are the user's mistakes, not bugs.
    if ((error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      throw new UsageError((error as Error).message);
    }
    throw error;
  }
}
