/**
 * Exercise: mount two apps with the URL map.
 *
 * `blog` and `shop` below are finished apps, each written as if it had the
 * whole site to itself. Put them, and `home`, under one server:
 *
 *   /blog, /blog/...  ->  blog
 *   /shop, /shop/...  ->  shop
 *   anything else     ->  home
 *
 * 1. Export `site`, made with `urlMap` (from gateway/kit/url-map.ts).
 * 2. Fix `blog`'s link to its first post. Written "/posts/1", it is right
 *    only when the blog is at the root of the site; mounted at /blog, the
 *    browser must be sent to "/blog/posts/1". Build it from
 *    `environ.SCRIPT_NAME`, so that it is right wherever the blog is mounted.
 *
 * Check it: npm run learn -- check 09-mount-apps
 * Read: lessons/09-reuse/README.md, "Exercise: mount two apps".
 */
import { html, htmlResponse } from "../../gateway/html.ts";
import { urlMap } from "../../gateway/kit/url-map.ts";
import type { App } from "../../gateway/types.ts";

export const blog: App = (environ, startResponse) => {
  if (environ.PATH_INFO === "/posts/1") {
    return htmlResponse(startResponse, "200 OK", html`<h1>First post</h1>`);
  }
  // SCRIPT_NAME is where the blog is mounted: "/blog" under the map, "" at the root.
  const link = `${environ.SCRIPT_NAME}/posts/1`;
  return htmlResponse(startResponse, "200 OK", html`<h1>Blog</h1><a href="${link}">First post</a>`);
};

export const shop: App = (environ, startResponse) =>
  htmlResponse(
    startResponse,
    "200 OK",
    html`<h1>Shop</h1><p>Aisle ${environ.PATH_INFO || "/"}</p>`,
  );

export const home: App = (_environ, startResponse) =>
  htmlResponse(startResponse, "200 OK", html`<h1>Home</h1>`);

// The map moves the prefix it matched from PATH_INFO to SCRIPT_NAME, so each
// app sees only its own part of the path, and learns where it is mounted.
export const site: App = urlMap({ "/blog": blog, "/shop": shop, "/": home });
