import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveHome, liveHome } from "../../support/live-home.ts";

let live: LiveHome;
let token: string;

beforeAll(async () => {
  live = await liveHome();
  token = await live.token();
});
afterAll(() => live.close());

describe("the instructor's mode, when nothing is presented", () => {
  it("tells a page whose presentation has ended to reload, and show the start button", async () => {
    const response = await live.client.get("/instructor/01-greet/events");
    expect(response.statusCode).toBe(200);
    expect(response.header("Content-Type")).toContain("text/event-stream");
    expect(response.text).toContain("event: reload\n");
    const page = await live.client.get("/instructor/01-greet");
    expect(page.text).toContain("Start presenting");
  });

  it("refuses a step, saying to start the presentation again", async () => {
    const response = await live.client.post("/instructor/01-greet/step", {
      form: { csrf: token, step: "1" },
    });
    expect(response.statusCode).toBe(409);
    expect(response.text).toContain("01-greet is not being presented");
  });
});
