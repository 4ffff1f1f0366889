/**
 * An app that waits for something that never comes (a database that
 * hangs, a slow upstream), watching `gateway.signal`: for the tests that
 * each server aborts the signal when its client goes away, or it stops.
 * `waiting` resolves once the app holds the signal; `aborted` once the
 * signal has aborted, with its reason.
 *
 * @example
 * const { app, waiting, aborted } = waitingApp();
 * // ... start a server with app, send a request, await waiting.promise, cut the connection ...
 * expect(await aborted).toBeInstanceOf(ClientGone);
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";
import { signal } from "./signal.ts";

/**
 * The app, and what it has seen.
 * @example const { app, waiting, aborted } = waitingApp();
 */
export function waitingApp(): {
  app: App;
  waiting: ReturnType<typeof signal>;
  aborted: Promise<unknown>;
} {
  const waiting = signal();
  let reportAbort: (reason: unknown) => void = () => {};
  const aborted = new Promise<unknown>((resolve) => {
    reportAbort = resolve;
  });
  const app: App = async (environ, startResponse) => {
    const cutOff = environ["gateway.signal"];
    const gone = new Promise((resolve) => cutOff.addEventListener("abort", resolve));
    waiting.resolve();
    await gone;
    reportAbort(cutOff.reason);
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [encode("nobody reads this")];
  };
  return { app, waiting, aborted };
}
