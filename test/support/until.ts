/**
 * Waiting for something a test can only look at, not be told of (a screen's
 * text, a list that fills), however busy the machine.
 *
 * It counts looks, not seconds: each look waits at least 5 ms, so giving up
 * takes 100 s or more, however slow the machine. A looked-for thing that
 * never comes then fails with its name, well before the tests' own timeout.
 *
 * @example
 * await until(() => screen.text.endsWith("q quit\n"), "the first screen");
 */
import { setTimeout as sleep } from "node:timers/promises";

/** How many times `until` looks before it gives up. */
const LOOKS = 20_000;

/** Resolves once `condition()` holds; rejects, naming `what`, when it never does. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let looks = 0; looks < LOOKS; looks++) {
    if (condition()) return;
    await sleep(5);
  }
  throw new Error(`gave up waiting for ${what}`);
}
