/**
 * Exercise 09-count-visits: a visit counter kept in a signed session cookie.
 */
import { describe, expect, it } from "vitest";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("09-reuse", "Exercise: count visits");
const visits = await exerciseExport<App>("09-reuse/count-visits.ts", "visits", "function", section);

/** The number in "Visit number N.", for each of `times` requests from one browser. */
async function counts(client: TestClient, times: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < times; i++) {
    const response = await client.get("/");
    seen.push(/Visit number (\d+)\./.exec(response.text)?.[1] ?? response.text);
  }
  return seen;
}

describe("visits", () => {
  it("counts one browser's visits: 1, 2, 3", async () => {
    expect(
      await counts(new TestClient(visits), 3),
      `each visit must add one to the count kept in the session: read it with sessionOf(environ).get("visits"), set it back, and wrap the app in sessions({ keys: KEYS }); ${section.see}`,
    ).toEqual(["1", "2", "3"]);
  });

  it("keeps the count in an HttpOnly session cookie", async () => {
    const response = await new TestClient(visits).get("/");
    const cookie = response.header("Set-Cookie") ?? "";
    expect(
      cookie,
      `the answer must set the session cookie: wrap countVisits in sessions({ keys: KEYS }), export that as visits, and set("visits", ...) in the session (an unchanged session sends no cookie); ${section.see}`,
    ).toMatch(/^session=.*HttpOnly/);
  });

  it("counts each browser on its own", async () => {
    const first = new TestClient(visits);
    await counts(first, 2);
    expect(
      await counts(new TestClient(visits), 1),
      `a new browser, with no cookie, must start at 1: keep the count in the session, not in a variable of the module; ${section.see}`,
    ).toEqual(["1"]);
    expect(await counts(first, 1), `the first browser must go on counting; ${section.see}`).toEqual(
      ["3"],
    );
  });

  it("starts over when the cookie was changed by hand", async () => {
    const client = new TestClient(visits);
    await counts(client, 2);
    const cookie = client.cookies?.get("session") ?? "";
    client.cookies?.set("session", `x${cookie}`);
    expect(
      await counts(client, 1),
      `a cookie that does not carry a valid signature must count as no session: use sessions() from the kit, which checks it; ${section.see}`,
    ).toEqual(["1"]);
  });
});
