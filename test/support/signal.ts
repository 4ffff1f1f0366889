/**
 * A promise and the function that resolves it, for tests that decide when
 * an app goes on (no timers, no waiting on the clock).
 *
 * @example
 * const goOn = signal();
 * const app: App = async function* (_environ, startResponse) { ...; await goOn.promise; ... };
 * goOn.resolve();
 */
export function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
