// In a file of its own: vitest gives each test file its own process, and the lock lasts as long as the process.
import { expect, it } from "vitest";
import { MAX_WRONG_SECRETS } from "../../../gateway/debugger/guard.ts";
import { debugged, syncThrow } from "./apps.ts";

it("locks locals and the console after too many wrong secrets, until the server restarts", async () => {
  const { client, secret } = debugged(syncThrow);
  await client.get("/");
  for (let i = 0; i < MAX_WRONG_SECRETS; i++) {
    const guess = await client.get("/__debugger__/errors/1", {
      headers: { "X-Debugger-Secret": `guess-${i}` },
    });
    expect(guess.statusCode).toBe(403);
  }
  const page = await client.get("/__debugger__/errors/1", {
    headers: { "X-Debugger-Secret": secret },
  });
  expect(page.statusCode).toBe(403);
  expect(page.text).toContain("locked");
  const console = await client.post("/__debugger__/errors/1/frames/0/console", {
    headers: { "X-Debugger-Secret": secret },
    json: { expression: "1 + 1" },
  });
  expect(console.statusCode).toBe(403);
  const another = debugged(syncThrow);
  expect(another.secret, "every debugger of the process shares the secret, and the lock").toBe(
    secret,
  );
  await another.client.get("/");
  const refused = await another.client.get("/__debugger__/errors/1", {
    headers: { "X-Debugger-Secret": secret },
  });
  expect(refused.statusCode).toBe(403);
});
