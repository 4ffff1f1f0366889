import { describe, expect, it } from "vitest";
import type { DemoState } from "../../../workshop/instructor/presentation.ts";
import { demoPart } from "../../../workshop/instructor/presenter-page.ts";

const running = {
  state: "running" as const,
  command: "npm run demo -- 5 exercise",
  sample: {
    url: "http://127.0.0.1:41234/05-add-header",
    status: "200 OK",
    headers: [["content-type", "text/plain; charset=utf-8"]],
    body: "Hello World!\n",
  },
} satisfies Omit<DemoState & { state: "running" }, "tracePage">;

describe("the presenter's demo part", () => {
  it("has no trace link for a demo with no gateway to trace", () => {
    const part = String(demoPart({ ...running, tracePage: undefined }));
    expect(part).toContain("Hello World!");
    expect(part).not.toContain("trace page");
  });

  it("links to the running demo's trace page beside what it answers", () => {
    const part = String(demoPart({ ...running, tracePage: "http://127.0.0.1:41240/trace" }));
    expect(part).toContain('<a href="http://127.0.0.1:41234/05-add-header"');
    expect(part).toContain(
      '<a href="http://127.0.0.1:41240/trace" target="_blank" rel="noopener">the demo\'s trace page</a>',
    );
  });
});
