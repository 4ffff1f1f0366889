import { describe, expect, it } from "vitest";
import { BadRequest } from "../../gateway/environ.ts";
import { addHeader, headerKey, headerName, joinRepeated } from "../../gateway/request-headers.ts";

describe("headerKey", () => {
  it("names a header HTTP_ and its name upper-cased, with - as _", () => {
    expect(headerKey("X-Forwarded-For")).toBe("HTTP_X_FORWARDED_FOR");
  });

  it("gives Content-Type and Content-Length their CGI names", () => {
    expect(headerKey("content-type")).toBe("CONTENT_TYPE");
    expect(headerKey("Content-Length")).toBe("CONTENT_LENGTH");
  });

  it("has no key for a name with an underscore", () => {
    expect(headerKey("X_User")).toBeUndefined();
  });

  it("has no key for a name with a dot, which would read as a namespaced key", () => {
    expect(headerKey("X.Custom")).toBeUndefined();
    expect(headerKey("gateway.input")).toBeUndefined();
  });

  it("gives the same keys for names it has seen before, and for a flood of new names", () => {
    for (let round = 0; round < 2; round++) {
      expect(headerKey("X_User")).toBeUndefined();
      expect(headerKey("content-type")).toBe("CONTENT_TYPE");
      for (let i = 0; i < 1000; i++) expect(headerKey(`X-Name-${i}`)).toBe(`HTTP_X_NAME_${i}`);
    }
  });
});

describe("addHeader", () => {
  it("joins a repeated header with a comma, and Cookie with a semicolon", () => {
    const environ: Record<string, unknown> = {};
    addHeader(environ, "Accept", "text/html");
    addHeader(environ, "Accept", "text/plain");
    addHeader(environ, "Cookie", "a=1");
    addHeader(environ, "Cookie", "b=2");
    expect(environ).toEqual({ HTTP_ACCEPT: "text/html, text/plain", HTTP_COOKIE: "a=1; b=2" });
  });

  it("drops a header with an underscore in its name", () => {
    const environ: Record<string, unknown> = {};
    addHeader(environ, "X_User", "mallory");
    expect(environ).toEqual({});
  });

  it("refuses a second line of a header that holds one value, naming it", () => {
    const environ: Record<string, unknown> = {};
    addHeader(environ, "Host", "a");
    expect(() => addHeader(environ, "host", "evil")).toThrow(BadRequest);
    expect(() => addHeader(environ, "host", "evil")).toThrow(
      "the request has more than one host header, which holds a single value",
    );
    expect(environ.HTTP_HOST).toBe("a");
  });
});

describe("joinRepeated", () => {
  it("refuses every header Node keeps only one of, and Host", () => {
    for (const name of [
      "Host",
      "Content-Type",
      "Content-Length",
      "Authorization",
      "Proxy-Authorization",
      "From",
      "Referer",
      "User-Agent",
      "If-Modified-Since",
      "If-Unmodified-Since",
      "Max-Forwards",
      "Age",
      "Expires",
      "Retry-After",
      "ETag",
      "Last-Modified",
      "Location",
      "Server",
    ]) {
      const key = headerKey(name) as string;
      expect(() => joinRepeated(key, "a", "b"), name).toThrow(BadRequest);
    }
  });

  it("refuses Content-Type and Content-Length repeated under their HTTP_ names, as FastCGI passes them", () => {
    expect(() => joinRepeated("HTTP_CONTENT_TYPE", "a", "b")).toThrow(/content-type/);
    expect(() => joinRepeated("HTTP_CONTENT_LENGTH", "1", "1")).toThrow(/content-length/);
  });

  it("joins a list with a comma and a space, and Cookie with a semicolon", () => {
    expect(joinRepeated("HTTP_X_FORWARDED_FOR", "10.0.0.1", "10.0.0.2")).toBe("10.0.0.1, 10.0.0.2");
    expect(joinRepeated("HTTP_COOKIE", "a=1", "b=2")).toBe("a=1; b=2");
  });
});

describe("headerName", () => {
  it("is the way back from headerKey, in lower case", () => {
    expect(headerName("HTTP_ACCEPT_LANGUAGE")).toBe("accept-language");
    expect(headerName("CONTENT_TYPE")).toBe("content-type");
    expect(headerName("PATH_INFO")).toBeUndefined();
  });
});
