/**
 * Exercise 08-mid-stream: before the first byte a 500 via excInfo, after it a logged, cut response.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Middleware } from "../../../gateway/types.ts";
import { caught, exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("08-errors", "Exercise: an error in the middle of a stream");
const safeStream = await exerciseExport<Middleware>(
  "08-errors/mid-stream.ts",
  "safeStream",
  "function",
  section,
);

/** A streaming app that sends these lines, then fails with `failure`. */
function failingAfter(lines: string[], failure: Error): App {
  return async function* (_environ, startResponse) {
    startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
    for (const line of lines) yield encode(line);
    await Promise.resolve();
    throw failure;
  };
}

describe("safeStream", () => {
  it("answers 500 when the app fails before its first byte", async () => {
    const failure = new Error("disk read failed");
    const response = await new TestClient(safeStream(failingAfter([], failure))).get("/export");
    expect(
      response.status,
      `nothing was sent yet: call startResponse again, with the error as excInfo, to answer 500; ${section.see}`,
    ).toBe("500 Internal Server Error");
    expect(
      response.text,
      `the 500 body is "Internal Server Error\\n"${caught(response)}; ${section.see}`,
    ).toBe("Internal Server Error\n");
    expect(response.header("Content-Type"), `the 500 answer is plain text; ${section.see}`).toBe(
      "text/plain; charset=utf-8",
    );
    expect(
      response.errors,
      `log "safeStream: failed before the response started, answering 500" and the stack; ${section.see}`,
    ).toContain(`safeStream: failed before the response started, answering 500\n${failure.stack}`);
  });

  it("answers 500 when the app throws as it is called", async () => {
    const app: App = () => {
      throw new Error("no such export");
    };
    const response = await new TestClient(safeStream(app)).get("/export");
    expect(
      response.status,
      `an app that throws when called has sent nothing: answer 500 (call the app inside the try); ${section.see}`,
    ).toBe("500 Internal Server Error");
  });

  it("lets the server cut the response when the app fails after bytes went out, and logs how many", async () => {
    const failure = new Error("disk read failed");
    const app = safeStream(failingAfter(["line 1\n", "line 2\n"], failure));
    const response = await new TestClient(app).get("/export");
    expect(
      response.aborted,
      `after bytes went out, throw the error again so the server cuts the connection: a complete-looking half answer is the worst outcome; ${section.see}`,
    ).toBe(true);
    expect(response.status, `"200 OK" went out first and cannot change; ${section.see}`).toBe(
      "200 OK",
    );
    expect(
      response.text,
      `yield nothing after the error: the client must only get the lines sent before it; ${section.see}`,
    ).toBe("line 1\nline 2\n");
    expect(
      response.errors,
      `log "safeStream: failed after 14 bytes, cutting the response" and the stack: count the bytes of the chunks you pass on; ${section.see}`,
    ).toContain(`safeStream: failed after 14 bytes, cutting the response\n${failure.stack}`);
  });

  it("passes a working stream through chunk by chunk", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
      yield encode("a\n");
      yield encode("b\n");
    };
    const response = await new TestClient(safeStream(app)).get("/");
    expect(response.text, `a working stream must pass through; ${section.see}`).toBe("a\nb\n");
    expect(response.aborted, `a working stream must end normally; ${section.see}`).toBe(false);
  });
});
