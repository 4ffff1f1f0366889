import { describe, expect, it } from "vitest";
import { fileValidators } from "../../../gateway/kit/conditional-requests.ts";

describe("fileValidators", () => {
  const stat = { size: 11, mtimeMs: 1_700_000_000_123.4 };

  it("makes a weak ETag from the size and the modification time", () => {
    expect(fileValidators(stat).etag).toBe('W/"b-18bcfe5687b"');
  });

  it("writes Last-Modified as an HTTP date, to the second", () => {
    expect(fileValidators(stat).lastModified).toBe("Tue, 14 Nov 2023 22:13:20 GMT");
  });

  it("changes the ETag when the size or the time changes", () => {
    const { etag } = fileValidators(stat);
    expect(fileValidators({ ...stat, size: 12 }).etag).not.toBe(etag);
    expect(fileValidators({ ...stat, mtimeMs: stat.mtimeMs + 1 }).etag).not.toBe(etag);
  });
});
