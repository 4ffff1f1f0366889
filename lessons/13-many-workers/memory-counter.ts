/**
 * Lesson 06's counter, unchanged, to serve from several workers and watch
 * it count wrong: `npx gateway serve lessons/13-many-workers/memory-counter.ts --workers 2 --port 8013`.
 *
 * `SafeCounter` keeps its count in a field, safe from lesson 06's race
 * inside one process. Each worker process loads this file for itself, so
 * each has its own counter, and `curl` twice gets `visit 1` twice.
 */
import { SafeCounter } from "../06-class-middleware/race.ts";

// #region memory
export const app = new SafeCounter().app;
// #endregion memory
