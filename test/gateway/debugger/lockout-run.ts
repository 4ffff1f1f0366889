/**
 * Run by lockout.test.ts in a Node process of its own: the lock lasts as long
 * as the process, and test files share theirs (vitest.config.ts), so a lock
 * made in the test's own process would refuse every debugger test after it.
 * Tries wrong secrets until the lock, then the right one, and prints what
 * each answer was as JSON.
 */
import { MAX_WRONG_SECRETS } from "../../../gateway/debugger/guard.ts";
import { debugged, syncThrow } from "./apps.ts";

const { client, secret } = debugged(syncThrow);
await client.get("/");
const guesses: number[] = [];
for (let i = 0; i < MAX_WRONG_SECRETS; i++) {
  const guess = await client.get("/__debugger__/errors/1", {
    headers: { "X-Debugger-Secret": `guess-${i}` },
  });
  guesses.push(guess.statusCode);
}
const withSecret = { "X-Debugger-Secret": secret };
const page = await client.get("/__debugger__/errors/1", { headers: withSecret });
const console = await client.post("/__debugger__/errors/1/frames/0/console", {
  headers: withSecret,
  json: { expression: "1 + 1" },
});
const another = debugged(syncThrow);
await another.client.get("/");
const refused = await another.client.get("/__debugger__/errors/1", { headers: withSecret });

process.stdout.write(
  JSON.stringify({
    guesses,
    page: { status: page.statusCode, text: page.text },
    console: console.statusCode,
    sameSecret: another.secret === secret,
    another: refused.statusCode,
  }),
);
