import { describe, expect, it } from "vitest";
import { demoPart } from "../../../workshop/instructor/presenter-page.ts";

describe("the presenter's demo part", () => {
  it("links to the running demo's trace page beside what it answers", () => {
    const part = String(
      demoPart({
        state: "running",
        command: "npm run demo -- 5 exercise",
        sample: {
          url: "http://127.0.0.1:41234/05-add-header",
          status: "200 OK",
          headers: [["content-type", "text/plain; charset=utf-8"]],
          body: "Hello World!\n",
        },
        tracePage: "http://127.0.0.1:41240/trace",
      }),
    );
    expect(part).toContain('<a href="http://127.0.0.1:41234/05-add-header"');
    expect(part).toContain(
      '<a href="http://127.0.0.1:41240/trace" target="_blank" rel="noopener">the demo\'s trace page</a>',
    );
  });
});
