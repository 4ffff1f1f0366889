import { realpathSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveInside } from "../../../gateway/kit/static-path.ts";
import { makeSite, WINDOWS_NAMES } from "./static-site.ts";

const site = makeSite();
afterAll(site.remove);
const root = realpathSync(site.root);

describe("resolveInside", () => {
  it("gives the real path of a file under the root", async () => {
    expect(await resolveInside(root, "/docs/guide.txt")).toBe(path.join(root, "docs", "guide.txt"));
  });

  it("gives the root itself for / and for an empty path", async () => {
    expect(await resolveInside(root, "/")).toBe(root);
    expect(await resolveInside(root, "")).toBe(root);
  });

  it("follows a link to the file it points at, inside the root", async () => {
    expect(await resolveInside(root, "/linked-docs/guide.txt")).toBe(
      path.join(root, "docs", "guide.txt"),
    );
  });

  it("accepts a name that only starts like a Windows device name", async () => {
    expect(await resolveInside(root, "/console.log")).toBe(path.join(root, "console.log"));
  });

  it.each([
    "/../outside/secret.txt",
    "/docs/../../outside/secret.txt",
    "/..\\outside\\secret.txt",
    "/hello.txt\0.png",
    "/escape/secret.txt",
    "/escape",
    "/.env",
    "/missing.txt",
    "/hello.txt/more",
    "/unhidden/config",
    "/C:/Windows/win.ini",
    ...WINDOWS_NAMES.map((name) => `/${name}`),
  ])("refuses %j", async (pathInfo) => {
    expect(await resolveInside(root, pathInfo)).toBeUndefined();
  });
});
