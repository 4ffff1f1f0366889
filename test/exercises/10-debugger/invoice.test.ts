/**
 * Exercise 10-fix-the-invoice: find a bug with the debugger, then fix it.
 */
import { describe, expect, it } from "vitest";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("10-debugger", "Exercise: fix the invoice");
const invoice = await exerciseExport<App>("10-debugger/invoice.ts", "invoice", "function", section);
const debugHint =
  "run it under the debugger (npm run demo -- 10 exercise) and read the failing frame's locals";

describe("the invoice", () => {
  it("answers 200 OK instead of failing", async () => {
    const response = await new TestClient(invoice).get("/");
    expect(
      response.status,
      `the invoice fails: ${debugHint}; ${section.see}\n${response.errors}`,
    ).toBe("200 OK");
  });

  it("lists every line of the order, and the total", async () => {
    const response = await new TestClient(invoice).get("/");
    const expected = ["Tea x2         9.00", "Mug x1         9.00", "Total         18.00", ""].join(
      "\n",
    );
    expect(response.text, `the invoice must show both lines and the total; ${section.see}`).toBe(
      expected,
    );
  });
});
