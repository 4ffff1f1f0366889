import { describe, expect, it } from "vitest";
import { expiredCookie, parseCookies, serializeCookie } from "../../../gateway/kit/cookies.ts";
import type { Environ } from "../../../gateway/types.ts";

function cookiesOf(header: string | undefined): Record<string, string> {
  return Object.fromEntries(parseCookies({ HTTP_COOKIE: header } as unknown as Environ));
}

describe("parseCookies", () => {
  it("reads name=value pairs separated by semicolons", () => {
    expect(cookiesOf("theme=dark; lang=en;sid=abc")).toEqual({
      theme: "dark",
      lang: "en",
      sid: "abc",
    });
  });

  it("gives an empty map when there is no Cookie header", () => {
    expect(cookiesOf(undefined)).toEqual({});
  });

  it("keeps the first value of a name, the one for the longest Path", () => {
    expect(cookiesOf("sid=inner; sid=outer")).toEqual({ sid: "inner" });
  });

  it("percent-decodes values, drops surrounding quotes, and keeps what does not decode", () => {
    expect(cookiesOf('name=J%C3%BCrgen; quoted="a b"; odd=100%; empty=')).toEqual({
      name: "Jürgen",
      quoted: "a b",
      odd: "100%",
      empty: "",
    });
  });

  it("keeps = signs inside a value, as in base64", () => {
    expect(cookiesOf("token=YWJj==")).toEqual({ token: "YWJj==" });
  });

  it("skips junk without failing: pairs without =, names that are not tokens, empty parts", () => {
    expect(cookiesOf(";; junk; =nameless; bad name=1; {x}=2; ok=yes")).toEqual({ ok: "yes" });
  });

  it("does not let a cookie named __proto__ change anything but its own entry", () => {
    const cookies = parseCookies({ HTTP_COOKIE: "__proto__=x; a=1" } as unknown as Environ);
    expect([cookies.get("__proto__"), cookies.get("a")]).toEqual(["x", "1"]);
  });
});

describe("serializeCookie", () => {
  it("writes every attribute", () => {
    const header = serializeCookie("sid", "abc", {
      maxAge: 3600,
      expires: new Date(Date.UTC(2030, 0, 1)),
      domain: "example.com",
      path: "/app",
      secure: true,
      httpOnly: true,
      sameSite: "None",
      partitioned: true,
    });
    expect(header).toBe(
      "sid=abc; Max-Age=3600; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=None; Partitioned",
    );
  });

  it("writes just the pair when given no options", () => {
    expect(serializeCookie("theme", "dark")).toBe("theme=dark");
  });

  it("percent-encodes the value, so that ; , spaces and quotes cannot break the header", () => {
    const header = serializeCookie("note", 'a; b, "c" é');
    expect(header).toBe("note=a%3B%20b%2C%20%22c%22%20%C3%A9");
    expect(cookiesOf(header)).toEqual({ note: 'a; b, "c" é' });
  });

  it.each(["", "a b", "a;b", "a=b", "é", '"q"'])(
    "refuses the name %j, which is not a token",
    (name) => {
      expect(() => serializeCookie(name, "x")).toThrow(/not a token/);
    },
  );

  it("refuses SameSite=None without Secure, saying what to add", () => {
    expect(() => serializeCookie("sid", "x", { sameSite: "None" })).toThrow(
      /SameSite=None needs Secure: add secure: true/,
    );
  });

  it("refuses Partitioned without Secure", () => {
    expect(() => serializeCookie("sid", "x", { partitioned: true })).toThrow(
      /Partitioned needs Secure/,
    );
  });

  it("keeps to the rules of the __Secure- and __Host- prefixes", () => {
    expect(() => serializeCookie("__Secure-sid", "x")).toThrow(/__Secure- prefix needs Secure/);
    expect(() => serializeCookie("__Host-sid", "x", { secure: true })).toThrow(
      /path: "\/" and no domain/,
    );
    expect(serializeCookie("__Host-sid", "x", { secure: true, path: "/" })).toBe(
      "__Host-sid=x; Path=/; Secure",
    );
  });

  it.each([
    [{ maxAge: 1.5 }, /whole number of seconds/],
    [{ expires: new Date(Number.NaN) }, /valid Date/],
    [{ path: "/a;b" }, /path "\/a;b" may not hold/],
    [{ domain: "example.com\r\nX: y" }, /domain .* may not hold/],
    [{ sameSite: "lax" as never }, /sameSite is "Strict", "Lax" or "None"/],
  ])("refuses the option %j", (options, message) => {
    expect(() => serializeCookie("sid", "x", options)).toThrow(message);
  });
});

describe("expiredCookie", () => {
  it("tells the browser to forget the cookie now, with the path it was set for", () => {
    expect(expiredCookie("sid", { path: "/app", httpOnly: true })).toBe(
      "sid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/app; HttpOnly",
    );
  });
});
