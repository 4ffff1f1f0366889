import { describe, expect, it } from "vitest";
import { collect, decode, encode } from "../../gateway/bytes.ts";
import { TestClient } from "../../gateway/test-client.ts";
import type { App, Environ } from "../../gateway/types.ts";
import { ValidationError } from "../../gateway/validator/validation-error.ts";

const TEXT: [string, string] = ["Content-Type", "text/plain"];

/** An app that answers with the environ's CGI variables as JSON. */
const showEnviron: App = (environ, startResponse) => {
  const cgi = Object.fromEntries(Object.entries(environ).filter(([key]) => !key.includes(".")));
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [encode(JSON.stringify(cgi))];
};

/** An app that answers with the request body, and its type and length. */
const echo: App = async (environ, startResponse) => {
  const body = decode(await collect(environ["gateway.input"]));
  startResponse("200 OK", [TEXT]);
  return [encode(`${environ.CONTENT_TYPE} ${environ.CONTENT_LENGTH} ${body}`)];
};

describe("the environ the test client builds", () => {
  it("is like a server's: decoded PATH_INFO, raw QUERY_STRING and REQUEST_URI", async () => {
    const response = await new TestClient(showEnviron).get("/caf%C3%A9/a%2Fb?q=a+b%26c");
    expect(response.json()).toEqual({
      REQUEST_METHOD: "GET",
      SCRIPT_NAME: "",
      PATH_INFO: "/café/a/b",
      QUERY_STRING: "q=a+b%26c",
      REQUEST_URI: "/caf%C3%A9/a%2Fb?q=a+b%26c",
      SERVER_NAME: "localhost",
      SERVER_PORT: "80",
      SERVER_PROTOCOL: "HTTP/1.1",
      REMOTE_ADDR: "127.0.0.1",
      HTTP_HOST: "localhost",
    });
  });

  it("has every gateway.* key", async () => {
    let seen: Environ | undefined;
    const app: App = (environ, startResponse) => {
      seen = environ;
      startResponse("204 No Content", []);
      return [];
    };
    await new TestClient(app).get("/");
    expect(seen?.["gateway.version"]).toEqual([1, 0]);
    expect(seen?.["gateway.url_scheme"]).toBe("http");
    expect(seen?.["gateway.multithread"]).toBe(false);
    expect(seen?.["gateway.multiprocess"]).toBe(false);
    expect(seen?.["gateway.run_once"]).toBe(false);
    expect(seen?.["gateway.signal"]).toBeInstanceOf(AbortSignal);
  });

  it("puts the test's headers under HTTP_ names, CONTENT_TYPE without the prefix", async () => {
    const response = await new TestClient(showEnviron).post("/", {
      headers: { "X-Request-Id": "7", "Content-Type": "text/csv", X_Sneaky: "dropped" },
      body: "a,b",
    });
    expect(response.json()).toMatchObject({
      HTTP_X_REQUEST_ID: "7",
      CONTENT_TYPE: "text/csv",
      CONTENT_LENGTH: "3",
    });
    expect(response.json()).not.toHaveProperty("HTTP_X_SNEAKY");
  });

  it("lets the test's headers replace its own, instead of joining them", async () => {
    const response = await new TestClient(showEnviron).get("/", {
      headers: { Host: "example.org" },
    });
    expect(response.json()).toMatchObject({ HTTP_HOST: "example.org" });
  });

  it("lets a test set environ keys directly", async () => {
    const response = await new TestClient(showEnviron).get("/", {
      environ: { REMOTE_ADDR: "203.0.113.9", SCRIPT_NAME: "/mounted" },
    });
    expect(response.json()).toMatchObject({ REMOTE_ADDR: "203.0.113.9", SCRIPT_NAME: "/mounted" });
  });

  it("answers 400 to a path that is not UTF-8, with the reason, as a server does", async () => {
    const response = await new TestClient(showEnviron).get("/caf%E9");
    expect(response.statusCode).toBe(400);
    expect(response.text).toMatch(/not valid percent-encoded UTF-8/);
  });

  it("sends a header as often as the test lists it, and joins the lines as a server does", async () => {
    const response = await new TestClient(showEnviron).get("/", {
      headers: [
        ["Cookie", "a=1"],
        ["Cookie", "b=2"],
        ["X-Forwarded-For", "10.0.0.1"],
        ["X-Forwarded-For", "10.0.0.2"],
      ],
    });
    expect(response.json()).toMatchObject({
      HTTP_COOKIE: "a=1; b=2",
      HTTP_X_FORWARDED_FOR: "10.0.0.1, 10.0.0.2",
    });
  });
});

describe("request bodies in the test client", () => {
  it("sends a raw text body with its length and no type", async () => {
    expect((await new TestClient(echo).post("/", { body: "héllo" })).text).toBe(
      "undefined 6 héllo",
    );
  });

  it("sends a form as application/x-www-form-urlencoded", async () => {
    const response = await new TestClient(echo).post("/", { form: { name: "Ada L", x: "a&b" } });
    expect(response.text).toBe("application/x-www-form-urlencoded 18 name=Ada+L&x=a%26b");
  });

  it("sends a value as JSON", async () => {
    const response = await new TestClient(echo).post("/", { json: { ok: true } });
    expect(response.text).toBe('application/json 11 {"ok":true}');
  });

  it("sends bytes as they are", async () => {
    const app: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [["Content-Type", "application/octet-stream"]]);
      return [body];
    };
    const response = await new TestClient(app).post("/", { body: Uint8Array.from([0, 255]) });
    expect([...response.body]).toEqual([0, 255]);
  });
});

describe("the test client's responses", () => {
  it("give the status, each header, and the body as bytes, text and JSON", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("201 Created", [
        ["Content-Type", "application/json"],
        ["Link", "</a>"],
        ["Link", "</b>"],
      ]);
      return [encode('{"id":'), encode("1}")];
    };
    const response = await new TestClient(app).get("/");
    expect([response.status, response.statusCode]).toEqual(["201 Created", 201]);
    expect(response.header("content-type")).toBe("application/json");
    expect(response.headerAll("LINK")).toEqual(["</a>", "</b>"]);
    expect(response.text).toBe('{"id":1}');
    expect(response.json()).toEqual({ id: 1 });
    expect(response.aborted).toBe(false);
  });

  it("keep each chunk as it was sent, even if the app reuses its memory", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      const chunk = encode("AA");
      yield chunk;
      chunk.fill("B".charCodeAt(0));
      yield chunk;
    };
    expect((await new TestClient(app).get("/")).text).toBe("AABB");
  });

  it("drop the body of a HEAD answer but keep its Content-Length", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode("the body")];
    };
    const response = await new TestClient(app).request("HEAD", "/");
    expect(response.body.byteLength).toBe(0);
    expect(response.header("Content-Length")).toBe("8");
  });

  it("capture an app error: a 500 answer, and the error in `errors`", async () => {
    const app: App = () => {
      throw new Error("the app broke");
    };
    const response = await new TestClient(app).get("/");
    expect(response.statusCode).toBe(500);
    expect(response.text).not.toContain("the app broke");
    expect(response.errors).toContain("Error: the app broke");
  });

  it("say `aborted` when the response was cut after the headers went out", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("half");
      throw new Error("mid-stream");
    };
    const response = await new TestClient(app).get("/");
    expect(response.aborted).toBe(true);
    expect([response.statusCode, response.text]).toEqual([200, "half"]);
    expect(response.errors).toContain("mid-stream");
  });

  it("keep what the app wrote to gateway.errors", async () => {
    const app: App = (environ, startResponse) => {
      environ["gateway.errors"].write("a note for the log\n");
      startResponse("204 No Content", []);
      return [];
    };
    expect((await new TestClient(app).get("/")).errors).toBe("a note for the log\n");
  });
});

describe("validation in the test client", () => {
  const brokenApp: App = (_environ, startResponse) => {
    startResponse("200 OK", [["X Bad Name", "1"]]);
    return [];
  };

  it("wraps the app in the validator by default, and throws its ValidationError", async () => {
    const failure = await new TestClient(brokenApp).get("/").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).rule).toBe("header-name");
  });

  it("runs the app unchecked with validate: false, answering as a server would", async () => {
    const response = await new TestClient(brokenApp, { validate: false }).get("/");
    expect(response.statusCode).toBe(500);
    expect(response.errors).toContain('invalid header name "X Bad Name"');
  });
});

describe("cookies in the test client", () => {
  /** Sets the cookies named in the query; answers with the Cookie header it got. */
  const cookieApp: App = (environ, startResponse) => {
    const setCookies = new URLSearchParams(environ.QUERY_STRING).getAll("set");
    startResponse("200 OK", [
      TEXT,
      ...setCookies.map((line): [string, string] => ["Set-Cookie", line]),
    ]);
    return [encode(environ.HTTP_COOKIE ?? "(none)")];
  };

  it("sends back the cookies an answer set", async () => {
    const client = new TestClient(cookieApp);
    await client.get(`/?set=${encodeURIComponent("sid=abc; HttpOnly; Path=/")}&set=theme%3Ddark`);
    expect((await client.get("/")).text).toBe("sid=abc; theme=dark");
  });

  it("forgets a cookie that Max-Age=0 or a past Expires removed", async () => {
    const client = new TestClient(cookieApp);
    await client.get("/?set=a%3D1&set=b%3D2&set=c%3D3");
    await client.get(`/?set=${encodeURIComponent("a=; Max-Age=0")}`);
    await client.get(`/?set=${encodeURIComponent("b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT")}`);
    expect((await client.get("/")).text).toBe("c=3");
  });

  it("lets a test set a Cookie header of its own, which replaces the jar's", async () => {
    const client = new TestClient(cookieApp);
    await client.get("/?set=sid%3Dabc");
    expect((await client.get("/", { headers: { Cookie: "sid=forged" } })).text).toBe("sid=forged");
  });

  it("keeps no cookies with cookies: false", async () => {
    const client = new TestClient(cookieApp, { cookies: false });
    await client.get("/?set=sid%3Dabc");
    expect(client.cookies).toBeUndefined();
    expect((await client.get("/")).text).toBe("(none)");
  });
});
