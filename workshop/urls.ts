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

/**
 * The URL path of an exercise's page, or of something under it (`"events"`, `"reset"`).
 * @example exerciseUrl("", "05-add-header", "reset"); // "/exercises/05-add-header/reset"
 */
export function exerciseUrl(root: string, id: string, under?: string): string {
  return urlFor(root, `/exercises/${id}${under === undefined ? "" : `/${under}`}`);
}

/**
 * The URL path of the instructor's mode for an exercise, or of something under it.
 * @example instructorUrl("", "05-add-header", "step"); // "/instructor/05-add-header/step"
 */
export function instructorUrl(root: string, id?: string, under?: string): string {
  const parts = ["/instructor", id, under].filter((part) => part !== undefined);
  return urlFor(root, parts.join("/"));
}
