/**
 * The `gateway` command line: `gateway COMMAND ARGS...`.
 *
 * `bin/gateway.js` loads TypeScript support and calls `main` with the
 * arguments. `main` finds the command and runs it. A mistake the user can
 * fix (a `CliError`) is printed as one line and sets the exit code: 2 for a
 * command line it does not understand (with the usage), 1 otherwise. Any
 * other error is left to Node, which prints it whole with its stack.
 *
 * @example
 * await main(["serve", "lessons/03-gateway-app/app.ts", "--port", "8003"]);
 */
import { CliError, UsageError } from "./cli-error.ts";
import { findCommand, usage } from "./commands.ts";

/**
 * Runs the command `argv` names (the arguments after `gateway`).
 * Resolves once a server listens, or once a one-shot command is done.
 * @example await main(["cgi", "app.ts"]);
 */
export async function main(argv: string[]): Promise<void> {
  try {
    await dispatch(argv);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`gateway: ${error.message}`);
    if (error instanceof UsageError) console.error(`\n${usage()}`);
    process.exitCode = error.exitCode;
  }
}

async function dispatch(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (name === undefined) throw new UsageError("name a command.");
  if (name === "help" || argv.includes("--help") || argv.includes("-h")) {
    console.log(usage());
    return;
  }
  await findCommand(name).run(args);
}
