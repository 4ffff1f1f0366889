/**
 * The lessons' demos: which there are, the command that starts each, and
 * what each one shows.
 *
 * A demo is a file `lessons/NN-slug/demo.ts` (started by `npm run demo -- N`)
 * or `demo-NAME.ts` (`npm run demo -- N NAME`). What it shows is written
 * once, in the file itself: its opening doc comment starts with its command
 * and says, in the sentence after the colon, what the demo shows:
 *
 *     /** `npm run demo -- 3 countdown`: a body sent while it is made, a line a second. *\/
 *
 * `npm run demo` lists those sentences, and the home shows them beside each
 * lesson; test/workshop/demo-catalog.test.ts checks that every demo file
 * opens this way.
 *
 * @example
 * const demos = await lessonDemos("lessons/03-gateway-app");
 * demos[1]; // { name: "countdown", command: "npm run demo -- 3 countdown", shows: "a body sent ...", ... }
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type Lesson, listLessons } from "./lessons.ts";

/** One demo of a lesson. */
export interface Demo {
  /** "" for the lesson's `demo.ts`, else the NAME of `demo-NAME.ts`. */
  name: string;
  /** The command that starts it: "npm run demo -- 3 countdown". */
  command: string;
  /** What it shows, one sentence from its doc comment; "" when the file does not say. */
  shows: string;
  /** The flags its doc comment names, but `--host` and `--port`, which every demo takes: ["--raw"]. */
  flags: string[];
  /** The file's absolute path. */
  file: string;
}

const DEMO_FILE = /^demo(?:-([a-z0-9-]+))?\.ts$/;
// The opening doc comment, and the sentence after its command's colon.
const DOC_COMMENT = /^\s*\/\*\*([\s\S]*?)\*\//;
const FIRST_SENTENCE = /^(.+?[.!?])(?:\s|$)/;
const FLAG = /`(--[a-z][a-z-]*)`/g;
const EVERY_DEMO_TAKES = new Set(["--host", "--port"]);

/**
 * The command that starts demo `name` ("" for the main one) of lesson `number`.
 * @example demoCommand("03", "countdown"); // "npm run demo -- 3 countdown"
 */
export function demoCommand(number: string, name: string): string {
  return `npm run demo -- ${Number(number)}${name ? ` ${name}` : ""}`;
}

/**
 * The demos in a lesson's folder, the main one first, then by name.
 * @example (await lessonDemos("lessons/04-many-servers")).map((demo) => demo.name); // ["", "cgi", "client", "exercise"]
 */
export async function lessonDemos(lessonDir: string): Promise<Demo[]> {
  const number = /^(\d\d)-/.exec(path.basename(lessonDir))?.[1] ?? "00";
  const files = (await readdir(lessonDir).catch(() => [] as string[])).filter((file) =>
    DEMO_FILE.test(file),
  );
  const demos = await Promise.all(
    files.map(async (file) => {
      const name = DEMO_FILE.exec(file)?.[1] ?? "";
      const command = demoCommand(number, name);
      const source = await readFile(path.join(lessonDir, file), "utf8");
      return {
        name,
        command,
        shows: whatItShows(source, command),
        flags: flagsNamed(source),
        file: path.join(lessonDir, file),
      };
    }),
  );
  return demos.sort((a, b) =>
    a.name === "" ? -1 : b.name === "" ? 1 : a.name.localeCompare(b.name),
  );
}

/**
 * The sentence after "`COMMAND`:" at the start of a demo file's doc comment, or "" when it does not start so.
 * @example whatItShows("/** `npm run demo -- 3`: Hello World! as an app. More. *\/", "npm run demo -- 3"); // "Hello World! as an app."
 */
export function whatItShows(source: string, command: string): string {
  const comment = DOC_COMMENT.exec(source)?.[1] ?? "";
  const text = comment
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, "").trim())
    .join(" ")
    .trim();
  const opening = `\`${command}\`:`;
  if (!text.startsWith(opening)) return "";
  const rest = text.slice(opening.length).trim();
  return FIRST_SENTENCE.exec(rest)?.[1] ?? rest;
}

/**
 * The flags a demo file's opening doc comment names in backticks, in order,
 * but the `--host` and `--port` that every demo takes.
 * @example flagsNamed("/** `npm run demo -- 12`: ... `--port` moves nginx, `--raw` drops `mountedAt`. *\/"); // ["--raw"]
 */
export function flagsNamed(source: string): string[] {
  const comment = DOC_COMMENT.exec(source)?.[1] ?? "";
  const flags = [...comment.matchAll(FLAG)].map((match) => match[1] as string);
  return [...new Set(flags)].filter((flag) => !EVERY_DEMO_TAKES.has(flag));
}

/** A lesson and its demos, for the list. */
export interface LessonDemos {
  lesson: Lesson;
  demos: Demo[];
}

/**
 * Every lesson of `lessonsDir` with its demos, in order (lessons with none left out).
 * @example (await allDemos("lessons"))[0].lesson.title; // "HTTP by hand"
 */
export async function allDemos(lessonsDir: string): Promise<LessonDemos[]> {
  const lessons = await listLessons(lessonsDir);
  const all = await Promise.all(
    lessons.map(async (lesson) => ({ lesson, demos: await lessonDemos(lesson.dir) })),
  );
  return all.filter(({ demos }) => demos.length > 0);
}

/**
 * The list `npm run demo` prints: each lesson's title, then one line per
 * demo, with the flags of its own after what it shows.
 * @example console.log(demoList(await allDemos("lessons")));
 */
export function demoList(lessons: LessonDemos[]): string {
  const width = Math.max(
    ...lessons.flatMap(({ demos }) => demos.map((demo) => demo.command.length)),
  );
  return lessons
    .map(({ lesson, demos }) =>
      [
        `${lesson.number} · ${lesson.title}`,
        ...demos.map((demo) => {
          const flags = demo.flags.length ? ` Also: ${demo.flags.join(", ")}.` : "";
          return `  ${demo.command.padEnd(width)}  ${demo.shows}${flags}`;
        }),
      ].join("\n"),
    )
    .join("\n");
}
