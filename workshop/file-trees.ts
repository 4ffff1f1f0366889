/**
 * The folders whose files the home shows as pages: each lesson's folder,
 * and `starter/` and `solutions/`, so that a lesson's link such as
 * `../../solutions/signin/app.ts` opens that file.
 *
 * They are read-only: the home answers GET and HEAD only. Paths come from
 * the request and go through lesson-files.ts, which refuses `..`, an empty
 * segment (so no absolute path), a backslash or a `:`, and any file that
 * lies outside its folder once symbolic links are followed.
 *
 * @example
 * const tree = lessonTree("", lesson);
 * tree.url(["demo", "app.ts"]); // "/lessons/03-gateway-app/demo/app.ts"
 */
import type { Lesson } from "./lessons.ts";
import { lessonUrl, urlFor } from "./urls.ts";

/** A folder shown by the home: what its pages call it, and the URL of a path inside it. */
export interface FileTree {
  /** The first link of a page's trail: the lesson's title, or "starter". */
  label: string;
  /** The folder on disk. */
  dir: string;
  /** The URL of a path inside it; end the segments with "" for a folder; [] is the tree itself. */
  url(segments: string[]): string;
}

/**
 * A lesson's folder; its own URL is the lesson's page.
 * @example lessonTree("", lesson).url([]); // "/lessons/03-gateway-app/"
 */
export function lessonTree(root: string, lesson: Lesson): FileTree {
  return {
    label: lesson.title,
    dir: lesson.dir,
    url: (segments) => lessonUrl(root, lesson.slug, segments),
  };
}

/**
 * `starter/` or `solutions/`, served at `/starter/` or `/solutions/`.
 * @example codeTree("", "solutions", "/home/me/workshop/solutions").url(["signin", "app.ts"]); // "/solutions/signin/app.ts"
 */
export function codeTree(root: string, name: "starter" | "solutions", dir: string): FileTree {
  return {
    label: `${name}/`,
    dir,
    url: (segments) =>
      urlFor(root, `/${[name, ...segments].join("/")}${segments.length ? "" : "/"}`),
  };
}
