import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collect, decode, encode } from "../../../gateway/bytes.ts";
import { html, htmlResponse } from "../../../gateway/html.ts";
import { errorDocuments } from "../../../gateway/kit/error-documents.ts";
import { httpErrors } from "../../../gateway/kit/http-error-middleware.ts";
import { notFound } from "../../../gateway/kit/http-errors.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ, Headers } from "../../../gateway/types.ts";

const folder = mkdtempSync(path.join(tmpdir(), "error-documents-"));
const PAGE_FILE = path.join(folder, "404.html");
writeFileSync(PAGE_FILE, "<h1>Lost? Try the home page.</h1>");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** An app that answers `status` with a plain-text body and any extra headers. */
function answering(status: string, extra: Headers = []): App {
  return (_environ, startResponse) => {
    const body = encode(`original ${status}`);
    startResponse(status, [
      ["Content-Type", "text/plain"],
      ["Content-Length", String(body.byteLength)],
      ...extra,
    ]);
    return [body];
  };
}

/** A page app that records the environ it was called with. */
function recordingPage() {
  const seen: { environ?: Environ; input?: string } = {};
  const page: App = async (environ, startResponse) => {
    seen.environ = environ;
    seen.input = decode(await collect(environ["gateway.input"]));
    return htmlResponse(startResponse, "200 OK", html`<h1>Our own page</h1>`);
  };
  return { page, seen };
}

describe("errorDocuments: replacing the page, keeping the status", () => {
  it("sends the page with the app's status, and its own type and length", async () => {
    const { page } = recordingPage();
    const app = errorDocuments({ 404: page })(answering("404 Not Found"));
    const response = await new TestClient(app).get("/missing");
    expect(response.status).toBe("404 Not Found");
    expect(response.text).toBe("<h1>Our own page</h1>");
    expect(response.header("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.header("Content-Length")).toBe(String(response.body.byteLength));
  });

  it("sends a file page, read when the middleware is made", async () => {
    const app = errorDocuments({ 404: PAGE_FILE })(answering("404 Not Found"));
    const response = await new TestClient(app).get("/missing");
    expect([response.statusCode, response.text]).toEqual([
      404,
      "<h1>Lost? Try the home page.</h1>",
    ]);
    expect(response.header("Content-Type")).toBe("text/html; charset=utf-8");
  });

  it("keeps the status when the page itself answers 200", async () => {
    const app = errorDocuments({ 500: PAGE_FILE })(answering("500 Internal Server Error"));
    expect((await new TestClient(app).get("/")).status).toBe("500 Internal Server Error");
  });

  it("keeps the app's other headers and drops those that described its body", async () => {
    const original = answering("405 Method Not Allowed", [
      ["Allow", "GET, HEAD"],
      ["Set-Cookie", "seen=1"],
      ["ETag", '"v1"'],
      ["Content-Language", "fr"],
    ]);
    const response = await new TestClient(errorDocuments({ 405: PAGE_FILE })(original)).post("/", {
      body: "x",
    });
    expect(response.status).toBe("405 Method Not Allowed");
    expect(response.header("Allow")).toBe("GET, HEAD");
    expect(response.header("Set-Cookie")).toBe("seen=1");
    expect(response.header("ETag")).toBeUndefined();
    expect(response.header("Content-Language")).toBeUndefined();
    expect(response.headerAll("Content-Type")).toEqual(["text/html; charset=utf-8"]);
  });

  it("leaves answers without a page alone", async () => {
    const app = errorDocuments({ 404: PAGE_FILE })(answering("403 Forbidden"));
    const response = await new TestClient(app).get("/");
    expect([response.status, response.text]).toEqual(["403 Forbidden", "original 403 Forbidden"]);
  });

  it("replaces the page of a thrown HttpError too", async () => {
    const throwing: App = () => {
      throw notFound("No such note.");
    };
    const app = errorDocuments({ 404: PAGE_FILE })(httpErrors()(throwing));
    const response = await new TestClient(app).get("/notes/7");
    expect([response.statusCode, response.text]).toEqual([
      404,
      "<h1>Lost? Try the home page.</h1>",
    ]);
  });
});

describe("errorDocuments: what the page sees", () => {
  it("calls the page as a GET without a body, noting the original status and headers", async () => {
    const { page, seen } = recordingPage();
    const app = errorDocuments({ 404: page })(answering("404 Not Found", [["X-Why", "gone"]]));
    await new TestClient(app).post("/notes/7", { form: { text: "hi" } });
    expect(seen.environ?.REQUEST_METHOD).toBe("GET");
    expect(seen.environ?.PATH_INFO).toBe("/notes/7");
    expect(seen.environ?.CONTENT_LENGTH).toBeUndefined();
    expect(seen.environ?.CONTENT_TYPE).toBeUndefined();
    expect(seen.input).toBe("");
    expect(seen.environ?.["kit.error_document"]?.status).toBe("404 Not Found");
    expect(seen.environ?.["kit.error_document"]?.headers).toContainEqual(["X-Why", "gone"]);
  });

  it("keeps HEAD a HEAD, and sends no body", async () => {
    const { page, seen } = recordingPage();
    const app = errorDocuments({ 404: page })(answering("404 Not Found"));
    const response = await new TestClient(app).request("HEAD", "/");
    expect(seen.environ?.REQUEST_METHOD).toBe("HEAD");
    expect([response.statusCode, response.body.byteLength]).toEqual([404, 0]);
  });
});

describe("errorDocuments: the original body", () => {
  /** A generator app that starts lazily; records whether its finally block ran. */
  function lazy(status: string) {
    const state = { finished: false };
    const app: App = async function* (_environ, startResponse) {
      try {
        const write = startResponse(status, [["Content-Type", "text/plain"]]);
        await write(encode("written "));
        yield encode("first ");
        yield encode("second");
      } finally {
        state.finished = true;
      }
    };
    return { app, state };
  }

  it("finishes a lazy generator's body unread, drops what it wrote, and sends the page", async () => {
    const { app, state } = lazy("404 Not Found");
    const response = await new TestClient(errorDocuments({ 404: PAGE_FILE })(app)).get("/");
    expect([response.statusCode, response.text]).toEqual([
      404,
      "<h1>Lost? Try the home page.</h1>",
    ]);
    expect(state.finished).toBe(true);
  });

  it("passes a lazy generator's other answers on whole", async () => {
    const { app, state } = lazy("200 OK");
    const response = await new TestClient(errorDocuments({ 404: PAGE_FILE })(app)).get("/");
    expect([response.statusCode, response.text]).toEqual([200, "written first second"]);
    expect(state.finished).toBe(true);
  });

  it("closes, unread, a generator body returned after startResponse", async () => {
    const original = (function* () {
      yield encode("original");
    })();
    const eager: App = (_environ, startResponse) => {
      startResponse("404 Not Found", [["Content-Type", "text/plain"]]);
      return original;
    };
    const response = await new TestClient(errorDocuments({ 404: PAGE_FILE })(eager)).get("/");
    expect(response.text).not.toContain("original");
    expect(original.next().done).toBe(true);
  });
});

describe("errorDocuments: pages checked at once", () => {
  it.each([["200"], ["302"], ["600"], ["oops"]])("refuses a page for %s", (status) => {
    expect(() => errorDocuments({ [status]: PAGE_FILE } as never)).toThrow(/not an error status/);
  });

  it("refuses a file that cannot be read, naming it", () => {
    const missing = path.join(folder, "nope.html");
    expect(() => errorDocuments({ 404: missing })).toThrow(/page for 404, .*nope\.html/);
  });

  it("refuses a page that is neither an app nor a path", () => {
    expect(() => errorDocuments({ 404: 42 as never })).toThrow(/give an app, or the path/);
  });
});
