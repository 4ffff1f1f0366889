/** Exercise 02-cgi-response: a CGI response, written by hand. */
import { describe, expect, it } from "vitest";
import { exerciseExport, lessonSection } from "../load-exercise.ts";
import { metaVariables, parseCGI, type Respond } from "./cgi-output.ts";

const section = lessonSection("02-cgi-hello-world", "Exercise: write a CGI response by hand");
const file = "02-cgi-hello-world/hello-response.ts";

async function respondTo(method: string) {
  const respond = await exerciseExport<Respond>(file, "respond", "function", section);
  const output = respond(metaVariables({ REQUEST_METHOD: method }), "");
  return { output, answer: await parseCGI(output, section) };
}

describe("02-cgi-response", () => {
  it("answers GET with a Status: 200 OK line, the headers, and Hello World!", async () => {
    const { output, answer } = await respondTo("GET");
    expect(output, `start the output with the line "Status: 200 OK"; ${section.see}`).toMatch(
      /^Status: 200 OK\r?\n/,
    );
    expect(answer.status, `the status must be "200 OK"; ${section.see}`).toBe("200 OK");
    expect(
      answer.header("Content-Type"),
      `send the header "Content-Type: text/plain; charset=utf-8"; ${section.see}`,
    ).toBe("text/plain; charset=utf-8");
    expect(
      answer.body,
      `the body, after the empty line, must be "Hello World!\\n"; ${section.see}`,
    ).toBe("Hello World!\n");
    expect(
      answer.header("Content-Length"),
      `send a Content-Length header with the size of the body in bytes (${answer.bodyBytes}); ${section.see}`,
    ).toBe(String(answer.bodyBytes));
  });

  it("answers HEAD like GET (the server drops the body)", async () => {
    const { answer } = await respondTo("HEAD");
    expect(answer.status, `HEAD must answer like GET: "200 OK"; ${section.see}`).toBe("200 OK");
  });

  it("answers other methods with 405 Method Not Allowed and an Allow header", async () => {
    for (const method of ["POST", "PUT", "DELETE"]) {
      const { answer } = await respondTo(method);
      expect(answer.status, `${method} must answer "405 Method Not Allowed"; ${section.see}`).toBe(
        "405 Method Not Allowed",
      );
      expect(
        answer.header("Allow"),
        `a 405 answer must list the methods that work: "Allow: GET, HEAD"; ${section.see}`,
      ).toBe("GET, HEAD");
      expect(answer.body, `the 405 body must be "Method Not Allowed\\n"; ${section.see}`).toBe(
        "Method Not Allowed\n",
      );
    }
  });
});
