/**
 * Watching a call that may answer now or later: an app returns a body or a
 * promise of one, an iterator's step is a result or a promise of one. A
 * trace point records the outcome either way, and hands on the same kind
 * of answer it got, so tracing changes nothing its caller sees.
 *
 * @example
 * return settle(() => app(environ, startResponse), recordReturn, recordError);
 */

/**
 * Runs `work`, then `done` with its result, or `failed` with its error
 * (which is thrown on): at once for a sync step, when it settles for an
 * async one. The caller gets the same kind of result as without tracing.
 * @example return settle(() => inner.next(), recordStep, recordError);
 */
export function settle(
  work: () => unknown,
  done: (result: unknown) => unknown,
  failed: (error: unknown) => void,
): unknown {
  let result: unknown;
  try {
    result = work();
  } catch (error) {
    failed(error);
    throw error;
  }
  if (!(result instanceof Promise)) return done(result);
  return result.then(done, (error: unknown) => {
    failed(error);
    throw error;
  });
}
