/**
 * The errors the `gateway` command reports as one line.
 *
 * A learner who mistypes a path should read one sentence that says what is
 * wrong and what to do, not a stack trace. Code that finds such a mistake
 * throws a `CliError`; `main` prints its message after `gateway: ` and
 * exits with its code. Any other error is a bug (or the app's own error)
 * and is printed whole.
 *
 * @example
 * throw new CliError("cannot find app.ts (looked in /home/me/app.ts). Check the path.");
 */

/** A mistake the user can fix: printed as one line, exit code 1. */
export class CliError extends Error {
  readonly exitCode: number = 1;
}

/** A command line the CLI does not understand: printed with the usage, exit code 2. */
export class UsageError extends CliError {
  override readonly exitCode: number = 2;
}
