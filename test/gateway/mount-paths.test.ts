import { describe, expect, it } from "vitest";
import { isMountPoint, pathUnder } from "../../gateway/mount-paths.ts";

describe("isMountPoint and pathUnder", () => {
  it.each(["/app", "/shop/admin", "/a b"])("takes %j as a mount point", (prefix) => {
    expect(isMountPoint(prefix)).toBe(true);
  });

  it.each(["", "/", "app", "/app/", "//app", "/a//b"])("refuses %j as a mount point", (prefix) => {
    expect(isMountPoint(prefix)).toBe(false);
  });

  it.each([
    ["/app", "/app", ""],
    ["/app/", "/app", "/"],
    ["/app/x/y", "/app", "/x/y"],
    ["/shop/admin/users", "/shop/admin", "/users"],
    ["/x", "", "/x"],
    ["", "", ""],
  ])("gives %j under %j the PATH_INFO %j", (path, prefix, rest) => {
    expect(pathUnder(path, prefix)).toBe(rest);
  });

  it.each([
    ["/apple", "/app"],
    ["/", "/app"],
    ["", "/app"],
    ["/other/app", "/app"],
  ])("finds %j not under %j: the prefix matches whole segments", (path, prefix) => {
    expect(pathUnder(path, prefix)).toBeUndefined();
  });
});
