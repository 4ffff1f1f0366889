import { describe, expect, it } from "vitest";
import { mediaType } from "../../../gateway/kit/media-types.ts";

describe("mediaType", () => {
  it.each([
    ["index.html", "text/html; charset=utf-8"],
    ["app.js", "text/javascript; charset=utf-8"],
    ["data.json", "application/json"],
    ["icon.svg", "image/svg+xml"],
    ["PHOTO.JPG", "image/jpeg"],
    ["font.woff2", "font/woff2"],
    ["archive.tar.gz", "application/gzip"],
    ["README", "application/octet-stream"],
    ["notes.xyz", "application/octet-stream"],
  ])("names %s as %s", (file, type) => {
    expect(mediaType(file)).toBe(type);
  });
});
