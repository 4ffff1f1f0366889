import { afterEach, describe, expect, it } from "vitest";
import { interactiveDebugger } from "../../../gateway/debugger/index.ts";
import type { App } from "../../../gateway/types.ts";
import { closeServers, fetchRaw, startServer } from "../http-helpers.ts";
import { asyncThrow, debugged, Greeter, localValues, syncThrow, typeError } from "./apps.ts";

const representations = { html: "text/html", json: "application/json", text: "*/*" };
const failing: Record<string, App> = {
  syncThrow,
  asyncThrow,
  typeError,
  method: new Greeter("Hi").app,
};
const foreign = { REMOTE_ADDR: "203.0.113.9" };

/** Fails a request, and returns what its locals were. */
async function failOnce(app: App = syncThrow) {
  const { client, secret, printed } = debugged(app);
  const made = localValues.length;
  const failed = await client.get("/", { headers: { Accept: "application/json" } });
  return { client, secret, printed, failed, values: localValues.slice(made) };
}

function expectNoLocalValue(text: string, values: string[], what: string): void {
  expect(values.length, "the app made local values").toBeGreaterThan(0);
  for (const value of values)
    expect(text.includes(value), `${what} holds the local ${value}`).toBe(false);
}

describe("without the secret, no answer holds a local value", () => {
  for (const [name, app] of Object.entries(failing)) {
    for (const [kind, accept] of Object.entries(representations)) {
      it(`in the ${kind} answer of the failing request (${name})`, async () => {
        const { client } = debugged(app);
        const made = localValues.length;
        const failed = await client.get("/", { headers: { Accept: accept } });
        expect(failed.statusCode).toBe(500);
        expectNoLocalValue(
          failed.text + failed.errors,
          localValues.slice(made),
          `the ${kind} answer`,
        );
      });

      it(`in the ${kind} answer of the error's own page (${name})`, async () => {
        const { client, values } = await failOnce(app);
        const page = await client.get("/__debugger__/errors/1", { headers: { Accept: accept } });
        expect(page.statusCode).toBe(200);
        expectNoLocalValue(page.text, values, `the ${kind} page`);
      });
    }
  }

  it("while the same page, with the secret, holds them all", async () => {
    const { client, secret, values } = await failOnce();
    const page = await client.get("/__debugger__/errors/1", {
      headers: { "X-Debugger-Secret": secret },
    });
    for (const value of values) expect(page.text).toContain(value);
  });
});

describe("the secret", () => {
  it("is asked for on the page in a field no form submission can carry, for the script to send as a header", async () => {
    const { client } = await failOnce();
    const page = await client.get("/__debugger__/errors/1", { headers: { Accept: "text/html" } });
    const form = /<form class="secret" id="unlock">[\s\S]*?<\/form>/.exec(page.text)?.[0] ?? "";
    expect(form).toContain('<input type="password" id="secret"');
    expect(
      form,
      "a named field would go into a URL or a body if the form were submitted",
    ).not.toMatch(/\sname=/);
    expect(form, "the form posts nowhere").not.toMatch(/\s(action|method)=/);
    expect(form).toContain("Type the secret printed on the server&#39;s terminal");
    expect(form).toContain("X-Debugger-Secret</code> header");
  });

  it("is printed once, when the debugger is enabled, and never sent or logged", async () => {
    const { secret, printed, failed } = await failOnce();
    expect(secret).toMatch(/^[\w-]{20}$/);
    expect(printed).toHaveLength(1);
    expect(failed.text + failed.errors).not.toContain(secret);
  });

  it("is masked in the request summary, with cookies and authorization", async () => {
    const { client, secret } = debugged(syncThrow);
    const headers = {
      Accept: "application/json",
      "X-Debugger-Secret": secret,
      Cookie: "session=cookie-value",
      Authorization: "Bearer token-value",
      "X-Other": "kept-value",
    };
    const failed = await client.get("/", { headers });
    const summary = (failed.json() as { request: { headers: string[][] } }).request.headers;
    expect(summary).toContainEqual(["X-Debugger-Secret", "(masked)"]);
    expect(summary).toContainEqual(["Cookie", "(masked)"]);
    expect(summary).toContainEqual(["Authorization", "(masked)"]);
    expect(summary).toContainEqual(["X-Other", "kept-value"]);
  });

  it("is not passed on to the app", async () => {
    let seen: unknown = "not called";
    const { client, secret } = debugged((environ, startResponse) => {
      seen = environ.HTTP_X_DEBUGGER_SECRET;
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [];
    });
    await client.get("/", { headers: { "X-Debugger-Secret": secret } });
    expect(seen, "the app read the debugger's secret").toBeUndefined();
  });

  it("shows locals in the failing request's own answer when that request carried it", async () => {
    const { client, secret } = debugged(syncThrow);
    const made = localValues.length;
    const failed = await client.get("/", { headers: { "X-Debugger-Secret": secret } });
    expect(failed.text).toContain(localValues[made]);
  });
});

describe("the console", () => {
  it("runs an expression in the failing frame, with the secret", async () => {
    const { client, secret, values } = await failOnce();
    const answer = await client.post("/__debugger__/errors/1/frames/0/console", {
      headers: { "X-Debugger-Secret": secret },
      json: { expression: "[order.id, limit.note]" },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ ok: true, text: `[7, "${values[1]}"]` });
  });

  it("is refused without the secret, and with a wrong one", async () => {
    const { client } = await failOnce();
    const url = "/__debugger__/errors/1/frames/0/console";
    const json = { expression: "process.exit(1)" };
    expect((await client.post(url, { json })).statusCode).toBe(403);
    const wrong = await client.post(url, { json, headers: { "X-Debugger-Secret": "not-it" } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.text).toContain("wrong secret");
  });

  it("answers 404 for a frame whose locals were not captured", async () => {
    const { client, secret, failed } = await failOnce();
    const frames = (failed.json() as { frames: Array<{ app: boolean }> }).frames;
    const library = frames.findIndex((frame) => !frame.app);
    const answer = await client.post(`/__debugger__/errors/1/frames/${library}/console`, {
      headers: { "X-Debugger-Secret": secret },
      json: { expression: "1" },
    });
    expect(answer.statusCode).toBe(404);
  });

  it("answers 400 to a body that is not JSON with an expression", async () => {
    const { client, secret } = await failOnce();
    const answer = await client.post("/__debugger__/errors/1/frames/0/console", {
      headers: { "X-Debugger-Secret": secret },
      form: { expression: "1" },
    });
    expect(answer.statusCode).toBe(400);
  });
});

describe("from anywhere but this machine", () => {
  const cases = {
    "another machine": { environ: foreign },
    "another machine that claims, in X-Forwarded-For, to be this one": {
      environ: foreign,
      headers: { "X-Forwarded-For": "127.0.0.1" },
    },
    "a foreign Host (DNS rebinding)": { environ: { HTTP_HOST: "evil.example:8010" } },
    "a page of another origin": { headers: { Origin: "http://evil.example" } },
  };

  for (const [from, request] of Object.entries(cases)) {
    it(`refuses locals to ${from}, even with the secret`, async () => {
      const { client, secret } = await failOnce();
      const headers = {
        ...("headers" in request ? request.headers : {}),
        "X-Debugger-Secret": secret,
      };
      const page = await client.get("/__debugger__/errors/1", { ...request, headers });
      expect(page.statusCode).toBe(403);
    });

    it(`refuses the console to ${from}, even with the secret`, async () => {
      const { client, secret } = await failOnce();
      const headers = {
        ...("headers" in request ? request.headers : {}),
        "X-Debugger-Secret": secret,
      };
      const answer = await client.post("/__debugger__/errors/1/frames/0/console", {
        ...request,
        headers,
        json: { expression: "order.token" },
      });
      expect(answer.statusCode).toBe(403);
      expect(answer.text).not.toContain("local-");
    });
  }

  it("hides the locals in the failing request's answer from another machine, even with the secret", async () => {
    const { client, secret } = debugged(syncThrow);
    const made = localValues.length;
    const failed = await client.get("/", {
      environ: foreign,
      headers: { "X-Debugger-Secret": secret },
    });
    expect(failed.statusCode).toBe(500);
    expectNoLocalValue(failed.text, localValues.slice(made), "the answer");
  });

  it("lists no other error in the failing request's page for another machine", async () => {
    const { client } = debugged(syncThrow);
    const html = { Accept: "text/html" };
    await client.get("/", { headers: html });
    const local = await client.get("/", { headers: html });
    expect(local.text, "this machine sees the list").toContain('<nav class="others">');
    const page = await client.get("/", { environ: foreign, headers: html });
    expect(page.statusCode).toBe(500);
    expect(page.text).not.toContain('<nav class="others">');
  });
});

describe("the failing request, over a real socket", () => {
  afterEach(closeServers);

  /** A debugged syncThrow on a real server; `get(host)` asks for "/" with that Host. */
  async function debuggedServer() {
    const app = interactiveDebugger({ enabled: true, print: () => {} })(syncThrow);
    const { url, port } = await startServer(app);
    const get = (host: string, accept: string) =>
      fetchRaw(url, { headers: { Host: host, Accept: accept } });
    return { port, get };
  }

  for (const [kind, accept] of Object.entries(representations)) {
    it(`shows a foreign Host (DNS rebinding) nothing of the error, in ${kind}`, async () => {
      const { port, get } = await debuggedServer();
      const answer = await get(`evil.example:${port}`, accept);
      const text = answer.body.toString();
      expect(answer.statusCode).toBe(500);
      expect(text).toContain("the debugger shows errors only on this machine");
      for (const secret of [
        "checkOrder",
        "over the limit",
        "apps.ts",
        "at syncThrow",
        "limit.most",
      ])
        expect(text, `the answer holds "${secret}"`).not.toContain(secret);
    });
  }

  it("still shows this machine the page, frames and source", async () => {
    const { port, get } = await debuggedServer();
    const answer = await get(`127.0.0.1:${port}`, "text/html");
    expect(answer.statusCode).toBe(500);
    expect(answer.body.toString()).toContain("checkOrder");
  });
});

describe("the debugger's addresses", () => {
  it("escape the error message in the page", async () => {
    const markup: App = () => {
      throw new Error("<script>alert(1)</script>");
    };
    const { client } = debugged(markup);
    const page = await client.get("/", { headers: { Accept: "text/html" } });
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.text).not.toContain("<script>alert(1)");
  });

  it("answer 404 for an unknown address, and 405 for a wrong method", async () => {
    const { client } = await failOnce();
    expect((await client.get("/__debugger__/nothing")).statusCode).toBe(404);
    expect((await client.get("/__debugger__/errors/99")).statusCode).toBe(404);
    const wrong = await client.post("/__debugger__/errors/1", { body: "" });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.header("Allow")).toBe("GET, HEAD");
    expect((await client.get("/__debugger__/errors/1/frames/0/console")).statusCode).toBe(405);
  });

  it("may not be framed by another site's page, nor read as another type", async () => {
    const { client, failed } = await failOnce();
    for (const answer of [failed, await client.get("/__debugger__/errors/1")]) {
      expect(answer.header("X-Frame-Options")).toBe("DENY");
      expect(answer.header("Content-Security-Policy")).toBe("frame-ancestors 'none'");
      expect(answer.header("X-Content-Type-Options")).toBe("nosniff");
    }
  });

  it("are never cached", async () => {
    const { client, failed } = await failOnce();
    expect(failed.header("Cache-Control")).toBe("no-store");
    expect((await client.get("/__debugger__/errors/1")).header("Cache-Control")).toBe("no-store");
  });
});
