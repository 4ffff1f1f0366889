import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveHome, liveHome } from "../support/live-home.ts";

let live: LiveHome;
let token: string;

beforeAll(async () => {
  live = await liveHome();
  token = await live.token();
});
afterAll(() => live.close());

/** Sends the request, and expects it refused with `status`, every starter file as it was. */
async function expectRefused(
  status: number,
  send: () => Promise<{ statusCode: number; text: string }>,
): Promise<string> {
  const before = live.starterFiles();
  const response = await send();
  expect(response.statusCode).toBe(status);
  expect(live.starterFiles()).toEqual(before);
  return response.text;
}

const reset = "/exercises/01-greet/reset";

describe("the home's guard, on every route that changes a file or starts a process", () => {
  it("lets in a POST from this machine that carries the home's token (the control)", async () => {
    const file = path.join(live.repo.root, "starter", "01-basics", "greet.ts");
    writeFileSync(file, "// my own attempt\n");
    const response = await live.client.post(reset, { form: { csrf: token } });
    expect(response.statusCode).toBe(200);
    expect(live.starterFiles().get(path.join("01-basics", "greet.ts"))).toContain("TODO");
  });

  it("refuses a POST without the token, and changes nothing", async () => {
    const text = await expectRefused(403, () => live.client.post(reset, { form: {} }));
    expect(text).toContain("This form has no valid token");
  });

  it("refuses a POST with a wrong token", async () => {
    await expectRefused(403, () => live.client.post(reset, { form: { csrf: `${token}x` } }));
  });

  it("refuses a POST whose Host is not a loopback name (a rebound DNS name)", async () => {
    const text = await expectRefused(403, () =>
      live.client.post(reset, { form: { csrf: token }, headers: { Host: "evil.example" } }),
    );
    expect(text).toContain("evil.example");
  });

  it("refuses a POST sent by a page of another site (its Origin)", async () => {
    await expectRefused(403, () =>
      live.client.post(reset, {
        form: { csrf: token },
        headers: { Origin: "https://evil.example" },
      }),
    );
  });

  it("refuses a POST from another machine", async () => {
    const text = await expectRefused(403, () =>
      live.client.post(reset, { form: { csrf: token }, environ: { REMOTE_ADDR: "10.0.0.5" } }),
    );
    expect(text).toContain("The workshop home answers only requests from this machine");
  });

  it("answers a GET of an action with 405: a link or an image cannot change a file", async () => {
    const text = await expectRefused(405, () => live.client.get(reset));
    expect(text).toContain("Method Not Allowed");
  });

  it("refuses a body that is not a form (415), as a page's fetch of JSON would send", async () => {
    await expectRefused(415, () => live.client.post(reset, { json: { csrf: token } }));
  });

  it("takes file paths only from the manifest: an id it does not know is a 404", async () => {
    for (const id of ["99-nothing", "..%2F..%2Fpackage.json", "%2E%2E"]) {
      await expectRefused(404, () =>
        live.client.post(`/exercises/${id}/reset`, { form: { csrf: token } }),
      );
    }
  });

  it("puts back only backups of exercise files, whatever a backup's list says", async () => {
    const folder = path.join(live.repo.root, "data", "learn-backups", "crafted");
    mkdirSync(path.join(folder, "lib"), { recursive: true });
    writeFileSync(path.join(folder, "lib", "words.ts"), "export const hacked = true;\n");
    const backup = { id: "crafted", folder: "data/learn-backups/crafted", files: ["lib/words.ts"] };
    writeFileSync(path.join(folder, "backup.json"), JSON.stringify({ ...backup, operation: "x" }));
    const text = await expectRefused(404, () =>
      live.client.post("/exercises/01-greet/restore", { form: { csrf: token, backup: "crafted" } }),
    );
    expect(text).toContain("not exercise files (lib/words.ts)");
    for (const id of ["..", "../../..", "nothing"]) {
      await expectRefused(404, () =>
        live.client.post("/exercises/01-greet/restore", { form: { csrf: token, backup: id } }),
      );
    }
  });

  it("starts no presentation without the token", async () => {
    await expectRefused(403, () => live.client.post("/instructor/01-greet/start", { form: {} }));
    const page = await live.client.get("/instructor/01-greet");
    expect(page.text).toContain("Start presenting");
  });

  it("runs no command the request names: the editor is the one the home started with", async () => {
    // This home was started with no VISUAL or EDITOR, so there is nothing to run.
    const text = await expectRefused(409, () =>
      live.client.post("/exercises/01-greet/open", {
        form: { csrf: token, editor: "touch /tmp/pwned", file: "/etc/passwd" },
      }),
    );
    expect(text).toContain("run it again with VISUAL or EDITOR set");
  });

  it("shows the live verdicts only to this machine, by name", async () => {
    const response = await live.client.get("/exercises/01-greet/events", {
      headers: { Host: "evil.example:8000" },
    });
    expect(response.statusCode).toBe(403);
    expect(live.watching()).toBe(false);
  });
});
