import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CliError } from "../../../gateway/cli/cli-error.ts";
import { loadApp, splitTarget } from "../../../gateway/cli/load-app.ts";

const fixtures = fileURLToPath(new URL("../../fixtures/cli/", import.meta.url));

describe("splitTarget", () => {
  it("takes the whole operand as the file when there is no export", () => {
    expect(splitTarget("lessons/03-gateway-app/demo/app.ts")).toEqual({
      file: "lessons/03-gateway-app/demo/app.ts",
      exportName: undefined,
    });
  });

  it("splits the export after the last colon", () => {
    expect(splitTarget("demo/app.ts:hello")).toEqual({ file: "demo/app.ts", exportName: "hello" });
  });

  it("keeps a Windows drive letter in the file", () => {
    expect(splitTarget("C:\\app.ts")).toEqual({ file: "C:\\app.ts", exportName: undefined });
  });

  it("splits a Windows path with an export", () => {
    expect(splitTarget("C:\\dir\\app.ts:app")).toEqual({
      file: "C:\\dir\\app.ts",
      exportName: "app",
    });
  });

  it("does not split when what follows the colon is not an identifier", () => {
    expect(splitTarget("C:/dir/app.ts:")).toEqual({
      file: "C:/dir/app.ts:",
      exportName: undefined,
    });
    expect(splitTarget("app.ts:2fast")).toEqual({ file: "app.ts:2fast", exportName: undefined });
    expect(splitTarget("D:\\x:y\\app.ts")).toEqual({
      file: "D:\\x:y\\app.ts",
      exportName: undefined,
    });
  });

  it("accepts any JavaScript identifier as the export, default included", () => {
    expect(splitTarget("app.ts:$app_2").exportName).toBe("$app_2");
    expect(splitTarget("app.ts:default").exportName).toBe("default");
    expect(splitTarget("app.ts:grüße").exportName).toBe("grüße");
  });
});

describe("loadApp", () => {
  it("loads the export called app by default", async () => {
    const loaded = await loadApp("apps.ts", fixtures);
    expect(loaded.exportName).toBe("app");
    expect(loaded.file).toBe("apps.ts");
    expect(typeof loaded.app).toBe("function");
  });

  it("falls back to the default export", async () => {
    const loaded = await loadApp("default-export.ts", fixtures);
    expect(loaded.exportName).toBe("default");
  });

  it("loads the export named after the colon", async () => {
    const loaded = await loadApp("apps.ts:echo", fixtures);
    expect(loaded.exportName).toBe("echo");
  });

  it("loads a file given by its absolute path", async () => {
    const loaded = await loadApp(`${resolve(fixtures, "apps.ts")}:untyped`);
    expect(loaded.exportName).toBe("untyped");
  });

  it("says where it looked for a file that does not exist", async () => {
    const error = await loadApp("lessons/03/app.ts", fixtures).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(
      `cannot find lessons/03/app.ts (looked in ${resolve(fixtures, "lessons/03/app.ts")}). Check the path.`,
    );
  });

  it("says that a folder is not a file", async () => {
    await expect(loadApp(".", fixtures)).rejects.toThrow(/\. is a folder, not a file/);
  });

  it("lists the exports that exist when the named one does not", async () => {
    await expect(loadApp("apps.ts:ap", fixtures)).rejects.toThrow(
      "apps.ts exports no `ap` (it exports: app, echo, notAnApp, untyped). Name one, as in apps.ts:app.",
    );
  });

  it("lists the exports when there is neither app nor a default", async () => {
    await expect(loadApp("no-app.ts", fixtures)).rejects.toThrow(
      "no-app.ts exports neither `app` nor a default (it exports: helper, version).",
    );
  });

  it("says how to export an app from a module that exports nothing", async () => {
    await expect(loadApp("nothing.ts", fixtures)).rejects.toThrow(
      "nothing.ts exports nothing: add `export const app: App = ...` to it.",
    );
  });

  it("refuses an export that is not a function", async () => {
    await expect(loadApp("apps.ts:notAnApp", fixtures)).rejects.toThrow(
      "apps.ts:notAnApp is an object, not a function: an app is a function of (environ, startResponse).",
    );
  });
});
