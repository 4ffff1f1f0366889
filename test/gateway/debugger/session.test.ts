import { expect, it } from "vitest";
import { startCapturing } from "../../../gateway/debugger/capture.ts";
import { post, scriptById } from "../../../gateway/debugger/session.ts";

it("remembers no script without a URL (eval, new Function), so they cannot pile up", () => {
  startCapturing();
  post("Runtime.enable"); // compileScript needs it; this file runs in a process of its own
  const compile = (sourceURL: string) =>
    post<{ scriptId: string }>("Runtime.compileScript", {
      expression: "1 + 1",
      sourceURL,
      persistScript: true,
    }).scriptId;
  expect(scriptById(compile("file:///named.js"))?.url).toBe("file:///named.js");
  expect(scriptById(compile(""))).toBeUndefined();
});
