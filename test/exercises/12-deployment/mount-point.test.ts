/**
 * Exercise 12-mount-point: a middleware that cuts the path at the mount
 * point, from REQUEST_URI, with the environs Apache and nginx really send.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient, type TestResponse } from "../../../gateway/test-client.ts";
import type { App, Environ, Middleware } from "../../../gateway/types.ts";
import { validator } from "../../../gateway/validator/index.ts";
import { caught, exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("12-deployment", "Exercise: tell the app where it is mounted");
const file = "12-deployment/mount-point.ts";
type MountedAt = (prefix: string) => Middleware;
const mountedAt = await exerciseExport<MountedAt>(file, "mountedAt", "function", section);

/** Says what it was given, and links to "next" from SCRIPT_NAME, as lesson 12's app does. */
const showPaths: App = (environ, startResponse) => {
  const body = encode(
    JSON.stringify({
      SCRIPT_NAME: environ.SCRIPT_NAME,
      PATH_INFO: environ.PATH_INFO,
      QUERY_STRING: environ.QUERY_STRING,
      link: `${environ.SCRIPT_NAME}/next`,
    }),
  );
  startResponse("200 OK", [
    ["Content-Type", "application/json"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
};

interface Seen {
  SCRIPT_NAME: string;
  PATH_INFO: string;
  QUERY_STRING: string;
  link: string;
}

/** GET `target` through mountedAt("/app"), with the environ keys a web server would set. */
async function get(target: string, keys: Partial<Environ> = {}): Promise<TestResponse> {
  // The inner validator checks the environ mountedAt hands the app; the client's, the answer.
  const client = new TestClient(mountedAt("/app")(validator(showPaths)));
  return client.get(target, { environ: keys });
}

/** What the app saw, once the response says it was called. */
function seen(response: TestResponse, what: string): Seen {
  expect(
    response.statusCode,
    `${what} is under /app: call the app${caught(response)}; ${section.see}`,
  ).toBe(200);
  return response.json() as Seen;
}

/** The pair as a message shows it: 'SCRIPT_NAME "/app", PATH_INFO "/x"'. */
function split({ SCRIPT_NAME, PATH_INFO }: Pick<Seen, "SCRIPT_NAME" | "PATH_INFO">): string {
  return `SCRIPT_NAME ${JSON.stringify(SCRIPT_NAME)}, PATH_INFO ${JSON.stringify(PATH_INFO)}`;
}

/** Apache's mod_proxy_fcgi, measured in the lesson: the whole path in SCRIPT_NAME, no PATH_INFO. */
const apache = { SCRIPT_NAME: "/app/hello world/x", PATH_INFO: "" };
/** nginx with fastcgi_split_path_info: the split is already right. */
const nginx = { SCRIPT_NAME: "/app", PATH_INFO: "/hello world/x" };

describe("mountedAt", () => {
  it("splits Apache's whole-path SCRIPT_NAME again at the mount point", async () => {
    const response = await get("/app/hello%20world/x?y=1", apache);
    const got = split(seen(response, "/app/hello%20world/x"));
    expect(
      got,
      `behind Apache the app must get SCRIPT_NAME "/app" and PATH_INFO "/hello world/x" (decoded), cut from REQUEST_URI, not from the SCRIPT_NAME Apache sent; it got ${got}; ${section.see}`,
    ).toBe(split(nginx));
  });

  it("leaves nginx's split as it is", async () => {
    const response = await get("/app/hello%20world/x?y=1", nginx);
    const got = split(seen(response, "/app/hello%20world/x"));
    expect(
      got,
      `nginx already sends SCRIPT_NAME "/app" and PATH_INFO "/hello world/x": your cut must give the same, not ${got}; ${section.see}`,
    ).toBe(split(nginx));
  });

  it("reads the path from REQUEST_URI, as the client sent it, not as nginx cleaned it", async () => {
    // nginx merges the slashes of /app//x before it splits; REQUEST_URI keeps them.
    const response = await get("/app//x", { SCRIPT_NAME: "/app", PATH_INFO: "/x" });
    const { PATH_INFO } = seen(response, "/app//x");
    expect(
      PATH_INFO,
      `take the path from REQUEST_URI (targetVariables(environ.REQUEST_URI).PATH_INFO), not from SCRIPT_NAME and PATH_INFO, which each server cuts and cleans its own way: for /app//x, PATH_INFO is "//x"; ${section.see}`,
    ).toBe("//x");
  });

  it("keeps the query string out of PATH_INFO, and as the server sent it", async () => {
    const { PATH_INFO, QUERY_STRING } = seen(
      await get("/app/x?y=1&z=%20", { SCRIPT_NAME: "/app/x", PATH_INFO: "" }),
      "/app/x",
    );
    expect(
      PATH_INFO,
      `REQUEST_URI holds the query too: PATH_INFO is the path before the "?"; ${section.see}`,
    ).toBe("/x");
    expect(
      QUERY_STRING,
      `leave QUERY_STRING as the server sent it (copy the environ: { ...environ, SCRIPT_NAME, PATH_INFO }); ${section.see}`,
    ).toBe("y=1&z=%20");
  });

  it('gives the mount point itself, "/app", an empty PATH_INFO', async () => {
    const response = await get("/app", { SCRIPT_NAME: "/app", PATH_INFO: "" });
    const got = split(seen(response, '"/app" itself'));
    expect(
      got,
      `"/app" is the mount point: SCRIPT_NAME "/app" and PATH_INFO "" (PEP 3333 allows an empty PATH_INFO; "/" would be "/app/"), not ${got}; ${section.see}`,
    ).toBe(split({ SCRIPT_NAME: "/app", PATH_INFO: "" }));
  });

  it('gives "/app/" a PATH_INFO of "/"', async () => {
    const { PATH_INFO } = seen(
      await get("/app/", { SCRIPT_NAME: "/app/", PATH_INFO: "" }),
      "/app/",
    );
    expect(PATH_INFO, `everything after "/app" is PATH_INFO, here "/"; ${section.see}`).toBe("/");
  });

  it('answers 404 for "/apple", which is not under "/app"', async () => {
    const response = await get("/apple/pie", { SCRIPT_NAME: "/apple/pie", PATH_INFO: "" });
    expect(
      response.status,
      `a prefix matches whole segments: "/apple" is not "/app" followed by "/" or nothing, so answer 404 without calling the app${caught(response)}; ${section.see}`,
    ).toBe("404 Not Found");
  });

  it("answers 404 for a path outside the prefix, without calling the app", async () => {
    const response = await get("/other/page", { SCRIPT_NAME: "/other/page", PATH_INFO: "" });
    expect(
      response.status,
      `"/other/page" is not under "/app": answer 404 Not Found yourself${caught(response)}; ${section.see}`,
    ).toBe("404 Not Found");
    expect(
      response.header("Content-Type")?.startsWith("text/plain"),
      `the 404 needs a body saying what is wrong, with Content-Type text/plain; ${section.see}`,
    ).toBe(true);
    expect(
      response.text,
      `the 404 comes from mountedAt, not from the app; ${section.see}`,
    ).not.toContain("SCRIPT_NAME");
  });

  it("lets the app build a right link from SCRIPT_NAME behind Apache", async () => {
    const { link } = seen(await get("/app/hello%20world/x?y=1", apache), "/app/hello%20world/x");
    expect(
      link,
      `a link built from SCRIPT_NAME must go to "/app/next", not under the current page ("/app/hello world/x/next"); ${section.see}`,
    ).toBe("/app/next");
  });
});
