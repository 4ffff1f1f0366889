import { describe, expect, it } from "vitest";
import { extractRegion, regionNames } from "../../../scripts/docs/regions.ts";

const source = [
  "import x from 'y';",
  "",
  "// #region outer",
  "export function outer() {",
  "  // #region inner",
  "  return 1;",
  "  // #endregion inner",
  "}",
  "// #endregion outer",
  "",
  "class A {",
  "  // #region method",
  "  method() {",
  "    return 2;",
  "  }",
  "  // #endregion",
  "}",
  "",
].join("\n");

describe("extractRegion", () => {
  it("returns a named region without its markers or those nested inside", () => {
    expect(extractRegion(source, "outer")).toEqual({
      code: "export function outer() {\n  return 1;\n}",
    });
  });

  it("returns a region nested in another", () => {
    expect(extractRegion(source, "inner")).toEqual({ code: "return 1;" });
  });

  it("dedents a region, and closes it at an unnamed #endregion", () => {
    expect(extractRegion(source, "method")).toEqual({
      code: "method() {\n  return 2;\n}",
    });
  });

  it("returns the whole file without markers when no region is named", () => {
    const result = extractRegion(source);
    expect("code" in result && result.code).not.toContain("#region");
    expect(
      "code" in result && result.code.startsWith("import x from 'y';\n\nexport function outer"),
    ).toBe(true);
  });

  it("reads markers in # and <!-- --> comments, and Windows line endings", () => {
    expect(extractRegion("# #region port\r\nListen 80\r\n# #endregion port\r\n", "port")).toEqual({
      code: "Listen 80",
    });
    expect(
      extractRegion("<!-- #region body -->\n<p>hi</p>\n<!-- #endregion body -->", "body"),
    ).toEqual({
      code: "<p>hi</p>",
    });
  });

  it("says which regions exist when the one asked for does not", () => {
    expect(extractRegion(source, "nowhere")).toEqual({
      problem:
        'has no region "nowhere" (its regions: outer, inner, method; mark one with "// #region nowhere")',
    });
  });

  it("reports a region that never closes", () => {
    expect(extractRegion("// #region open\ncode\n", "open")).toEqual({
      problem: 'never closes region "open" ("// #endregion open")',
    });
  });
});

describe("regionNames", () => {
  it("lists the named regions in order", () => {
    expect(regionNames(source)).toEqual(["outer", "inner", "method"]);
  });
});
