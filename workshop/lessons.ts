/**
 * The lessons: the `NN-slug` folders of `lessons/` that hold a README.md.
 *
 * Nothing is cached: the home reads the folders on every request, so an
 * instructor who edits a README during class sees it on the next reload.
 *
 * @example
 * const lessons = await listLessons("lessons");
 * lessons[0]; // { slug: "01-http-by-hand", number: "01", title: "HTTP by hand", ... }
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { lexer, type Tokens } from "marked";

/** One lesson folder, and what its README says about it. */
export interface Lesson {
  /** The folder name, also its URL segment: "03-gateway-app". */
  slug: string;
  /** The two-digit number: "03". */
  number: string;
  /** The README's first `# ` heading. */
  title: string;
  /** The README's first paragraph, as one line of Markdown. */
  summary: string;
  /** The folder's absolute path. */
  dir: string;
  /** The README's text. */
  readme: string;
}

const LESSON_FOLDER = /^(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*$/;
// "05 · Middleware", "05. Middleware", "Lesson 5: Middleware".
const LEADING_NUMBER = /^(?:lesson\s+)?\d+\s*[·.:\-–—]\s*/i;
// A sentence ends at . ! or ? followed by a space and what may start the next one.
const FIRST_SENTENCE = /^(.+?[.!?])\s+(?=[A-Z`*_[(])/;

/**
 * The lessons in `lessonsDir`, in order; none when the folder does not exist.
 * @example (await listLessons("lessons")).map((lesson) => lesson.slug);
 */
export async function listLessons(lessonsDir: string): Promise<Lesson[]> {
  const names = await readdir(lessonsDir).catch(() => []);
  const lessons = await Promise.all(names.sort().map((name) => readLesson(lessonsDir, name)));
  return lessons.filter((lesson) => lesson !== undefined);
}

/**
 * The lesson in folder `slug`, or undefined when there is no such lesson.
 * @example await readLesson("lessons", "03-gateway-app");
 */
export async function readLesson(lessonsDir: string, slug: string): Promise<Lesson | undefined> {
  const number = LESSON_FOLDER.exec(slug)?.[1];
  if (number === undefined) return undefined;
  const dir = join(lessonsDir, slug);
  const readme = await readFile(join(dir, "README.md"), "utf8").catch(() => undefined);
  if (readme === undefined) return undefined;
  const { title, summary } = describe(readme);
  return { slug, number, title: title ?? slug.slice(3).replaceAll("-", " "), summary, dir, readme };
}

/**
 * A README's title (its first `# ` heading, without a leading lesson
 * number: the index shows the number apart) and summary (the first
 * sentence of its first paragraph).
 * @example describe("# 01 · HTTP by hand\n\nSend a request\nby hand. Then..."); // { title: "HTTP by hand", summary: "Send a request by hand." }
 */
export function describe(readme: string): { title: string | undefined; summary: string } {
  const blocks = lexer(readme);
  const heading = blocks.find(
    (block): block is Tokens.Heading => block.type === "heading" && block.depth === 1,
  );
  const paragraph = blocks.find((block): block is Tokens.Paragraph => block.type === "paragraph");
  const text = paragraph?.text.replace(/\s*\n\s*/g, " ").trim() ?? "";
  return {
    title: heading?.text.replace(LEADING_NUMBER, "").trim(),
    summary: FIRST_SENTENCE.exec(text)?.[1] ?? text,
  };
}
