/**
 * An app that streams for ever, for the tests of what a server does when a
 * response is cut short (the client leaves, the server stops, the web server
 * aborts): the only way its body ends is that the server finishes it, and
 * `finished` resolves when its `finally` ran, and `ran()` says whether it has.
 *
 * @example
 * const { app, finished } = endlessApp();
 * // ... start a server with app, cut the response ...
 * await finished.promise;
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";
import { signal } from "./signal.ts";

/**
 * An app that sends "tick" after "tick", letting the event loop turn between two.
 * @example const { app, finished } = endlessApp();
 */
export function endlessApp(): {
  app: App;
  finished: ReturnType<typeof signal>;
  ran: () => boolean;
} {
  const finished = signal();
  let ran = false;
  const app: App = async function* (_environ, startResponse) {
    try {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      for (;;) {
        yield encode("tick");
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      ran = true;
      finished.resolve();
    }
  };
  return { app, finished, ran: () => ran };
}
