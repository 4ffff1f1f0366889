import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findProgram, programCommand } from "../../gateway/cgi-program.ts";
import { metaVariables } from "../../gateway/cgi-variables.ts";
import { TestClient } from "../../gateway/test-client.ts";
import type { Environ } from "../../gateway/types.ts";

const folder = fileURLToPath(new URL("../fixtures/cgi", import.meta.url));

describe("findProgram", () => {
  it("splits the path after the first file it meets, walking down folders", async () => {
    expect(await findProgram(folder, "/nested/where.mjs/a/b")).toEqual({
      file: join(folder, "nested", "where.mjs"),
      scriptName: "/nested/where.mjs",
      pathInfo: "/a/b",
    });
    expect(await findProgram(folder, "/echo.mjs")).toMatchObject({ pathInfo: "" });
    expect(await findProgram(folder, "/echo.mjs/")).toMatchObject({ pathInfo: "/" });
  });

  it.each([
    "/missing.mjs",
    "/",
    "/nested",
    "/../cgi/echo.mjs",
    "/nested/../echo.mjs",
    "/./echo.mjs",
    "/nested\\..\\echo.mjs",
    "/echo.mjs\0",
    "//echo.mjs",
    "/C:/echo.mjs",
    "echo.mjs",
  ])("finds no program at %j", async (path) => {
    expect(await findProgram(folder, path)).toBeUndefined();
  });
});

describe("programCommand", () => {
  it("starts TypeScript through node and the tsx loader, JavaScript through node", async () => {
    const typescript = await programCommand(join(folder, "hello.ts"));
    expect(typescript?.slice(0, 2)).toEqual([process.execPath, "--import"]);
    expect(typescript?.[2]).toMatch(/^file:\/\/.*tsx/);
    expect(await programCommand(join(folder, "echo.mjs"))).toEqual([
      process.execPath,
      join(folder, "echo.mjs"),
    ]);
  });

  it("refuses a file that is neither a script nor executable", async () => {
    expect(await programCommand(join(folder, "notes.txt"))).toBeUndefined();
  });
});

describe("metaVariables", () => {
  const program = { file: join(folder, "echo.mjs"), scriptName: "/echo.mjs", pathInfo: "/a/b" };

  function environFor(path: string, headers: Record<string, string>): Environ {
    const environ = new TestClient(() => []).environ("POST", path, { headers, body: "hi" }, []);
    return { ...environ, SCRIPT_NAME: "/cgi", "gateway.url_scheme": "https" };
  }

  it("passes the request as RFC 3875 meta-variables, under the host's mount point", () => {
    const env = metaVariables(environFor("/echo.mjs/a/b?x=1", {}), program, folder, {});
    expect(env).toEqual({
      GATEWAY_INTERFACE: "CGI/1.1",
      SERVER_SOFTWARE: expect.stringMatching(/\S/),
      SERVER_NAME: "localhost",
      SERVER_PORT: "80",
      SERVER_PROTOCOL: "HTTP/1.1",
      REQUEST_METHOD: "POST",
      SCRIPT_NAME: "/cgi/echo.mjs",
      PATH_INFO: "/a/b",
      PATH_TRANSLATED: join(folder, "a", "b"),
      QUERY_STRING: "x=1",
      REQUEST_URI: "/echo.mjs/a/b?x=1",
      CONTENT_LENGTH: "2",
      REMOTE_ADDR: "127.0.0.1",
      REMOTE_HOST: "127.0.0.1",
      HTTPS: "on",
      HTTP_HOST: "localhost",
    });
  });

  it("keeps credentials, the Proxy header and the host's variables from the program, but not PATH", () => {
    const headers = {
      Authorization: "Basic c2VjcmV0",
      Proxy: "http://evil.example",
      "X-Trace": "1",
    };
    const hostEnv = { PATH: "/usr/bin", HOME: "/root", SECRET_KEY: "s3cret" };
    const env = metaVariables(environFor("/echo.mjs", headers), program, folder, hostEnv);
    expect(env).toMatchObject({ PATH: "/usr/bin", HTTP_X_TRACE: "1" });
    for (const name of ["HTTP_AUTHORIZATION", "HTTP_PROXY", "HOME", "SECRET_KEY"]) {
      expect(env).not.toHaveProperty(name);
    }
  });
});
