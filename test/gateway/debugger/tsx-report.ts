/**
 * Run by source-lines.test.ts under `node --import tsx`, as the lesson's demo
 * runs: fails some of the test apps and prints what their reports say as
 * JSON, so the test can check the lines and names that tsx's source maps give.
 */
import { asyncThrow, debugged, shadows, syncThrow, typeError } from "./apps.ts";

const found: Record<string, unknown> = {};
for (const [name, app] of Object.entries({ syncThrow, asyncThrow, typeError, shadows })) {
  const { client, secret } = debugged(app);
  await client.get("/");
  const headers = { Accept: "application/json", "X-Debugger-Secret": secret };
  const report = (await client.get("/__debugger__/errors/1", { headers })).json() as {
    frames: Array<{
      function: string;
      file: string;
      line: number;
      kind: string;
      locals: object | null;
    }>;
  };
  const console = await client.post("/__debugger__/errors/1/frames/0/console", {
    headers,
    json: { expression: "[typeof syncThrow, typeof lineOf]" },
  });
  found[name] = {
    frames: report.frames
      .slice(0, 2)
      .map((frame) => ({ ...frame, locals: Object.keys(frame.locals ?? {}) })),
    console: console.json(),
  };
}
console.log(JSON.stringify(found));
