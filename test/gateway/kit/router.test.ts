import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { RoutePattern } from "../../../gateway/kit/route-pattern.ts";
import { route, routeParams, router } from "../../../gateway/kit/router.ts";
import { urlMap } from "../../../gateway/kit/url-map.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ } from "../../../gateway/types.ts";

/** An app that answers with its name and what the router put in environ["kit.route"]. */
function named(name: string): App {
  return (environ, startResponse) => {
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [encode(`${name} ${JSON.stringify(environ["kit.route"])}`)];
  };
}

const client = new TestClient(
  router([
    route("GET", "/", named("home")),
    route("GET", "/users/new", named("new-user")),
    route(["GET", "POST"], "/users/:id", named("user")),
    route("DELETE", "/users/:id", named("delete-user")),
    route("GET", "/users/:id/posts/:post", named("post")),
    route("GET", "/files/*path", named("file")),
    route("PUT", "/upload", named("upload")),
  ]),
);

describe("router: matching", () => {
  it("calls the route that matches, with its parameters and pattern in kit.route", async () => {
    const response = await client.get("/users/42/posts/7");
    expect(response.text).toBe(
      'post {"params":{"id":"42","post":"7"},"pattern":"/users/:id/posts/:post"}',
    );
  });

  it("tries routes in order, so a fixed path listed first wins over a parameter", async () => {
    expect((await client.get("/users/new")).text).toMatch(/^new-user /);
  });

  it("chooses among routes of one path by method", async () => {
    expect((await client.request("DELETE", "/users/1")).text).toMatch(/^delete-user /);
    expect((await client.post("/users/1")).text).toMatch(/^user /);
  });

  it("gives decoded parameters, since PATH_INFO is decoded", async () => {
    expect((await client.get("/users/J%C3%BCrgen%20M")).text).toContain('"id":"Jürgen M"');
  });

  it("matches the rest of the path, slashes and all, with *name", async () => {
    expect((await client.get("/files/docs/a/b.txt")).text).toContain('"path":"docs/a/b.txt"');
    expect((await client.get("/files/")).text).toContain('"path":""');
  });

  it("answers HEAD with a GET route, the server dropping the body", async () => {
    const response = await client.request("HEAD", "/users/1");
    expect([response.statusCode, response.text]).toEqual([200, ""]);
  });

  it("treats an empty PATH_INFO, the mount point itself, as /", async () => {
    const mounted = new TestClient(urlMap({ "/app": router([route("GET", "/", named("root"))]) }));
    expect((await mounted.get("/app")).text).toMatch(/^root /);
  });

  it("gives the parameters through routeParams, and says so when there is no route", () => {
    const environ = { "kit.route": { params: { id: "1" }, pattern: "/:id" } } as unknown as Environ;
    expect(routeParams(environ)).toEqual({ id: "1" });
    expect(() => routeParams({} as Environ)).toThrow(/router\(\)/);
  });
});

describe("router: 404 and 405", () => {
  it.each(["/nowhere", "/users", "/users/1/posts", "/users/1/"])(
    "answers 404 for %s",
    async (path) => {
      expect((await client.get(path)).statusCode).toBe(404);
    },
  );

  it("answers 405 with a sorted Allow header, HEAD implied by GET", async () => {
    const response = await client.request("PATCH", "/users/1");
    expect(response.statusCode).toBe(405);
    expect(response.header("Allow")).toBe("DELETE, GET, HEAD, POST");
  });

  it("does not imply HEAD for a route without GET", async () => {
    const response = await client.get("/upload");
    expect([response.statusCode, response.header("Allow")]).toEqual([405, "PUT"]);
  });
});

describe("router: refusing mistakes when the routes are made", () => {
  const app = named("x");

  it.each([
    ["users", /must start with "\/"/],
    ["/a//b", /empty segment/],
    ["/users/:", /not a parameter name/],
    ["/users/:1st", /not a parameter name/],
    ["/:a-:b", /not a parameter name/],
    ["/a/:id/b/:id", /appears twice/],
    ["/*rest/more", /must be the last segment/],
  ])("refuses the pattern %j", (pattern, message) => {
    expect(() => route("GET", pattern, app)).toThrow(message);
  });

  it("refuses a lower-case method, suggesting the right one", () => {
    expect(() => route("get", "/", app)).toThrow(/did you mean "GET"/);
  });

  it("refuses no method, or one that is not a token", () => {
    expect(() => route([], "/", app)).toThrow(/give a method/);
    expect(() => route("GET /", "/", app)).toThrow(/not an HTTP method/);
  });

  it("refuses something that is not an app, asking whether it was called", () => {
    expect(() => route("GET", "/", undefined as unknown as App)).toThrow(/did you call the app/);
  });

  it("refuses the same method and pattern twice", () => {
    expect(() => router([route(["GET", "POST"], "/a", app), route("POST", "/a", app)])).toThrow(
      /POST \/a is listed twice/,
    );
  });

  it("refuses entries not made by route()", () => {
    expect(() => router([{ pattern: "/", app } as never])).toThrow(/made by route/);
  });
});

describe("RoutePattern", () => {
  it.each([
    ["/", "/", {}],
    ["/", "/x", undefined],
    ["/users/", "/users/", {}],
    ["/users/", "/users", undefined],
    ["/a.b", "/a.b", {}],
    ["/a.b", "/axb", undefined],
    ["/*rest", "/any/thing", { rest: "any/thing" }],
    ["/v1:batch", "/v1:batch", {}],
  ])("matches %j against %j as %j", (pattern, path, params) => {
    expect(new RoutePattern(pattern).match(path)).toEqual(params);
  });
});
