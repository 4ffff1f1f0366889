/**
 * ValidationError: what the validator throws when a rule is broken.
 *
 * Its message says what went wrong in the words of the checklist
 * (`rules.ts`), what the validator saw, how to fix it, and where the
 * workshop explains it. `rule` holds the rule's id, for tests and tools.
 *
 * @example
 * try {
 *   await client.get("/");
 * } catch (error) {
 *   if (error instanceof ValidationError) console.log(error.rule); // "header-name"
 * }
 */
import { inspect } from "node:util";
import type { ErrorStream } from "../types.ts";
import { RULES, type RuleId } from "./rules.ts";

/** A broken rule of PEP 3333, found by the validator. */
export class ValidationError extends Error {
  override name = "ValidationError";
  /** The id of the broken rule, a key of `RULES`. */
  readonly rule: RuleId;

  /** `got` says what the validator saw, like `header "X Bad"`. */
  constructor(rule: RuleId, got: string) {
    super(explain("failed", rule, got));
    this.rule = rule;
  }
}

/** Throws the `ValidationError` for `rule`. */
export function fail(rule: RuleId, got: string): never {
  throw new ValidationError(rule, got);
}

/** Reports a rule that is only advice: the request goes on. */
export function warn(errors: ErrorStream, rule: RuleId, got: string): void {
  errors.write(`${explain("warning", rule, got)}\n`);
}

/** The message for a rule, in the same shape for failures and warnings. */
function explain(kind: "failed" | "warning", rule: RuleId, got: string): string {
  const { must, section, hint, lesson, heading } = RULES[rule];
  return (
    `Validation ${kind}: ${must} (PEP 3333, "${section}"). Got ${got}. ` +
    `Hint: ${hint}. Read: lessons/${lesson}/README.md, "${heading}".`
  );
}

/**
 * Shows a value the way a learner would write it: strings in double quotes
 * with CR and LF visible, anything else as Node prints it, kept short.
 * @example show("X Bad\r\n"); // '"X Bad\\r\\n"'
 */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  return inspect(value, { depth: 1, breakLength: Number.POSITIVE_INFINITY, maxArrayLength: 4 });
}
