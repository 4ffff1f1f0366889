/**
 * Exercise 11-read-credentials: `readCredentials(environ)` reads the
 * username and password of a POSTed form, within the size limit.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { httpErrors } from "../../../gateway/kit/http-error-middleware.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ } from "../../../gateway/types.ts";
import { exerciseExport } from "../load-exercise.ts";
import { signinSection } from "./signin-tree.ts";

const section = signinSection("Exercise: read the credentials");
const readCredentials = await exerciseExport<(environ: Environ) => Promise<unknown>>(
  "signin/credentials.ts",
  "readCredentials",
  "function",
  section,
);

/** Answers with what readCredentials returned, as JSON. */
const probe: App = async (environ, startResponse) => {
  const body = encode(JSON.stringify(await readCredentials(environ)));
  startResponse("200 OK", [
    ["Content-Type", "application/json"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
};
const client = new TestClient(httpErrors()(probe));

/**
 * What an error page says, without its markup: its title when that says more
 * than the status, else its first paragraph (`: "Exercise ... is not done yet: ..."`).
 */
const entities: Record<string, string> = {
  "&quot;": '"',
  "&#39;": "'",
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
};

function saying(status: string, page: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(page)?.[1]?.trim();
  const paragraph = /<p>([\s\S]*?)<\/p>/i
    .exec(page)?.[1]
    ?.replace(/<[^>]*>/g, "")
    .replace(/&(quot|#39|lt|gt|amp);/g, (entity) => entities[entity] ?? entity)
    .trim();
  const words = title !== undefined && title !== status ? title : paragraph;
  return words === undefined || words === "" ? "" : `: "${words}"`;
}

describe("readCredentials", () => {
  it("returns the username and password of the form, as they came", async () => {
    const form = { csrf_token: "t", username: " Ada ", password: "correct horse & co" };
    const answer = await client.post("/signin", { form });
    expect(
      answer.statusCode,
      `readCredentials must return the fields, not fail (the app answered ${answer.status}${saying(answer.status, answer.text)}); ${section.see}`,
    ).toBe(200);
    expect(
      answer.json(),
      `return { username, password } from the form, untouched (no trimming); ${section.see}`,
    ).toEqual({ username: " Ada ", password: "correct horse & co" });
  });

  it('gives "" for a field the form does not have', async () => {
    const answer = await client.post("/signin", { form: { username: "ada" } });
    expect(
      answer.json(),
      `a missing field is "" (form.get gives null: use ?? ""); ${section.see}`,
    ).toEqual({
      username: "ada",
      password: "",
    });
  });

  it("refuses a form larger than FORM_LIMIT (8 KiB) with 413", async () => {
    const form = { username: "ada", password: "x".repeat(9000) };
    const answer = await client.post("/signin", { form });
    expect(
      answer.statusCode,
      `a 9 kB form must get 413: pass { limit: FORM_LIMIT } to readForm; ${section.see}`,
    ).toBe(413);
  });

  it("refuses a body that is not a form with 415", async () => {
    const answer = await client.post("/signin", { json: { username: "ada", password: "pw" } });
    expect(
      answer.statusCode,
      `read the body with readForm, which refuses JSON with 415; ${section.see}`,
    ).toBe(415);
  });
});
