/**
 * The validator: middleware that checks both sides keep to PEP 3333.
 *
 * Put it between a server and an app while you develop, as cpython's
 * `wsgiref.validate` does for WSGI. It changes nothing in the request or
 * the response; it checks what the server passes in (the environ, the
 * input and error streams, how it reads the body) and what the app does
 * (how it calls startResponse, its status and headers, its body), and
 * throws a `ValidationError` that names the broken rule, the PEP 3333
 * section, a hint, and the lesson section to read. The checklist is in
 * `rules.ts`.
 *
 * The test client wraps every app in it by default.
 *
 * @example
 * import { validator } from "../gateway/validator/index.ts";
 * await serve(validator(app), { port: 8003 });
 */
import type { App, Body, Environ, StartResponse } from "../types.ts";
import { checkBodyFinished, WatchedBody, watchBody } from "./body.ts";
import { checkEnviron } from "./environ-checks.ts";
import { ResponseRecord } from "./response-record.ts";
import { checkStartResponse } from "./start-response-checks.ts";
import { watchErrors, watchInput, watchWrite } from "./streams.ts";
import { fail } from "./validation-error.ts";

export { RULES, type Rule, type RuleId } from "./rules.ts";
export { ValidationError } from "./validation-error.ts";

/** The bodies handed out per environ, so `checkFinished` can look at them after the request. */
const bodies = new WeakMap<Environ, WatchedBody[]>();

/**
 * Wraps an app in the validator.
 * @example const checked = validator(app); // an App, like the one it wraps
 */
export function validator(app: App): App {
  if (typeof app !== "function") {
    throw new TypeError(
      `validator() takes an app function, not ${typeof app}: did you call the app instead of passing it?`,
    );
  }
  return function validated(...args: unknown[]): Body | Promise<Body> {
    checkAppArguments(args);
    const [environ, startResponse] = args;
    checkEnviron(environ);
    environ["gateway.input"] = watchInput(environ["gateway.input"]);
    environ["gateway.errors"] = watchErrors(environ["gateway.errors"]);
    const record = new ResponseRecord(environ.REQUEST_METHOD);
    const result = app(environ, watchStartResponse(startResponse, record));
    const watch = (body: unknown) => remember(environ, watchBody(body, record));
    return result instanceof Promise ? result.then(watch) : watch(result);
  };
}

/**
 * Checks, after a request, that the server finished every body the
 * validator handed out for it (rule `body-finished`). Servers cannot be
 * watched doing nothing, so whoever drives one (the test client, a test)
 * calls this once the response is over.
 * @example await runCycle(validator(app), environ, sink); checkFinished(environ);
 */
export function checkFinished(environ: Environ): void {
  for (const body of bodies.get(environ) ?? []) checkBodyFinished(body);
}

/** Wraps startResponse: each call is checked and recorded, and its write() is watched. */
function watchStartResponse(startResponse: StartResponse, record: ResponseRecord): StartResponse {
  return (...args: unknown[]) => {
    const code = checkStartResponse(args, record.started);
    const [status, headers, excInfo] = args as Parameters<StartResponse>;
    record.start(code, headers);
    return watchWrite(startResponse(status, headers, excInfo), record);
  };
}

/** Rule `app-arguments`. */
function checkAppArguments(args: unknown[]): asserts args is [unknown, StartResponse] {
  if (args.length !== 2 || typeof args[1] !== "function") {
    fail("app-arguments", `${args.length} arguments, the second one a ${typeof args[1]}`);
  }
}

/** Keeps a watched body for `checkFinished`; arrays need no finishing. */
function remember(environ: Environ, body: Body): Body {
  if (body instanceof WatchedBody) bodies.set(environ, [...(bodies.get(environ) ?? []), body]);
  return body;
}
