/**
 * Exercise 09-mount-apps: two apps and a home page under one server, with the URL map.
 */
import { describe, expect, it } from "vitest";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("09-reuse", "Exercise: mount two apps");
const file = "09-reuse/mount-apps.ts";
const site = await exerciseExport<App>(file, "site", "function", section);
const blog = await exerciseExport<App>(file, "blog", "function", section);

describe("site", () => {
  const client = new TestClient(site);

  it.each([
    ["/blog", "<h1>Blog</h1>"],
    ["/blog/", "<h1>Blog</h1>"],
    ["/blog/posts/1", "<h1>First post</h1>"],
    ["/shop", "<h1>Shop</h1><p>Aisle /</p>"],
    ["/shop/fruit", "<h1>Shop</h1><p>Aisle /fruit</p>"],
    ["/", "<h1>Home</h1>"],
    ["/about", "<h1>Home</h1>"],
    ["/blogger", "<h1>Home</h1>"],
  ])("sends %s to the right app", async (path, start) => {
    const response = await client.get(path);
    expect(
      response.text.startsWith(start),
      `GET ${path} should start with ${start}, got ${response.text}: mount blog at "/blog", shop at "/shop" and home at "/" with urlMap; ${section.see}`,
    ).toBe(true);
  });

  it("links to the blog's first post under /blog", async () => {
    const response = await client.get("/blog/");
    expect(
      response.text,
      `the blog, mounted at /blog, must link to /blog/posts/1: build the link from environ.SCRIPT_NAME; ${section.see}`,
    ).toContain('href="/blog/posts/1"');
  });

  it("links right when the whole site is mounted under a prefix of its own", async () => {
    const response = await client.get("/blog/", { environ: { SCRIPT_NAME: "/site" } });
    expect(
      response.text,
      `with the site itself mounted at /site, the link must be /site/blog/posts/1: use environ.SCRIPT_NAME as it comes, do not write "/blog" in the link; ${section.see}`,
    ).toContain('href="/site/blog/posts/1"');
  });

  it("leaves the blog right at the root, when served on its own", async () => {
    const response = await new TestClient(blog).get("/");
    expect(
      response.text,
      `served on its own, at the root, the blog must still link to /posts/1 (SCRIPT_NAME is "" there); ${section.see}`,
    ).toContain('href="/posts/1"');
  });
});
