import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { urlMap } from "../../../gateway/kit/url-map.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";

/** An app that answers with its name and the SCRIPT_NAME / PATH_INFO it was given. */
function where(name: string): App {
  return (environ, startResponse) => {
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [encode(`${name} ${JSON.stringify([environ.SCRIPT_NAME, environ.PATH_INFO])}`)];
  };
}

describe("urlMap", () => {
  const client = new TestClient(
    urlMap({ "/": where("home"), "/blog": where("blog"), "/blog/admin": where("admin") }),
  );

  it.each([
    ["/", 'home ["","/"]'],
    ["/about", 'home ["","/about"]'],
    ["/blog", 'blog ["/blog",""]'],
    ["/blog/", 'blog ["/blog","/"]'],
    ["/blog/2024/hello", 'blog ["/blog","/2024/hello"]'],
    ["/blog/admin/users", 'admin ["/blog/admin","/users"]'],
    ["/blogger", 'home ["","/blogger"]'],
    ["/blog/administrator", 'blog ["/blog","/administrator"]'],
  ])("sends %s to the longest prefix, moving it to SCRIPT_NAME", async (path, answer) => {
    expect((await client.get(path)).text).toBe(answer);
  });

  it("answers 404 when no prefix matches", async () => {
    const response = await new TestClient(urlMap({ "/blog": where("blog") })).get("/blogger");
    expect(response.statusCode).toBe(404);
  });

  it("adds to a SCRIPT_NAME the app already had, as when mounted twice", async () => {
    const nested = urlMap({ "/shop": urlMap({ "/cart": where("cart") }) });
    const response = await new TestClient(nested).get("/shop/cart/items", {
      environ: { SCRIPT_NAME: "/site" },
    });
    expect(response.text).toBe('cart ["/site/shop/cart","/items"]');
  });

  it("gives the mounted app a copy, so the environ outside keeps its paths", async () => {
    let seen = "";
    const outer: App = (environ, startResponse) => {
      const body = urlMap({ "/blog": where("blog") })(environ, startResponse);
      seen = `${environ.SCRIPT_NAME}|${environ.PATH_INFO}`;
      return body;
    };
    await new TestClient(outer).get("/blog/post");
    expect(seen).toBe("|/blog/post");
  });

  it("matches prefixes with case, as paths are case-sensitive", async () => {
    expect((await client.get("/Blog")).text).toBe('home ["","/Blog"]');
  });

  it.each(["blog", "/blog/", "//blog", "/a//b", ""])(
    "refuses the prefix %j when mounting",
    (prefix) => {
      expect(() => urlMap({ [prefix]: where("x") })).toThrow(/leading "\/" and no trailing "\/"/);
    },
  );

  it("refuses something that is not an app, asking whether it was called", () => {
    expect(() => urlMap({ "/x": "oops" as unknown as App })).toThrow(/did you call the app/);
  });
});
