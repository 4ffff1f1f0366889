/** Exercise 02-cgi-greeting: a name from QUERY_STRING, or from a POSTed form on stdin. */
import { describe, expect, it } from "vitest";
import { exerciseExport, lessonSection } from "../load-exercise.ts";
import { metaVariables, parseCGI, type Respond } from "./cgi-output.ts";

const section = lessonSection(
  "02-cgi-hello-world",
  "Exercise: greet from the query string or a form",
);
const file = "02-cgi-hello-world/greeting.ts";

/** The body of the answer to a request; checks the status and Content-Type on the way. */
async function greeting(env: Record<string, string>, body = ""): Promise<string> {
  const respond = await exerciseExport<Respond>(file, "respond", "function", section);
  const answer = await parseCGI(respond(metaVariables(env), body), section);
  expect(answer.status, `the answer must be "200 OK"; ${section.see}`).toBe("200 OK");
  expect(
    answer.header("Content-Type"),
    `send "Content-Type: text/plain; charset=utf-8"; ${section.see}`,
  ).toBe("text/plain; charset=utf-8");
  return answer.body;
}

describe("02-cgi-greeting", () => {
  it("greets the name in QUERY_STRING", async () => {
    expect(
      await greeting({ QUERY_STRING: "name=Ada" }),
      `with QUERY_STRING "name=Ada" the body must be "Hello, Ada!\\n"; ${section.see}`,
    ).toBe("Hello, Ada!\n");
  });

  it("decodes the name: %C3%BC is ü and + is a space", async () => {
    expect(
      await greeting({ QUERY_STRING: "lang=de&name=J%C3%BCrgen+M" }),
      `QUERY_STRING is encoded: read it with new URLSearchParams(...).get("name"); ${section.see}`,
    ).toBe("Hello, Jürgen M!\n");
  });

  it("greets the World when there is no name", async () => {
    for (const query of ["", "name=", "other=1"]) {
      expect(
        await greeting({ QUERY_STRING: query }),
        `with QUERY_STRING "${query}" the body must be "Hello, World!\\n"; ${section.see}`,
      ).toBe("Hello, World!\n");
    }
  });

  it("reads the name from the body of a POST", async () => {
    const post = {
      REQUEST_METHOD: "POST",
      CONTENT_TYPE: "application/x-www-form-urlencoded",
      CONTENT_LENGTH: "8",
    };
    expect(
      await greeting(post, "name=Ada"),
      `a POSTed form is in the body ("name=Ada"), not in QUERY_STRING; ${section.see}`,
    ).toBe("Hello, Ada!\n");
    expect(
      await greeting({ ...post, QUERY_STRING: "name=Bob" }, "name=Ada"),
      `for a POST, the name comes from the body, even when the URL has one too; ${section.see}`,
    ).toBe("Hello, Ada!\n");
  });
});
