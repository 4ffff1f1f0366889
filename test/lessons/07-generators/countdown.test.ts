/**
 * Lesson 07's countdown, over a real socket, as the README shows it.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { countdown } from "../../../lessons/07-generators/countdown.ts";
import { closeServers, fetchRaw, startServer } from "../../gateway/http-helpers.ts";

afterEach(closeServers);

const readme = readFileSync(
  new URL("../../../lessons/07-generators/README.md", import.meta.url),
  "utf8",
);

describe("lesson 07's countdown", () => {
  it("answers HEAD with its head at once, and its finally runs at 10, as the README shows", async () => {
    const { url, errors } = await startServer(countdown);
    const head = await fetchRaw(`${url}countdown`, { method: "HEAD" });
    expect(head.statusCode).toBe(200);
    expect(head.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(head.body.byteLength).toBe(0);
    expect(errors.text).toBe("countdown: sending 10\ncountdown: finally ran at 10\n");
    expect(readme).toContain(`"countdown: finally ran"\n${errors.text}\`\`\``);
  });
});
