/**
 * Run by source-lines.test.ts under `node --import tsx`, as the lesson's demo
 * runs: fails two of the test apps and prints the top frames of their
 * reports as JSON, so the test can check the lines tsx's source maps give.
 */
import { asyncThrow, debugged, syncThrow, typeError } from "./apps.ts";

const found: Record<string, unknown> = {};
for (const [name, app] of Object.entries({ syncThrow, asyncThrow, typeError })) {
  const { client, secret } = debugged(app);
  await client.get("/");
  const headers = { Accept: "application/json", "X-Debugger-Secret": secret };
  const report = (await client.get("/__debugger__/errors/1", { headers })).json() as {
    frames: Array<{ function: string; file: string; line: number; kind: string }>;
  };
  found[name] = report.frames.slice(0, 2);
}
console.log(JSON.stringify(found));
