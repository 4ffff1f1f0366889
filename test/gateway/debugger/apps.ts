/**
 * Apps that fail on purpose, for the debugger's tests.
 *
 * A line a test looks for ends in a `line:` comment naming it, and
 * `lineOf(name)` finds its number, so no test hard-codes a line. Values
 * that only ever live in local variables come from `localValue()`, which
 * remembers them: a test can then look for each one in an answer, and know
 * it could only have come from a frame's locals.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { encode } from "../../../gateway/bytes.ts";
import { type DebuggerOptions, interactiveDebugger } from "../../../gateway/debugger/index.ts";
import { httpErrors } from "../../../gateway/kit/http-error-middleware.ts";
import { seeOther } from "../../../gateway/kit/redirects.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Chunk, Environ, StartResponse } from "../../../gateway/types.ts";

/** Every value `localValue()` made, oldest first. */
export const localValues: string[] = [];

/** A fresh value, held only in a local of the app that asked for it. */
function localValue(): string {
  const value = `local-${randomUUID()}`;
  localValues.push(value);
  return value;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/**
 * The number of the line of this file whose comment names `name`.
 * @example lineOf("sync-throw"); // 52
 */
export function lineOf(name: string): number {
  const lines = readFileSync(new URL(import.meta.url), "utf8").split(/\r?\n/);
  const index = lines.findIndex((line) => line.endsWith(`// line: ${name}`));
  if (index === -1) throw new Error(`apps.ts has no line marked ${name}`);
  return index + 1;
}

/** Runs `app` under an enabled debugger in the test client; `secret` is what it printed. */
export function debugged(app: App, options: Partial<DebuggerOptions> = {}) {
  const printed: string[] = [];
  const wrapped = interactiveDebugger({
    enabled: true,
    print: (text) => printed.push(text),
    ...options,
  })(app);
  const secret = /Debugger secret: (\S+)/.exec(printed.join("\n"))?.[1] ?? "";
  return { client: new TestClient(wrapped), secret, printed };
}

interface Order {
  id: number;
  token: string;
}

/** Throws two frames below the app; `order` and `limit` are locals. */
export const syncThrow: App = (environ) => {
  const order: Order = { id: 7, token: localValue() };
  return checkOrder(order, environ.PATH_INFO);
};

function checkOrder(order: Order, path: string): Chunk[] {
  const limit = { most: 5, note: localValue() };
  if (order.id > limit.most) throw new RangeError(`order ${order.id} at ${path} is over the limit`); // line: sync-throw
  return [];
}

/** Throws from the call whose result the caller's `const total` waits for: `total` is in its dead zone. */
export const deadZone: App = () => {
  const note = localValue();
  const total = addUp(note);
  return [encode(`${total}\n`)];
};

function addUp(note: string): number {
  throw new Error(`cannot add up ${note.length} characters`); // line: dead-zone-throw
}

/** Throws after an await, from a function its caller is awaiting. */
export const asyncThrow: App = async () => {
  const waiting = localValue();
  await loadThenFail(waiting.length);
  return [];
};

async function loadThenFail(size: number): Promise<void> {
  const before = localValue();
  await tick();
  const after = { before, size, later: localValue() };
  if (after.size > 0) throw new Error("thrown after an await"); // line: async-throw
}

/** A TypeError from reading a property of undefined. */
export const typeError: App = (_environ, startResponse) => {
  const settings = JSON.parse('{"theme": {}}') as { theme: { colors: { main: string } } };
  const owner = localValue();
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [encode(`${owner}: ${settings.theme.colors.main}`)]; // line: type-error
};

/** A streamed body that fails in its first step, before any bytes went out. */
export async function* failsBeforeFirstChunk(_environ: Environ, startResponse: StartResponse) {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  const step = localValue();
  await tick();
  if (step !== "") throw new Error("failed before the first chunk"); // line: before-first-chunk
  yield encode("never sent");
}

/** A streamed body that fails after its first chunk went out. */
export async function* failsMidStream(_environ: Environ, startResponse: StartResponse) {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  yield encode("first part\n");
  const row = localValue();
  if (row !== "") throw new Error("failed mid-stream"); // line: mid-stream
}

/** Sends bytes through the legacy write(), then fails: too late for a page. */
export const failsAfterWrite: App = async (_environ, startResponse) => {
  const write = startResponse("200 OK", [["Content-Type", "text/plain"]]);
  await write(encode("written\n"));
  throw new Error("failed after write()");
};

/** A redirect thrown and answered inside the app (by the kit's httpErrors): not an error. */
export const handledRedirect: App = httpErrors()(() => {
  throw seeOther("/elsewhere");
});

/** Catches its own error, and answers well. */
export const handledError: App = (_environ, startResponse) => {
  try {
    JSON.parse("{not json");
  } catch {
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
  }
  return [encode("fine\n")];
};

/** An app whose failing frame has a `this`. */
export class Greeter {
  constructor(readonly greeting: string) {}

  readonly app: App = () => {
    const name = localValue();
    throw new Error(`${this.greeting} cannot greet ${name.length} characters`); // line: method-throw
  };
}

/** Has a local named like a top-level export: esbuild renames it (`syncThrow2`) in the code it runs. */
export const shadows: App = () => {
  const syncThrow = localValue();
  throw new Error(`shadowed: ${syncThrow.length}`); // line: shadow-throw
};

/** Rethrows the error it caught, as error middleware often does. */
export const rethrows: App = (environ, startResponse) => {
  try {
    return syncThrow(environ, startResponse);
  } catch (error) {
    const rethrower = localValue();
    if (rethrower) throw error;
    return [];
  }
};

/** One error object, thrown again and again, as some libraries do (an abort reason, say). */
const sharedError = new Error("thrown from a shared object");

/** `/handled` throws the shared error and catches it; any other path lets it reach the debugger. */
export const reusesAnError: App = (environ, startResponse) => {
  if (environ.PATH_INFO === "/handled") {
    const handledHere = localValue();
    try {
      throw sharedError;
    } catch {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode(`handled ${handledHere.length}\n`)];
    }
  }
  const failedHere = localValue();
  if (failedHere) throw sharedError; // line: shared-throw
  return [];
};
