/**
 * Exercise 11-safe-next: `safeNext(next)` keeps paths inside the app and
 * turns everything else into "/".
 */
import { describe, expect, it } from "vitest";
import { exerciseExport } from "../load-exercise.ts";
import { signinSection } from "./signin-tree.ts";

const section = signinSection("Exercise: safe redirects after sign-in");
const safeNext = await exerciseExport<(next: string | null | undefined) => string>(
  "signin/safe-redirect.ts",
  "safeNext",
  "function",
  section,
);

describe("safeNext", () => {
  it("keeps a path inside the app, with its query", () => {
    for (const path of ["/private", "/private?tab=2", "/a/b/c", "/"]) {
      expect(
        safeNext(path),
        `${JSON.stringify(path)} is a path of this app: keep it; ${section.see}`,
      ).toBe(path);
    }
  });

  it('gives "/" when there is no next', () => {
    for (const missing of [null, undefined, ""]) {
      expect(safeNext(missing), `${String(missing)} must give "/"; ${section.see}`).toBe("/");
    }
  });

  it('gives "/" for a URL with a scheme, or a path that does not start with "/"', () => {
    for (const next of [
      "https://evil.example/",
      "http:evil.example",
      "javascript:alert(1)",
      "evil.example",
      " /private",
    ]) {
      expect(
        safeNext(next),
        `${JSON.stringify(next)} does not start with "/": give "/"; ${section.see}`,
      ).toBe("/");
    }
  });

  it('gives "/" for "//host", which a browser reads as another site', () => {
    for (const next of ["//evil.example/", "///evil.example"]) {
      expect(
        safeNext(next),
        `${JSON.stringify(next)} starts with "//": give "/"; ${section.see}`,
      ).toBe("/");
    }
  });

  it('gives "/" for a backslash anywhere, which browsers read as "/"', () => {
    for (const next of ["/\\evil.example/", "/a\\b"]) {
      expect(
        safeNext(next),
        `${JSON.stringify(next)} holds a backslash: give "/"; ${section.see}`,
      ).toBe("/");
    }
  });

  it('gives "/" for a control character anywhere, which browsers drop', () => {
    for (const next of [
      "/\t/evil.example/",
      "/\n/evil.example",
      "/\r/x",
      "/\u0000x",
      "/\u007f/x",
      "/\u0085/x",
    ]) {
      expect(
        safeNext(next),
        `${JSON.stringify(next)} holds a control character: give "/" (test for /\\p{Cc}/u); ${section.see}`,
      ).toBe("/");
    }
  });
});
