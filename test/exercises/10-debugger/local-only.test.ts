/**
 * Exercise 10-local-only: a middleware that lets only this machine in.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ, Middleware } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("10-debugger", "Exercise: only from this machine");
const file = "10-debugger/local-only.ts";
const localOnly = await exerciseExport<Middleware>(file, "localOnly", "function", section);

const hello: App = (_environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [encode("Hello from here\n")];
};

interface Answer {
  readonly status: string;
  /** The error the server logged, when isLocalRequest threw (the status is then 500). */
  readonly thrown: string | undefined;
}

/** A request with these environ keys (REMOTE_ADDR 127.0.0.1 and Host localhost:8010 unless given). */
async function answerFor(keys: Partial<Environ>): Promise<Answer> {
  const environ = { REMOTE_ADDR: "127.0.0.1", HTTP_HOST: "localhost:8010", ...keys };
  const response = await new TestClient(localOnly(hello)).get("/", { environ });
  const thrown = response.errors.split("\n").find((line) => /^\w*Error: /.test(line));
  return { status: response.status, thrown };
}

/** What to add to a message when isLocalRequest threw instead of answering. */
function threw(answer: Answer): string {
  return answer.thrown === undefined ? "" : ` (isLocalRequest threw ${answer.thrown})`;
}

describe("localOnly", () => {
  it.each(["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"])(
    "lets in a request from %s",
    async (address) => {
      const answer = await answerFor({ REMOTE_ADDR: address });
      expect(
        answer.status,
        `${address} is a loopback address: call the app${threw(answer)}; ${section.see}`,
      ).toBe("200 OK");
    },
  );

  it.each(["10.0.0.5", "192.168.1.20", "::ffff:10.0.0.5", "1270.0.0.1", "2001:db8::1"])(
    "refuses a request from %s with 403",
    async (address) => {
      const answer = await answerFor({ REMOTE_ADDR: address });
      expect(
        answer.status,
        `${address} is another machine: answer 403${threw(answer)}; ${section.see}`,
      ).toBe("403 Forbidden");
    },
  );

  it.each(["localhost", "localhost:8010", "LOCALHOST:8010", "127.0.0.1:8010", "[::1]:8010"])(
    "lets in the Host %s",
    async (host) => {
      const answer = await answerFor({ HTTP_HOST: host });
      expect(
        answer.status,
        `Host "${host}" names this machine: call the app${threw(answer)}; ${section.see}`,
      ).toBe("200 OK");
    },
  );

  it.each([
    "evil.example",
    "evil.example:8010",
    "localhost.evil.example",
    "127.0.0.1.evil.example",
    "",
  ])('refuses the Host "%s" with 403', async (host) => {
    const answer = await answerFor({ HTTP_HOST: host });
    const why =
      "a page on another site can point its own name at 127.0.0.1 (DNS rebinding): match the whole Host, ^ to $";
    expect(
      answer.status,
      `Host "${host}" is not a loopback name: answer 403 (${why})${threw(answer)}; ${section.see}`,
    ).toBe("403 Forbidden");
  });

  it("refuses a request with no Host header", async () => {
    const answer = await answerFor({ HTTP_HOST: undefined });
    expect(
      answer.status,
      `without a Host header, nothing says the name is local: answer 403${threw(answer)}; ${section.see}`,
    ).toBe("403 Forbidden");
  });

  it("lets in a loopback Origin, and refuses any other", async () => {
    for (const origin of ["http://localhost:8010", "http://127.0.0.1:8010", "https://[::1]:8010"]) {
      const answer = await answerFor({ HTTP_ORIGIN: origin });
      expect(
        answer.status,
        `Origin "${origin}" is a page of this machine: call the app${threw(answer)}; ${section.see}`,
      ).toBe("200 OK");
    }
    for (const origin of ["http://evil.example", "http://localhost.evil.example", "null"]) {
      const answer = await answerFor({ HTTP_ORIGIN: origin });
      expect(
        answer.status,
        `Origin "${origin}" is a page of another site: answer 403${threw(answer)}; ${section.see}`,
      ).toBe("403 Forbidden");
    }
  });
});
