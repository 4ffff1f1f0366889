/**
 * Why one of the learner's operations (hint, solution, reset, catch-up, restore) did nothing.
 *
 * An operation that cannot be done changes nothing and throws this: a
 * sentence for the learner, and a `reason` a program can act on (the
 * terminal prints the sentence; a web page can pick a status from the
 * reason).
 *
 * @example
 * throw new OperationError("no-git", "this copy has no git history, so ...");
 */

/** What stood in the way. */
export type OperationFailure =
  | "no-such-exercise"
  | "no-such-step"
  | "no-reference"
  | "no-git"
  | "not-shipped"
  | "no-such-backup"
  | "tests-did-not-run";

/**
 * An operation refused, with nothing changed.
 *
 * @example
 * if (error instanceof OperationError && error.reason === "no-reference") answer404(error.message);
 */
export class OperationError extends Error {
  readonly reason: OperationFailure;

  constructor(reason: OperationFailure, message: string) {
    super(message);
    this.name = "OperationError";
    this.reason = reason;
  }
}
