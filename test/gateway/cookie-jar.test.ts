import { describe, expect, it } from "vitest";
import { CookieJar } from "../../gateway/cookie-jar.ts";

describe("the cookie jar", () => {
  it("stores the name and value of each Set-Cookie, leaving the attributes out", () => {
    const jar = new CookieJar();
    jar.store(["sid=abc; HttpOnly; Path=/; SameSite=Lax", "theme = dark "]);
    expect(jar.header()).toBe("sid=abc; theme=dark");
    expect(jar.get("sid")).toBe("abc");
  });

  it("keeps an = inside a value", () => {
    const jar = new CookieJar();
    jar.store(["token=a=b=="]);
    expect(jar.get("token")).toBe("a=b==");
  });

  it("replaces a cookie set again", () => {
    const jar = new CookieJar();
    jar.store(["sid=old"]);
    jar.store(["sid=new"]);
    expect(jar.header()).toBe("sid=new");
  });

  it("forgets a cookie set with Max-Age=0 or a negative Max-Age", () => {
    const jar = new CookieJar();
    jar.store(["a=1", "b=2", "c=3"]);
    jar.store(["a=; Max-Age=0", "b=; max-age=-1"]);
    expect(jar.header()).toBe("c=3");
  });

  it("forgets a cookie whose Expires is in the past, and keeps one in the future", () => {
    const jar = new CookieJar();
    jar.store(["a=1", "b=2"]);
    jar.store([
      "a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
      "b=3; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
    ]);
    expect(jar.header()).toBe("b=3");
  });

  it("ignores a Set-Cookie without a name", () => {
    const jar = new CookieJar();
    jar.store(["=nameless", "novalue"]);
    expect(jar.header()).toBe("");
  });

  it("lets a test set and clear cookies by hand", () => {
    const jar = new CookieJar();
    jar.set("sid", "forged");
    expect(jar.header()).toBe("sid=forged");
    jar.clear();
    expect(jar.header()).toBe("");
  });
});
