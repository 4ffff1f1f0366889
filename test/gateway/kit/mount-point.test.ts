import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { mountedAt } from "../../../gateway/kit/mount-point.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ } from "../../../gateway/types.ts";

/** Answers with the SCRIPT_NAME and PATH_INFO it was given. */
const where: App = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [encode(JSON.stringify([environ.SCRIPT_NAME, environ.PATH_INFO]))];
};

const client = new TestClient(mountedAt("/app")(where));

/** What Apache's mod_proxy_fcgi sends for a request: the whole decoded path in SCRIPT_NAME. */
function fromApache(requestUri: string): Partial<Environ> {
  const path = decodeURIComponent(requestUri.split("?")[0] ?? "");
  return { REQUEST_URI: requestUri, SCRIPT_NAME: path, PATH_INFO: "" };
}

describe("mountedAt", () => {
  it.each([
    ["/app", '["/app",""]'],
    ["/app/", '["/app","/"]'],
    ["/app/hello?x=1", '["/app","/hello"]'],
    ["/app/hello%20world/x?y=1", '["/app","/hello world/x"]'],
    ["/app/caf%C3%A9", '["/app","/café"]'],
  ])("splits %s into SCRIPT_NAME and PATH_INFO", async (target, answer) => {
    expect((await client.get(target)).text).toBe(answer);
  });

  it("puts right what Apache's mod_proxy_fcgi sends: the whole path in SCRIPT_NAME", async () => {
    const target = "/app/hello%20world/x?y=1";
    const response = await client.get(target, { environ: fromApache(target) });
    expect(response.text).toBe('["/app","/hello world/x"]');
  });

  it("works from REQUEST_URI alone, so nginx's split comes out as it went in and a wrong one is put right", async () => {
    // nginx, told to split the path (fastcgi_split_path_info), sends the pair this app wants.
    const nginx = { SCRIPT_NAME: "/app", PATH_INFO: "/hello world/x" };
    const fromNginx = await client.get("/app/hello%20world/x?y=1", { environ: nginx });
    expect(fromNginx.text).toBe('["/app","/hello world/x"]');
    const wrong = { SCRIPT_NAME: "/elsewhere", PATH_INFO: "/wrong" };
    expect((await client.get("/app/right", { environ: wrong })).text).toBe('["/app","/right"]');
  });

  it("matches whole segments only: /apple is not under /app", async () => {
    const response = await client.get("/apple");
    expect(response.statusCode).toBe(404);
    expect(response.text).toContain("This app is mounted at /app/.");
  });

  it("answers 404 for a request outside the prefix", async () => {
    expect((await client.get("/")).statusCode).toBe(404);
    expect((await client.get("/other/app")).statusCode).toBe(404);
  });

  it("answers 400 for a path that is not valid percent-encoded UTF-8", async () => {
    // As Apache would pass it on; the test client itself refuses such a path.
    const response = await client.get("/app/x", { environ: { REQUEST_URI: "/app/%FF" } });
    expect(response.statusCode).toBe(400);
    expect(response.text).toContain("not valid percent-encoded UTF-8");
  });

  it.each([
    ["/app/x/../y", "/y", '["/app","/x/../y"]'],
    ["/app//x", "/x", '["/app","//x"]'],
  ])(
    "keeps %s as the client sent it, where nginx's split has %s",
    async (target, split, answer) => {
      // nginx sends the path it normalised, split; mountedAt reads REQUEST_URI instead.
      const nginx = { REQUEST_URI: target, SCRIPT_NAME: "/app", PATH_INFO: split };
      expect((await client.get("/app/x", { environ: nginx })).text).toBe(answer);
    },
  );

  it("answers 404 for a path that reaches the prefix only once .. is removed", async () => {
    const nginx = { REQUEST_URI: "/x/../app/y", SCRIPT_NAME: "/app", PATH_INFO: "/y" };
    expect((await client.get("/app/y", { environ: nginx })).statusCode).toBe(404);
  });

  it("matches prefixes of several segments", async () => {
    const deep = new TestClient(mountedAt("/shop/admin")(where));
    expect((await deep.get("/shop/admin/users")).text).toBe('["/shop/admin","/users"]');
  });

  it.each(["app", "/app/", "/", "", "//app", "/a//b"])(
    "refuses the prefix %j when mounting",
    (prefix) => {
      expect(() => mountedAt(prefix)).toThrow(/leading "\/" and no trailing "\/"/);
    },
  );
});
