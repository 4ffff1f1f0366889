/**
 * Which lane the running code belongs to.
 *
 * A trace point has to know who called it: the server, or the traced layer
 * around it. Middleware may copy the environ, wrap startResponse, or call
 * the inner app later, in a step of its body; none of that tells. Node's
 * `AsyncLocalStorage` does: a trace point runs its layer, and each step of
 * the layer's body, inside `inLane`, and whatever that code calls (through
 * every `await`) sees the lane in `currentLane()`. The debugger finds its
 * request the same way (debugger/request-scope.ts).
 *
 * @example
 * const body = inLane({ trace, lane: 2 }, () => app(environ, startResponse));
 * currentLane(); // inside: { trace, lane: 2 }; outside any traced request: undefined
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Trace } from "./trace.ts";

/** A request's trace, and the lane whose code is running. */
export interface LaneContext {
  readonly trace: Trace;
  readonly lane: number;
}

const lanes = new AsyncLocalStorage<LaneContext>();

/**
 * Runs `work` as the code of `context`'s lane.
 * @example inLane({ trace, lane }, () => iterator.next());
 */
export function inLane<T>(context: LaneContext, work: () => T): T {
  return lanes.run(context, work);
}

/**
 * The lane of the running code; undefined outside any traced request.
 * @example const caller = currentLane()?.lane ?? SERVER;
 */
export function currentLane(): LaneContext | undefined {
  return lanes.getStore();
}
