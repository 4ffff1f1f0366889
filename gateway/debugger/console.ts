/**
 * The console: running an expression in a frame, after the fact.
 *
 * The frame itself is long gone by the time you type; what is left is the
 * scopes capture.ts kept of it (and of its module's top-level names),
 * holding the same objects. The expression becomes the body of a new
 * function whose parameters are named after those variables, called with
 * their values and with the frame's `this`: inside it, `user.name` reads
 * the very `user` the failing code held. (`with (locals) { ... }` would look simpler, but it is forbidden in
 * strict code and slows every lookup; parameters are plain JavaScript.)
 *
 * A variable the frame had not reached yet (capture.ts's `UNAVAILABLE`, on
 * Node 22 and later) is declared after your code instead, with `let`: reading
 * it throws "Cannot access 'total' before initialization", as it would have
 * in the frame at the throw, rather than handing you a placeholder.
 *
 * It is an `async` function, so `await` works and a promise is awaited for
 * its value. It is JavaScript, not TypeScript: no type annotations.
 * Assigning to a variable changes the function's copy only; changing an
 * object changes the real object, which the app may still be using.
 *
 * This is running any code, in the server's process, with its rights:
 * which is why guard.ts stands in front of it.
 *
 * @example
 * await evaluate("user.name.toUpperCase()", { user: { name: "Ada" } });
 * // { ok: true, text: '"ADA"' }
 */
import vm from "node:vm";
import { type Locals, UNAVAILABLE } from "./capture.ts";
import { LONG, preview } from "./preview.ts";

/** What the console shows: a preview of the value, or of what was thrown. */
export interface ConsoleAnswer {
  readonly ok: boolean;
  readonly text: string;
}

type AsyncFunctionConstructor = new (
  ...parametersAndBody: string[]
) => (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = (async () => {}).constructor as AsyncFunctionConstructor;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Neither a promise that never settles nor a loop that never ends may hold the server forever. */
const TIMEOUT_MS = 5_000;

/**
 * Runs `expression` (or, if it is not one, a block of statements) with the
 * frame's variables in scope, and previews the result.
 * @example await evaluate("await fetchUser(id)", frame.locals);
 */
export async function evaluate(
  expression: string,
  locals: Locals,
  timeoutMs = TIMEOUT_MS,
): Promise<ConsoleAnswer> {
  const names = Object.keys(locals).filter((name) => name !== "this" && IDENTIFIER.test(name));
  const unavailable = names.filter((name) => locals[name] === UNAVAILABLE);
  const available = names.filter((name) => locals[name] !== UNAVAILABLE);
  try {
    const run = compile(expression, available, unavailable);
    const args = available.map((name) => locals[name]);
    const value = await withTimeout(
      startBounded(() => run.apply(locals.this, args), timeoutMs),
      timeoutMs,
    );
    return { ok: true, text: preview(value, LONG) };
  } catch (error) {
    return { ok: false, text: preview(error, LONG) };
  }
}

/**
 * `a.b + 1` is returned; `let x = 1; x + 1` is not an expression, so it runs
 * as statements. Either runs in a block, before the `let` of the unavailable
 * names: that is their dead zone.
 */
function compile(
  expression: string,
  names: string[],
  unavailable: string[],
): (...args: unknown[]) => Promise<unknown> {
  const deadZone = unavailable.length > 0 ? `\nlet ${unavailable.join(", ")};` : "";
  try {
    return new AsyncFunction(...names, `{ return (${expression}\n); }${deadZone}`);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return new AsyncFunction(...names, `{ ${expression}\n}${deadZone}`);
  }
}

/**
 * Starts the code, and stops it if it runs on without a pause: the server
 * has one thread, so `while (true) {}` typed in the console would hang every
 * request, the debugger's included. `vm` can interrupt running JavaScript
 * (a watchdog thread stops it when the time is up); what the code does
 * after its first `await` is beyond its reach.
 */
function startBounded(start: () => Promise<unknown>, timeoutMs: number): Promise<unknown> {
  return vm.runInNewContext("start()", { start }, { timeout: timeoutMs });
}

async function withTimeout(running: Promise<unknown>, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer after ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
