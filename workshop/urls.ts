/**
 * Links inside the workshop home.
 *
 * Every link starts from `SCRIPT_NAME` (here called `root`), so the home
 * works mounted under a prefix, and every path segment is percent-encoded,
 * so a file named `a b#1.ts` still links to itself.
 *
 * @example
 * urlFor("/workshop", "/lessons/03-gateway-app/"); // "/workshop/lessons/03-gateway-app/"
 */

/**
 * The URL path of `path` (which starts with "/") under the app's root.
 * @example urlFor("", "/style.css"); // "/style.css"
 */
export function urlFor(root: string, path: string): string {
  return `${root}${path}`.split("/").map(encodeURIComponent).join("/");
}

/**
 * The URL path of a lesson, or of a file inside it; end the segments with
 * "" for a folder, whose URL ends in "/".
 * @example lessonUrl("", "03-gateway-app", ["demo", "app.ts"]); // "/lessons/03-gateway-app/demo/app.ts"
 */
export function lessonUrl(root: string, slug: string, segments: string[] = []): string {
  return urlFor(root, `/lessons/${[slug, ...segments].join("/")}${segments.length ? "" : "/"}`);
}
