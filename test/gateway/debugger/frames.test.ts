import { describe, expect, it } from "vitest";
import type { Capture, CapturedFrame } from "../../../gateway/debugger/capture.ts";
import { framesOf } from "../../../gateway/debugger/frames.ts";

function captured(functionName: string, url: string, line: number): CapturedFrame {
  // 0-based, as the inspector counts; no script behind it, so no source map.
  return {
    functionName,
    scriptId: "none",
    url,
    line: line - 1,
    column: 0,
    locals: undefined,
    moduleScope: undefined,
  };
}

const STACK = [
  "Error: we do not ship to Atlantis",
  "    at checkout (/shop/order.ts:22:27)",
  "    at async order (/shop/order.ts:28:20)",
  "    at async runDebugged (/shop/debugger.ts:84:12)",
].join("\n");

describe("framesOf", () => {
  it("puts the functions awaiting a resumed one right after it, and Node's task queue below them", () => {
    const capture: Capture = {
      frames: [
        captured("checkout", "file:///shop/order.ts", 22),
        captured("runNextTicks", "node:internal/process/task_queues", 60),
        captured("processTicksAndRejections", "node:internal/process/task_queues", 103),
      ],
    };
    const frames = framesOf(STACK, capture).map((frame) => `${frame.kind} ${frame.functionName}`);
    expect(frames).toEqual([
      "live checkout",
      "async order",
      "async runDebugged",
      "live runNextTicks",
      "live processTicksAndRejections",
    ]);
  });

  it("keeps the live frames in their order when nothing was awaited", () => {
    const capture: Capture = {
      frames: [
        captured("priceOf", "file:///shop/cart.ts", 9),
        captured("cart", "file:///shop/cart.ts", 15),
        captured("emit", "node:events", 519),
      ],
    };
    const stack = [
      "Error: no price",
      "    at priceOf (/shop/cart.ts:9:3)",
      "    at cart (/shop/cart.ts:15:5)",
      "    at emit (node:events:519:28)",
    ].join("\n");
    const frames = framesOf(stack, capture).map((frame) => frame.functionName);
    expect(frames).toEqual(["priceOf", "cart", "emit"]);
  });
});
