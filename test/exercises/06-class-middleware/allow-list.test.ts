/**
 * Exercise 06-allow-list: a class middleware with options that refuses unknown addresses.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { caught, exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("06-class-middleware", "Exercise: an allow-list");

const AllowList = await exerciseExport<
  new (
    app: App,
    options: { allow: string[] },
  ) => { app: App }
>("06-class-middleware/allow-list.ts", "AllowList", "class", section);

/** A hello app that remembers whether it was called. */
function helloApp(): { app: App; calls: number } {
  const seen = { app: undefined as unknown as App, calls: 0 };
  seen.app = (_environ, startResponse) => {
    seen.calls += 1;
    startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
    return [encode("Hello World!\n")];
  };
  return seen;
}

function clientFor(app: App, allow: string[]): TestClient {
  return new TestClient(new AllowList(app, { allow }).app);
}

describe("AllowList", () => {
  it("lets a request from an allowed address through to the app", async () => {
    const hello = helloApp();
    const response = await clientFor(hello.app, ["10.0.0.1", "127.0.0.1"]).get("/", {
      environ: { REMOTE_ADDR: "127.0.0.1" },
    });
    expect(response.status, `127.0.0.1 is in the list: call the app; ${section.see}`).toBe(
      "200 OK",
    );
    expect(response.text, `the app's answer must go out unchanged; ${section.see}`).toBe(
      "Hello World!\n",
    );
  });

  it("answers 403 to any other address, without calling the app", async () => {
    const hello = helloApp();
    const response = await clientFor(hello.app, ["127.0.0.1"]).get("/", {
      environ: { REMOTE_ADDR: "10.0.0.9" },
    });
    expect(
      response.status,
      `10.0.0.9 is not in the list: answer "403 Forbidden" yourself${caught(response)}; ${section.see}`,
    ).toBe("403 Forbidden");
    expect(
      hello.calls,
      `a refused request must not reach the app: return your 403 answer instead of calling it; ${section.see}`,
    ).toBe(0);
    expect(response.header("Content-Type"), `the 403 answer is plain text; ${section.see}`).toBe(
      "text/plain; charset=utf-8",
    );
    expect(response.text, `the 403 body must say which address was refused; ${section.see}`).toBe(
      "Forbidden: 10.0.0.9 may not use this app.\n",
    );
  });

  it("reads its list from the options", async () => {
    const hello = helloApp();
    const client = clientFor(hello.app, ["192.168.1.5"]);
    const allowed = await client.get("/", { environ: { REMOTE_ADDR: "192.168.1.5" } });
    const refused = await client.get("/", { environ: { REMOTE_ADDR: "127.0.0.1" } });
    expect(
      [allowed.statusCode, refused.statusCode],
      `with allow: ["192.168.1.5"], that address gets 200 and 127.0.0.1 gets 403; ${section.see}`,
    ).toEqual([200, 403]);
  });
});
